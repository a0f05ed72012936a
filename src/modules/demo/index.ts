// The demo municipality: generate deterministically (generate.ts) and write it in one transaction, once per municipality.
import { seedDemoGrants } from '../access/index.ts';
import { provisionDemoIdentity } from '../identity/index.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Db } from '../../db/index.ts';
import { generateDemo, validateDemoOptions, type DemoOptions } from './generate.ts';
import { demoLogins } from './org.ts';
import type { DemoData, DemoLogin } from './types.ts';

// Re-exports: the row shapes and login type, the demo password, and the pure generator.
export type { DemoLogin, DemoData } from './types.ts';
export { DEMO_PASSWORD } from './org.ts';
export { DEMO_DEFAULT_SIZE, DEMO_REFERENCE_DATE, DemoDataError, DemoOptionsError, assertSubstituteCprs, generateDemo, validateDemoOptions, type DemoOptions } from './generate.ts';

/** Row counts of a seeded demo municipality. */
export interface DemoCounts {
  units: number;
  employees: number;
  citizens: number;
  relations: number;
  cases: number;
  documents: number;
}

/** The outcome of seedDemo: seeded now (with counts and time), or already seeded earlier (with that run's seed). */
export type SeedResult = { seeded: true; counts: DemoCounts; milliseconds: number } | { seeded: false; existingSeed: number };

// PostgreSQL limits one statement to 65,535 bind parameters; stay well below with at most 1,000 rows.
const MAX_PARAMETERS = 65_535;
const MAX_ROWS_PER_INSERT = 1_000;
// Advisory lock key (class, object): 'Skjd' and the municipality code, so two starts never seed twice.
const LOCK_CLASS = 0x536b6a64;

type TableName = 'org_unit' | 'employee' | 'citizen' | 'citizen_relation' | 'citizen_case' | 'case_document';

async function insertChunked<T extends object>(trx: Kysely<Database>, table: TableName, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

/** Writes generated demo data (without the municipality and demo_run rows) inside the given transaction. */
export async function writeDemoData(trx: Kysely<Database>, data: DemoData, logger?: Logger): Promise<DemoCounts> {
  const code = data.municipality.code;
  // Parents before children: units ordered so every parent precedes its sub-units.
  await insertChunked(trx, 'org_unit', data.units);
  // roles is text[]: send it as an array literal so every driver (pg, PGlite) binds it the same way.
  await insertChunked(
    trx,
    'employee',
    data.employees.map((e) => ({ ...e, roles: `{${e.roles.join(',')}}` })),
  );
  logger?.info({ municipality: code, units: data.units.length, employees: data.employees.length }, 'demo: organisation written');
  await insertChunked(trx, 'citizen', data.citizens);
  await insertChunked(trx, 'citizen_relation', data.relations);
  logger?.info({ municipality: code, citizens: data.citizens.length, relations: data.relations.length }, 'demo: citizens written');
  await insertChunked(trx, 'citizen_case', data.cases);
  await insertChunked(trx, 'case_document', data.documents);
  logger?.info({ municipality: code, cases: data.cases.length, documents: data.documents.length }, 'demo: cases written');
  return {
    units: data.units.length,
    employees: data.employees.length,
    citizens: data.citizens.length,
    relations: data.relations.length,
    cases: data.cases.length,
    documents: data.documents.length,
  };
}

/**
 * Seeds the demo municipality unless it already has a demo_run row; all in one transaction under an advisory
 * lock, so two processes starting at once seed exactly once. Throws DemoOptionsError for bad options.
 */
export async function seedDemo(db: Db, options: DemoOptions & { logger?: Logger }): Promise<SeedResult> {
  const o = validateDemoOptions(options);
  const logger = options.logger;
  const started = performance.now();
  return db.db.transaction().execute(async (trx: Transaction<Database>) => {
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${Number(o.code)}::int4)`.execute(trx);
    const existing = await trx.selectFrom('demo_run').select('seed').where('municipality', '=', o.code).executeTakeFirst();
    if (existing) return { seeded: false, existingSeed: existing.seed };
    await trx.insertInto('municipality').values({ code: o.code, name: o.name }).onConflict((oc) => oc.doNothing()).execute();
    logger?.info({ municipality: o.code, seed: o.seed, citizens: o.citizens, employees: o.employees }, 'demo: generating');
    const data = generateDemo(options);
    logger?.info({ municipality: o.code, ms: Math.round(performance.now() - started) }, 'demo: generated');
    const counts = await writeDemoData(trx, data, logger);
    await trx.insertInto('demo_run').values({ municipality: o.code, seed: o.seed }).execute();
    const milliseconds = Math.round(performance.now() - started);
    logger?.info({ municipality: o.code, ...counts, ms: milliseconds }, 'demo: seeded');
    return { seeded: true, counts, milliseconds };
  });
}

/** Seeds the demo municipality on first start (once per database), gives the demo logins their password; returns them. */
export async function ensureDemo(db: Db, options: { municipality: string; seed: number; logger: Logger }): Promise<DemoLogin[]> {
  const result = await seedDemo(db, options);
  if (!result.seeded) options.logger.info({ municipality: options.municipality, seed: result.existingSeed }, 'demo: already seeded');
  const logins = demoLogins();
  await provisionDemoIdentity({ db: db.db, municipality: options.municipality, now: () => new Date() }, logins);
  await seedDemoGrants(db.db, options.municipality, () => new Date());
  return logins;
}
