// ingest: records per second through the full ingest path — parse JSON Lines, validate, enrich, chain, store via
// appendAccessRecords — in batches of 1,000, next to the raw bulk-insert rate (COPY, batches of 1,000) of the same,
// already chained rows into the same access_log table, in alternating rounds of the same run.
// BENCH_RECORDS (default 100,000), BENCH_REPEATS (default 3) and BENCH_RAW=copy|insert override the defaults.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { ensureAccessLogPartitions, hashedRecord, ingestBatch, parseBatch, registerSystem, type StoredFields } from '../src/modules/audit/index.ts';
import { GENESIS_HASH, chainHash } from '../src/modules/audit/chain.ts';
import { generateRows } from './db-write.ts';
import { BenchUsageError, compare, formatRate, formatRatio, intFromEnv, log, perSecond, withScratchDb, type ScratchDb } from './support.ts';

/** One line for the usage listing. */
export const description = 'full ingest path (parse, validate, chain, store) vs raw COPY of the same rows, records/s';

const BATCH = 1_000;
const KEY = Buffer.alloc(32, 3);
const COLUMNS = ['municipality', 'seq', 'system', 'record_id', 'time', 'received_at', 'user_id', 'user_unit', 'workstation', 'ip', 'action', 'subject_cpr', 'query', 'result_count', 'case_id', 'case_kle', 'case_facet', 'case_status', 'purpose', 'outcome', 'prev_hash', 'hash'] as const;
type RawRow = StoredFields & { prev_hash: string; hash: string };

/** The JSON Lines batches a sending system would post: `count` records, times in the last hours, ids unique per round. */
function jsonLineBatches(count: number, round: number, end: number): string[] {
  const rows = generateRows(count, 1);
  const batches: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    batches.push(
      rows
        .slice(i, i + BATCH)
        .map((r, j) => {
          const n = i + j;
          return JSON.stringify({
            id: `r${round}-${r.id}`,
            time: new Date(end - (count - n) * 100).toISOString().replace('Z', '+00:00'),
            system: 'sbsys',
            user: r.unit ? { id: r.user_id, unit: r.unit } : { id: r.user_id },
            ...(r.workstation ? { workstation: r.workstation } : {}),
            ...(r.ip ? { ip: r.ip } : {}),
            action: r.action,
            ...(r.subject_cpr ? { subject: { cpr: r.subject_cpr } } : {}),
            ...(r.query ? { query: r.query, resultCount: r.result_count } : {}),
            ...(r.case_id ? { case: { id: r.case_id, kle: r.case_kle, status: 'open' } } : {}),
            ...(r.purpose ? { purpose: r.purpose } : {}),
            ...(r.outcome === 'denied' ? { outcome: 'denied' } : {}),
          });
        })
        .join('\n'),
    );
  }
  return batches;
}

/** The same records as stored rows with their chain, for the raw path (prepared outside the timing). */
function rawRows(batches: readonly string[], municipality: string, receivedAt: Date): RawRow[] {
  const out: RawRow[] = [];
  let prev = GENESIS_HASH;
  let seq = 0;
  for (const batch of batches) {
    for (const line of batch.split('\n')) {
      const r = JSON.parse(line);
      const fields: StoredFields = {
        municipality,
        seq: ++seq,
        system: r.system,
        record_id: r.id,
        time: new Date(r.time),
        received_at: receivedAt,
        user_id: r.user.id,
        user_unit: r.user.unit ?? null,
        workstation: r.workstation ?? null,
        ip: r.ip ?? null,
        action: r.action,
        subject_cpr: r.subject?.cpr ?? null,
        query: r.query ?? null,
        result_count: r.resultCount ?? null,
        case_id: r.case?.id ?? null,
        case_kle: r.case?.kle ?? null,
        case_facet: null,
        case_status: r.case?.status ?? null,
        purpose: r.purpose ?? null,
        outcome: r.outcome ?? 'ok',
      };
      const hash = chainHash(prev, hashedRecord(fields));
      out.push({ ...fields, prev_hash: prev, hash });
      prev = hash;
    }
  }
  return out;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  return `"${String(value).replaceAll('"', '""')}"`;
}

function toCsv(rows: readonly RawRow[]): string {
  let out = '';
  for (const row of rows) out += `${COLUMNS.map((c) => csvField(row[c])).join(',')}\n`;
  return out;
}

const COPY_SQL = (source: string) => `COPY access_log (${COLUMNS.join(', ')}) FROM ${source} WITH (FORMAT csv)`;

interface PgCopyStreams {
  from(text: string): NodeJS.WritableStream;
}

