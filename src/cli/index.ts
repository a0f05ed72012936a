// The `skjold` command line: thin commands over the modules' services.
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../config/index.ts';
import { DatabaseUnavailableError, migrate, openDatabase } from '../db/index.ts';

/** Opens the configured database, runs fn, and closes it again (lives in database.ts so commands.ts can import it). */
export { withDatabase } from './database.ts';

const program = new Command()
  .name('skjold')
  .description('Skjold: data-security platform for Danish municipalities')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    try {
      const applied = await migrate(db.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await db.close();
    }
  });

const { registerCommands } = await import('./commands.ts');
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
    process.stderr.write(`skjold: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof Error && error.name === 'ClientError') {
    process.stderr.write(`skjold: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
