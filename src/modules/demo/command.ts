// `skjold demo`: seeds the demo municipality into the configured database (once per municipality).
import type { Command } from 'commander';
import { withDatabase } from '../../cli/database.ts';
import { municipality as findMunicipality } from '../reference/index.ts';
import { DEMO_DEFAULT_SIZE, DemoOptionsError } from './generate.ts';
import { seedDemoGrants } from '../access/index.ts';
import { provisionDemoIdentity } from '../identity/index.ts';
import { demoLogins } from './org.ts';
import { seedDemo } from './index.ts';

function wholeNumber(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) return Number.NaN;
  const n = Number(value.trim());
  return n <= max ? n : Number.NaN;
}

/** Registers `skjold demo --seed N [--municipality CODE]` on the program. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('seed the deterministic demo municipality into the configured database (once per municipality)')
    .option('--seed <n>', 'seed for the generator (default SKJOLD_DEMO_SEED or 1)')
    .option('--municipality <code>', 'municipality code (default SKJOLD_MUNICIPALITY or 0336)')
    .option('--citizens <n>', `number of citizens (default ${DEMO_DEFAULT_SIZE.citizens})`)
    .option('--employees <n>', `number of employees (default ${DEMO_DEFAULT_SIZE.employees})`)
    .action(async function (this: Command, opts: { seed?: string; municipality?: string; citizens?: string; employees?: string }) {
      const fail = (message: string): never => this.error(`skjold demo: ${message}`, { exitCode: 2, code: 'skjold.demo.invalidArgument' });
      const seed = wholeNumber(opts.seed, 2_147_483_647);
      if (Number.isNaN(seed)) fail('--seed skal være et helt tal fra 0 til 2147483647');
      if (opts.municipality !== undefined && !findMunicipality(opts.municipality.trim())) fail('--municipality skal være en af de 98 kommunekoder, fx 0336');
      const citizens = wholeNumber(opts.citizens, 1_000_000);
      const employees = wholeNumber(opts.employees, 50_000);
      if (Number.isNaN(citizens)) fail('--citizens skal være et helt tal');
      if (Number.isNaN(employees)) fail('--employees skal være et helt tal');
      await withDatabase(async (db, config) => {
        const code = opts.municipality?.trim() ?? config.municipality;
        const name = findMunicipality(code)?.name ?? code;
        try {
          const result = await seedDemo(db, {
            municipality: code,
            seed: seed ?? config.demoSeed,
            ...(citizens !== undefined ? { citizens } : {}),
            ...(employees !== undefined ? { employees } : {}),
          });
          if (!result.seeded) {
            process.stdout.write(`Demokommunen ${code} ${name} er allerede oprettet (seed ${result.existingSeed}); intet er ændret.\n`);
            return;
          }
          await provisionDemoIdentity({ db: db.db, municipality: code, now: () => new Date() }, demoLogins());
          await seedDemoGrants(db.db, code, () => new Date());
          const c = result.counts;
          process.stdout.write(
            `Demokommunen ${code} ${name} er oprettet: ${c.units} enheder, ${c.employees} medarbejdere, ${c.citizens} borgere, ` +
              `${c.relations} relationer, ${c.cases} sager, ${c.documents} dokumenter (${(result.milliseconds / 1000).toFixed(1)} s).\n`,
          );
        } catch (error) {
          if (error instanceof DemoOptionsError) fail(error.message);
          throw error;
        }
      });
    });
}
