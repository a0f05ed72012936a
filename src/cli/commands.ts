import type { Command } from 'commander';
import { registerDemoCommand } from '../modules/demo/command.ts';
import { registerIdentityCommands } from '../modules/identity/command.ts';

/** Registers each module's commands on the `skjold` program; one line per module. */
export function registerCommands(program: Command): void {
  registerDemoCommand(program);
  registerIdentityCommands(program);
}
