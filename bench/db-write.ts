// db-write: multi-row INSERT (batches of 1,000) against the engine's bulk path for 100,000 access-log-shaped rows, as a ratio.
// Bulk path: PGlite → COPY FROM '/dev/blob' (CSV); PostgreSQL → COPY FROM STDIN when `pg-copy-streams` is installed,
// else INSERT … SELECT FROM unnest(arrays). BENCH_ROWS, BENCH_REPEATS and BENCH_BULK=unnest|copy override the defaults.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { kleSubjects } from '../src/modules/reference/index.ts';
import {
  BenchUsageError,
  compare,
  formatRate,
  formatRatio,
  intFromEnv,
  log,
  perSecond,
  withScratchDb,
  type ScratchDb,
} from './support.ts';

/** One line for the usage listing. */
export const description = 'multi-row INSERT vs COPY/unnest bulk path for 100,000 access-log rows';

/** One access-log row as stored (see ../shared/spec/access-log-record.md), flattened to columns. */
export interface AccessLogRow {
  id: string;
  system: string;
  time: string;
  user_id: string;
  unit: string | null;
  workstation: string | null;
  ip: string | null;
  action: string;
  subject_cpr: string | null;
  query: string | null;
  result_count: number | null;
  case_id: string | null;
  case_kle: string | null;
  purpose: string | null;
  outcome: string;
  municipality: string;
}

const TABLE = 'bench_access_log';
const INSERT_BATCH = 1_000;
/** Rows per unnest statement (16 arrays of this length each). */
const UNNEST_CHUNK = 10_000;
/** Rows per chunk written to a COPY FROM STDIN stream. */
const COPY_CHUNK = 1_000;

/** Column name → SQL type, in table order. */
const COLUMNS: ReadonlyArray<readonly [keyof AccessLogRow, string]> = [
  ['id', 'text'],
  ['system', 'text'],
  ['time', 'timestamptz'],
  ['user_id', 'text'],
  ['unit', 'text'],
  ['workstation', 'text'],
  ['ip', 'inet'],
  ['action', 'text'],
  ['subject_cpr', 'char(10)'],
  ['query', 'text'],
  ['result_count', 'int'],
  ['case_id', 'text'],
  ['case_kle', 'text'],
  ['purpose', 'text'],
  ['outcome', 'text'],
  ['municipality', 'char(4)'],
];
const COLUMN_LIST = COLUMNS.map(([name]) => name).join(', ');
const NOT_NULL = new Set(['id', 'system', 'time', 'user_id', 'action', 'outcome', 'municipality']);

const CREATE_TABLE = `CREATE TABLE ${TABLE} (
  ${COLUMNS.map(([name, type]) => `${name} ${type}${NOT_NULL.has(name) ? ' NOT NULL' : ''}`).join(',\n  ')},
  PRIMARY KEY (municipality, system, id)
)`;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic rows

/** A small seeded PRNG (mulberry32): the same seed gives the same rows on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A demo CPR number: a plausible birth date and serial, then the substitute rule (day's first digit + 6). */
function demoCpr(rand: () => number): string {
  const year = 1930 + Math.floor(rand() * 80); // 1930–2009
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const centuryDigit = year >= 2000 ? 4 : Math.floor(rand() * 4); // 4 with YY ≤ 36 → 2000s; 0–3 → 1900s
  const serial = `${centuryDigit}${pad(Math.floor(rand() * 1000), 3)}`;
  const real = `${pad(day, 2)}${pad(month, 2)}${pad(year % 100, 2)}${serial}`;
  const cpr = `${Number(real[0]) + 6}${real.slice(1)}`;
  assertDemoCpr(cpr);
  return cpr;
}

/** Throws unless `cpr` follows the demo substitute rule, so it can never be a real person's number. */
function assertDemoCpr(cpr: string): void {
  const first = Number(cpr[0]);
  const day = (first - 6) * 10 + Number(cpr[1]);
  if (!/^\d{10}$/.test(cpr) || first < 6 || day < 1 || day > 31) {
    throw new Error('generated CPR number does not follow the demo substitute rule');
  }
}

const SYSTEMS = ['skjold', 'sbsys', 'kmd-nova', 'opus-ydelse', 'kmd-sag'] as const;
const UNITS = ['borgerservice', 'ydelse', 'boern-og-familie', 'jobcenter', 'sekretariatet-bu', 'it-og-digitalisering'] as const;
const PURPOSES = ['boligydelse ansøgning', 'pas og kørekort', 'flytning', 'sygedagpenge opfølgning', 'børnefamilieydelse', null] as const;
const SURNAMES = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen'] as const;
const STREETS = ['Storegade', 'Algade', 'Strandvejen', 'Søndergade', 'Nørregade', 'Vestergade'] as const;

