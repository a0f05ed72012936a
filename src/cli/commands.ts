import type { Command } from 'commander';

/** Registers each module's commands on the `skjold` program; one line per module. */
export function registerCommands(program: Command): void {
  void program;
}
