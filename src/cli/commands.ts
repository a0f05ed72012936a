import type { Command } from 'commander';
import { registerLogCommands } from './log.ts';
import { registerDemoCommand } from '../modules/demo/command.ts';
import { registerIdentityCommands } from '../modules/identity/command.ts';
import { registerControlCommands } from '../modules/control/command.ts';
import { registerImportCommand } from '../modules/records/import-command.ts';

/** Registers each module's commands on the `skjold` program; one line per module. */
export function registerCommands(program: Command): void {
  registerLogCommands(program);
  registerDemoCommand(program);
  registerIdentityCommands(program);
  registerControlCommands(program);
  registerImportCommand(program);
}