/** `count` access-log rows, the same for the same seed: a working day of lookups in Stevns (0336). */
export function generateRows(count: number, seed = 1): AccessLogRow[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const citizens = Array.from({ length: 20_000 }, () => demoCpr(rand));
  const start = Date.parse('2026-11-20T08:00:00+01:00');
  const rows: AccessLogRow[] = [];
  for (let i = 0; i < count; i++) {
    const system = pick(SYSTEMS);
    const r = rand();
    const action = r < 0.25 ? 'search' : r < 0.85 ? 'view' : r < 0.93 ? 'update' : r < 0.97 ? 'create' : r < 0.99 ? 'print' : 'export';
    const isSearch = action === 'search';
    const hasSubject = !isSearch || rand() < 0.5; // a search that showed a person carries both query and subject
    const hasCase = !isSearch && rand() < 0.6;
    const user = 1 + Math.floor(rand() * 500);
    rows.push({
      id: `${system}-${pad(i, 8)}`,
      system,
      time: new Date(start + i * 250 + Math.floor(rand() * 250)).toISOString(),
      user_id: `ab${pad(user, 4)}`,
      unit: rand() < 0.9 ? pick(UNITS) : null,
      workstation: rand() < 0.8 ? `BS-PC-${pad(1 + (user % 60), 2)}` : null,
      ip: rand() < 0.9 ? `10.20.${user % 256}.${1 + Math.floor(rand() * 254)}` : null,
      action,
      subject_cpr: hasSubject ? pick(citizens) : null,
      query: isSearch ? `${pick(SURNAMES)}, ${pick(STREETS)}` : null,
      result_count: isSearch ? Math.floor(rand() * 40) : null,
      case_id: hasCase ? `S-2026-${pad(Math.floor(rand() * 100_000), 5)}` : null,
      case_kle: hasCase ? pick(kleSubjects).code : null,
      purpose: pick(PURPOSES),
      outcome: rand() < 0.02 ? 'denied' : 'ok',
      municipality: '0336',
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Write paths

type Writer = (rows: readonly AccessLogRow[]) => Promise<void>;

/** Baseline: multi-row INSERT through Kysely, 1,000 rows per statement, each statement its own transaction. */
function insertWriter(scratch: ScratchDb): Writer {
  const db = scratch.db.withTables<{ [TABLE]: AccessLogRow }>();
  return async (rows) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await db.insertInto(TABLE).values(rows.slice(i, i + INSERT_BATCH)).execute();
    }
  };
}

/** INSERT … SELECT FROM unnest($1::text[], …): one parameter per column, UNNEST_CHUNK rows per statement. */
function unnestWriter(scratch: ScratchDb): Writer {
  return async (rows) => {
    for (let i = 0; i < rows.length; i += UNNEST_CHUNK) {
      const chunk = rows.slice(i, i + UNNEST_CHUNK);
      const arrays = COLUMNS.map(([name, type]) => sql`${chunk.map((row) => row[name])}::${sql.raw(type)}[]`);
      await sql`INSERT INTO ${sql.table(TABLE)} (${sql.raw(COLUMN_LIST)}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(
        scratch.db,
      );
    }
  };
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replaceAll('"', '""')}"`; // always quoted: an empty string stays distinct from NULL
}

/** Rows as CSV lines for COPY … WITH (FORMAT csv), in COLUMNS order. */
function toCsv(rows: readonly AccessLogRow[]): string {
  let out = '';
  for (const row of rows) out += `${COLUMNS.map(([name]) => csvField(row[name])).join(',')}\n`;
  return out;
}

const COPY_SQL = (source: string) => `COPY ${TABLE} (${COLUMN_LIST}) FROM ${source} WITH (FORMAT csv)`;

/** PGlite's fastest bulk path: the rows as one CSV blob, COPY FROM '/dev/blob'. */
function pgliteCopyWriter(scratch: ScratchDb): Writer {
  const pglite = scratch.pglite;
  if (!pglite) throw new Error('COPY FROM /dev/blob needs PGlite');
  return async (rows) => {
    await pglite.query(COPY_SQL(`'/dev/blob'`), [], { blob: new Blob([toCsv(rows)]) });
  };
}

/** The part of `pg-copy-streams` used here (loaded only when installed; it is not a dependency yet). */
interface PgCopyStreams {
  from(text: string): NodeJS.WritableStream & { text: string };
}

async function loadPgCopyStreams(): Promise<PgCopyStreams | undefined> {
  const specifier = 'pg-copy-streams'; // a variable, so neither TypeScript nor tsx requires the package to exist
  try {
    const mod = (await import(specifier)) as { default?: PgCopyStreams } & Partial<PgCopyStreams>;
    return mod.from ? (mod as PgCopyStreams) : mod.default;
  } catch {
    return undefined;
  }
}

/** PostgreSQL COPY FROM STDIN via pg-copy-streams: CSV written in chunks of COPY_CHUNK rows to one COPY. */
function pgCopyWriter(scratch: ScratchDb, copy: PgCopyStreams): Writer {
  const pool = scratch.pool;
  if (!pool) throw new Error('COPY FROM STDIN needs a PostgreSQL server');
  return async (rows) => {
    const client = await pool.connect();
    try {
      const target = client.query(copy.from(COPY_SQL('STDIN')) as never) as unknown as NodeJS.WritableStream;
      const chunks = function* () {
        for (let i = 0; i < rows.length; i += COPY_CHUNK) yield toCsv(rows.slice(i, i + COPY_CHUNK));
      };
      await pipeline(Readable.from(chunks()), target);
    } finally {
      client.release();
    }
  };
}

/** Picks the engine's bulk path: COPY where available, else unnest; BENCH_BULK=copy|unnest forces one. */
async function bulkWriter(scratch: ScratchDb): Promise<{ name: 'copy' | 'unnest'; write: Writer }> {
  const forced = process.env.BENCH_BULK;
  if (forced !== undefined && forced !== 'copy' && forced !== 'unnest') throw new BenchUsageError('BENCH_BULK must be "copy" or "unnest"');
  if (forced !== 'unnest') {
    if (scratch.kind === 'pglite') return { name: 'copy', write: pgliteCopyWriter(scratch) };
    const copy = await loadPgCopyStreams();
    if (copy) return { name: 'copy', write: pgCopyWriter(scratch, copy) };
    if (forced === 'copy') throw new BenchUsageError('BENCH_BULK=copy on PostgreSQL needs the pg-copy-streams package');
    log('db-write: pg-copy-streams is not installed; bulk path on PostgreSQL is INSERT … SELECT FROM unnest(…)');
  }
  return { name: 'unnest', write: unnestWriter(scratch) };
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

async function truncate(scratch: ScratchDb): Promise<void> {
  await sql`TRUNCATE ${sql.table(TABLE)}`.execute(scratch.db);
}

/** A fingerprint of the table's contents, to check that both paths store exactly the same rows. */
async function fingerprint(scratch: ScratchDb): Promise<{ count: number; digest: string }> {
  const { rows } = await sql<{ count: number; digest: string }>`
    SELECT count(*)::int AS count, md5(string_agg(t::text, '|' ORDER BY municipality, system, id)) AS digest
    FROM ${sql.table(TABLE)} t`.execute(scratch.db);
  return rows[0]!;
}

/** Runs db-write on the configured database and returns the figure. */
export async function run(): Promise<string> {
  const total = intFromEnv('BENCH_ROWS', 100_000);
  const repeats = intFromEnv('BENCH_REPEATS', 5);
  log(`db-write: generating ${total} rows`);
  const rows = generateRows(total);
  return withScratchDb(async (scratch) => {
    await sql.raw(CREATE_TABLE).execute(scratch.db);
    const insert = insertWriter(scratch);
    const bulk = await bulkWriter(scratch);

    // Correctness first: both paths must store identical rows (this also warms both paths up).
    const sample = rows.slice(0, Math.min(total, 5_000));
    await truncate(scratch);
    await insert(sample);
    const viaInsert = await fingerprint(scratch);
    await truncate(scratch);
    await bulk.write(sample);
    const viaBulk = await fingerprint(scratch);
    if (viaInsert.count !== sample.length || viaInsert.digest !== viaBulk.digest || viaInsert.count !== viaBulk.count) {
      throw new Error(`INSERT and ${bulk.name} stored different rows (${viaInsert.count} vs ${viaBulk.count})`);
    }

    log(`db-write: ${repeats} rounds of ${total} rows, insert vs ${bulk.name}, alternating, on ${scratch.engine}`);
    const result = await compare(() => insert(rows), () => bulk.write(rows), {
      warmup: 1,
      repeats,
      before: () => truncate(scratch),
      onRound: (round, insertMs, bulkMs) =>
        log(
          `  round ${round}: insert ${formatRate(perSecond(total, insertMs))} rows/s (${insertMs.toFixed(0)} ms), ` +
            `${bulk.name} ${formatRate(perSecond(total, bulkMs))} rows/s (${bulkMs.toFixed(0)} ms)`,
        ),
    });
    const stored = await fingerprint(scratch);
    if (stored.count !== total) throw new Error(`${bulk.name} stored ${stored.count} rows, expected ${total}`);

    const insertRate = perSecond(total, result.baseline.median);
    const bulkRate = perSecond(total, result.candidate.median);
    return (
      `insert ${formatRate(insertRate)} rows/s, bulk(${bulk.name}) ${formatRate(bulkRate)} rows/s, ` +
      `ratio ${formatRatio(result.speedup)} on ${scratch.engine}`
    );
  });
}
