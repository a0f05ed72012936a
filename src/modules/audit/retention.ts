// Retention of the access log (LOG-2): 6 months by default per municipality, longer only with a recorded reason.
// applyRetention drops whole monthly partitions older than the retention of every municipality with rows in them,
// after writing, per municipality, a signed retention checkpoint for each dropped seq range, so that the remaining
// chain still verifies. Run it as the table owner (docs/access-log.md: the application role cannot drop).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ensureAccessLogPartitions, lockAccessLogChain } from './access-log.ts';
import { accessLogMunicipalities, writeCheckpoint, writeRetentionCheckpoint } from './access-log-verify.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** The retention when none has been set. */
export const DEFAULT_RETENTION_MONTHS = 6;
/** The longest retention that can be set (20 years). */
export const MAX_RETENTION_MONTHS = 240;

/** A municipality's retention setting: months, and for longer than the default, why and who set it. */
export interface RetentionSetting {
  /** The setting's row id (for approval); absent for the built-in default. */
  id?: number;
  months: number;
  reason: string | null;
  setBy: string | null;
  setAt: Date | null;
}

/** A retention value that cannot be set (too short, too long, or longer without a reason); safe to show. */
export class RetentionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetentionError';
  }
}

/** The retention in force for a municipality (the default when never set). */
export async function getRetention(db: Executor, municipality: string): Promise<RetentionSetting> {
  const row = await db
    .selectFrom('access_log_retention as r')
    .innerJoin('access_log_retention_approval as a', 'a.retention_id', 'r.id')
    .selectAll('r')
    .where('r.municipality', '=', municipality)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { months: DEFAULT_RETENTION_MONTHS, reason: null, setBy: null, setAt: null };
  return { id: row.id, months: row.months, reason: row.reason, setBy: row.set_by, setAt: new Date(row.set_at) };
}

/** Proposes a municipality's retention (longer than 6 months needs a reason); in force once another person approves it. */
export async function setRetention(db: Executor, municipality: string, months: number, reason: string | null, actorId: string): Promise<RetentionSetting> {
  if (!Number.isInteger(months) || months < DEFAULT_RETENTION_MONTHS || months > MAX_RETENTION_MONTHS) {
    throw new RetentionError(`Opbevaringstiden skal være et helt antal måneder fra ${DEFAULT_RETENTION_MONTHS} til ${MAX_RETENTION_MONTHS}.`);
  }
  const why = reason?.trim() || null;
  if (months > DEFAULT_RETENTION_MONTHS && (!why || why.length < 10)) {
    throw new RetentionError(`En opbevaringstid over ${DEFAULT_RETENTION_MONTHS} måneder kræver en begrundelse (mindst 10 tegn).`);
  }
  const row = await db.insertInto('access_log_retention').values({ municipality, months, reason: why, set_by: actorId }).returningAll().executeTakeFirstOrThrow();
  return { id: row.id, months: row.months, reason: row.reason, setBy: row.set_by, setAt: new Date(row.set_at) };
}

/** A second person approves a proposed retention (four eyes); the proposer cannot. */
export async function approveRetention(db: Executor, municipality: string, id: number, approverId: string, now = new Date()): Promise<RetentionSetting> {
  const row = await db
    .selectFrom('access_log_retention as r')
    .leftJoin('access_log_retention_approval as a', 'a.retention_id', 'r.id')
    .selectAll('r')
    .select('a.approved_by')
    .where('r.municipality', '=', municipality)
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row || row.approved_by !== null) throw new RetentionError('Der er ingen ændring af opbevaringstiden, der afventer godkendelse.');
  if (row.set_by === approverId) throw new RetentionError('Ændringen skal godkendes af en anden person end den, der foreslog den (fire øjne).');
  const newer = await db
    .selectFrom('access_log_retention as r')
    .innerJoin('access_log_retention_approval as a', 'a.retention_id', 'r.id')
    .select('r.id')
    .where('r.municipality', '=', municipality)
    .where('r.id', '>', id)
    .executeTakeFirst();
  if (newer) throw new RetentionError('En nyere ændring er allerede godkendt.');
  await db.insertInto('access_log_retention_approval').values({ municipality, retention_id: id, approved_by: approverId, approved_at: now }).onConflict((oc) => oc.doNothing()).execute();
  return { id: row.id, months: row.months, reason: row.reason, setBy: row.set_by, setAt: new Date(row.set_at) };
}

/** One monthly partition of the access log. */
interface Partition {
  name: string;
  start: Date;
  end: Date;
}