/**
 * Raw bulk insert, 1,000 rows per statement (each its own transaction): COPY by default (PGlite via /dev/blob,
 * PostgreSQL via COPY FROM STDIN), or with BENCH_RAW=insert a plain multi-row INSERT.
 */
async function rawWriter(scratch: ScratchDb): Promise<(rows: readonly RawRow[]) => Promise<void>> {
  if (rawKind() === 'insert') {
    return async (rows) => {
      for (let i = 0; i < rows.length; i += BATCH) await scratch.db.insertInto('access_log').values(rows.slice(i, i + BATCH)).execute();
    };
  }
  if (scratch.kind === 'pglite') {
    const pglite = scratch.pglite!;
    return async (rows) => {
      for (let i = 0; i < rows.length; i += BATCH) await pglite.query(COPY_SQL(`'/dev/blob'`), [], { blob: new Blob([toCsv(rows.slice(i, i + BATCH))]) });
    };
  }
  const specifier = 'pg-copy-streams';
  const mod = (await import(specifier)) as { default?: PgCopyStreams } & Partial<PgCopyStreams>;
  const copy = (mod.from ? mod : mod.default) as PgCopyStreams;
  const pool = scratch.pool!;
  return async (rows) => {
    const client = await pool.connect();
    try {
      for (let i = 0; i < rows.length; i += BATCH) {
        const target = client.query(copy.from(COPY_SQL('STDIN')) as never) as unknown as NodeJS.WritableStream;
        await pipeline(Readable.from([toCsv(rows.slice(i, i + BATCH))]), target);
      }
    } finally {
      client.release();
    }
  };
}

function rawKind(): 'copy' | 'insert' {
  const raw = process.env.BENCH_RAW ?? 'copy';
  if (raw !== 'copy' && raw !== 'insert') throw new BenchUsageError('BENCH_RAW must be "copy" or "insert"');
  return raw;
}

/** Runs the ingest benchmark on the configured database and returns the figure. */
export async function run(): Promise<string> {
  const total = intFromEnv('BENCH_RECORDS', 100_000);
  const repeats = intFromEnv('BENCH_REPEATS', 3);
  return withScratchDb(async (scratch) => {
    const now = new Date();
    await ensureAccessLogPartitions(scratch.db, [new Date(now.getTime() - total * 100), now]);
    const raw = await rawWriter(scratch);
    const rounds = repeats + 1; // one warm-up round
    const prepared: { ingestMunicipality: string; batches: string[]; raw: RawRow[] }[] = [];
    log(`ingest: preparing ${rounds} rounds of ${total} records (JSON Lines batches of ${BATCH}) on ${scratch.engine}`);
    for (let r = 0; r < rounds; r++) {
      const ingestMunicipality = `8${String(r).padStart(3, '0')}`;
      const batches = jsonLineBatches(total, r, now.getTime());
      await registerSystem(scratch.db, ingestMunicipality, 'sbsys', 'SBSYS');
      prepared.push({ ingestMunicipality, batches, raw: rawRows(batches, `9${String(r).padStart(3, '0')}`, now) });
    }
    const deps = { db: scratch.db, secretKey: KEY, now: () => new Date() };
    let rawRound = 0;
    let ingestRound = 0;
    const result = await compare(
      () => raw(prepared[rawRound++]!.raw),
      async () => {
        const round = prepared[ingestRound++]!;
        for (const body of round.batches) {
          const summary = await ingestBatch(deps, { municipality: round.ingestMunicipality, key: 'sbsys' }, parseBatch(body, 'ndjson'));
          if (summary.rejected.length > 0) throw new Error(`ingest rejected ${summary.rejected.length} records: ${summary.rejected[0]!.reason}`);
        }
      },
      {
        warmup: 1,
        repeats,
        onRound: (round, rawMs, ingestMs) =>
          log(`  round ${round}: ingest ${formatRate(perSecond(total, ingestMs))} records/s (${ingestMs.toFixed(0)} ms), raw ${rawKind()} ${formatRate(perSecond(total, rawMs))} rows/s (${rawMs.toFixed(0)} ms)`),
      },
    );
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from access_log`.execute(scratch.db);
    if (rows[0]!.n !== total * rounds * 2) throw new Error(`expected ${total * rounds * 2} stored rows, found ${rows[0]!.n}`);
    const ingestRate = perSecond(total, result.candidate.median);
    const rawRate = perSecond(total, result.baseline.median);
    log(`ingest: ${scratch.engine}; raw = ${rawKind() === 'copy' ? 'COPY' : 'multi-row INSERT'} of the same chained rows, 1,000 per statement; ratio = median per-round ingest/raw`);
    return `${formatRate(ingestRate)} records/s, raw ${formatRate(rawRate)} rows/s, ratio ${formatRatio(result.speedup)}`;
  });
}