async function partitions(db: Executor): Promise<Partition[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'access_log'::regclass order by c.relname`.execute(db);
  return rows.flatMap(({ name }) => {
    const m = /^access_log_p(\d{4})(\d{2})$/.exec(name);
    if (!m) return [];
    const year = Number(m[1]);
    const month = Number(m[2]) - 1;
    return [{ name, start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) }];
  });
}

function monthsBefore(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes()));
}

/** What applyRetention did: the partitions dropped, with the dropped seq ranges per municipality. */
export interface RetentionResult {
  dropped: { partition: string; ranges: { municipality: string; fromSeq: number; toSeq: number }[] }[];
}

/**
 * Drops every monthly partition that lies entirely before the retention of each municipality with rows in it,
 * writing signed retention checkpoints for the dropped ranges first, all in one transaction per partition.
 */
export async function applyRetention(deps: { db: Kysely<Database>; secretKey: Buffer; now: () => Date }): Promise<RetentionResult> {
  const now = deps.now();
  const result: RetentionResult = { dropped: [] };
  const known = await accessLogMunicipalities(deps.db);
  const retention = new Map<string, number>();
  for (const m of known) retention.set(m, (await getRetention(deps.db, m)).months);
  for (const part of await partitions(deps.db)) {
    if (part.end > monthsBefore(now, DEFAULT_RETENTION_MONTHS)) continue;
    const table = sql.table(part.name);
    const dropped = await deps.db.transaction().execute(async (trx) => {
      const present: string[] = [];
      for (const m of known) {
        const { rows } = await sql<{ one: number }>`select 1 as one from ${table} where municipality = ${m} limit 1`.execute(trx);
        if (rows.length > 0) present.push(m);
      }
      // Kept as long as the longest retention of the municipalities in it requires.
      if (present.some((m) => part.end > monthsBefore(now, retention.get(m) ?? DEFAULT_RETENTION_MONTHS))) return undefined;
      for (const m of present) await lockAccessLogChain(trx, m); // sorted: no deadlock between two retention runs
      const ranges: RetentionResult['dropped'][number]['ranges'] = [];
      for (const m of present) {
        const { rows: runs } = await sql<{ from_seq: number; to_seq: number; hash: string }>`
          select r.from_seq, r.to_seq, p.hash from (
            select min(seq) as from_seq, max(seq) as to_seq from (
              select seq, seq - row_number() over (order by seq) as grp from ${table} where municipality = ${m}
            ) g group by grp
          ) r join ${table} p on p.municipality = ${m} and p.seq = r.to_seq
          order by r.from_seq`.execute(trx);
        for (const run of runs) {
          const range = { fromSeq: Number(run.from_seq), toSeq: Number(run.to_seq), hash: run.hash };
          await writeRetentionCheckpoint(trx, m, deps.secretKey, range, now);
          ranges.push({ municipality: m, fromSeq: range.fromSeq, toSeq: range.toSeq });
        }
      }
      // The idempotency keys of dropped records go with them (only the owner can switch the guard off, in this transaction).
      await sql`alter table access_log_key disable trigger access_log_key_append_only`.execute(trx);
      await sql`delete from access_log_key k using ${table} p where k.municipality = p.municipality and k.system = p.system and k.record_id = p.record_id`.execute(trx);
      await sql`alter table access_log_key enable trigger access_log_key_append_only`.execute(trx);
      await sql`drop table ${table}`.execute(trx);
      return ranges;
    });
    if (dropped) result.dropped.push({ partition: part.name, ranges: dropped });
  }
  return result;
}

/**
 * Periodic upkeep of the access log, for the server to run at start and then hourly or daily: creates this and next
 * month's partitions ahead of time, applies retention, and writes a signed checkpoint for every chain that grew
 * since its last checkpoint (so appends without a checkpoint key are covered too).
 */
export async function accessLogMaintenance(deps: { db: Kysely<Database>; secretKey: Buffer; now: () => Date }): Promise<RetentionResult> {
  const now = deps.now();
  await ensureAccessLogPartitions(deps.db, [now, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))]);
  const result = await applyRetention(deps);
  for (const municipality of await accessLogMunicipalities(deps.db)) {
    const { rows } = await sql<{ grew: boolean }>`
      select coalesce(h.seq > (select max(seq) from access_log_checkpoint c where c.municipality = h.municipality and c.kind <> 'retention'), true) as grew
      from access_log_head h where h.municipality = ${municipality}`.execute(deps.db);
    if (rows[0]?.grew) await writeCheckpoint(deps.db, municipality, deps.secretKey, { kind: 'periodic', now });
  }
  return result;
}
