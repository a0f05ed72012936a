// The access log's write path (LOG-1): one function, appendAccessRecords, that every writer uses — Skjold's own
// workspace inside the transaction of the lookup, and ingest once per batch. Records are chained per municipality
// in `seq` order: hash = sha256(prev_hash ‖ canonical JSON of the stored record), see chain.ts.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AccessLogTable, Database } from '../../db/schema.ts';
import { createHash } from 'node:crypto';
import { GENESIS_HASH } from './chain.ts';
import { writeCheckpoint } from './access-log-verify.ts';

/** The actions a record can describe (the spec's `action`). */
export const accessActions = ['search', 'view', 'create', 'update', 'delete', 'print', 'export'] as const;

/** One type of use of personal data. */
export type AccessAction = (typeof accessActions)[number];

/** One logged use of personal data, as in ../shared/spec/access-log-record.md (already validated). */
export interface AccessRecord {
  id: string;
  time: Date;
  system: string;
  user: { id: string; unit?: string | null | undefined };
  workstation?: string | null | undefined;
  ip?: string | null | undefined;
  action: AccessAction;
  subject?: { cpr: string } | null | undefined;
  query?: string | null | undefined;
  resultCount?: number | null | undefined;
  case?: { id?: string | null | undefined; kle?: string | null | undefined; facet?: string | null | undefined; status?: 'open' | 'closed' | null | undefined } | null | undefined;
  purpose?: string | null | undefined;
  outcome?: 'ok' | 'denied' | undefined;
}

/** A record as stored, before its hashes: the columns that the hash covers (the access_log row less its hashes). */
export type StoredFields = Omit<Selectable<AccessLogTable>, 'prev_hash' | 'hash'>;

/** The canonical object the chain hashes for one stored record (the same at write time and at verification). */
export function hashedRecord(r: StoredFields): Record<string, unknown> {
  return {
    municipality: r.municipality,
    seq: Number(r.seq),
    system: r.system,
    id: r.record_id,
    time: new Date(r.time).toISOString(),
    receivedAt: new Date(r.received_at).toISOString(),
    user: { id: r.user_id, unit: r.user_unit },
    workstation: r.workstation,
    ip: r.ip,
    action: r.action,
    subject: r.subject_cpr,
    query: r.query,
    resultCount: r.result_count === null ? null : Number(r.result_count),
    case: { id: r.case_id, kle: r.case_kle, facet: r.case_facet, status: r.case_status },
    purpose: r.purpose,
    outcome: r.outcome,
  };
}

const j = JSON.stringify;

/**
 * canonicalJson(hashedRecord(r)) written out by hand (keys already in sorted order) — the same string, several
 * times faster; test/unit/access-log-hash.test.ts holds the two equal.
 */
export function canonicalRecordJson(r: StoredFields, timeIso = new Date(r.time).toISOString(), receivedIso = new Date(r.received_at).toISOString()): string {
  const rc = r.result_count === null ? 'null' : String(Number(r.result_count));
  return (
    `{"action":${j(r.action)},"case":{"facet":${j(r.case_facet)},"id":${j(r.case_id)},"kle":${j(r.case_kle)},"status":${j(r.case_status)}},` +
    `"id":${j(r.record_id)},"ip":${j(r.ip)},"municipality":${j(r.municipality)},"outcome":${j(r.outcome)},"purpose":${j(r.purpose)},` +
    `"query":${j(r.query)},"receivedAt":"${receivedIso}","resultCount":${rc},"seq":${Number(r.seq)},` +
    `"subject":${j(r.subject_cpr)},"system":${j(r.system)},"time":"${timeIso}",` +
    `"user":{"id":${j(r.user_id)},"unit":${j(r.user_unit)}},"workstation":${j(r.workstation)}}`
  );
}

/** The chained hash of one stored record: equal to chainHash(prevHash, hashedRecord(r)), computed faster. */
export function recordHash(prevHash: string, r: StoredFields, timeIso?: string, receivedIso?: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRecordJson(r, timeIso, receivedIso)).digest('hex');
}

/** What happened to each record handed to appendAccessRecords. */
export interface AppendResult {
  stored: number;
  duplicates: number;
  /** Per input record, in order: newly stored or already present (same system and id). */
  status: ('stored' | 'duplicate')[];
  /** The chain head after the append (0 when the log is empty). */
  lastSeq: number;
}

/** Options for appendAccessRecords: a clock, and a checkpoint key to write a signed checkpoint every `every` records. */
export interface AppendOptions {
  now?: () => Date;
  checkpoint?: { key: Buffer; every?: number };
  /** The caller made the ids itself (random UUIDs): skip the duplicate lookup; the key table still refuses a repeat. */
  freshIds?: boolean;
}


/** Checkpoint interval when a key is given and no interval is. */
export const DEFAULT_CHECKPOINT_EVERY = 10_000;
/** Records per INSERT statement. */
const CHUNK = 5_000;

type Executor = Kysely<Database> | Transaction<Database>;

function monthStarts(times: readonly Date[]): string[] {
  const months = new Set<string>();
  for (const t of times) months.add(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)).toISOString());
  return [...months];
}

/** Makes sure the monthly partitions holding these times exist (creates missing ones; cheap when they do). */
export async function ensureAccessLogPartitions(db: Executor, times: readonly Date[]): Promise<void> {
  if (times.length === 0) return;
  await sql`select skjold_access_log_partition(t::timestamptz) from json_array_elements_text(${JSON.stringify(monthStarts(times))}::json) as j(t)`.execute(db);
}

/** Takes the municipality's chain lock until the transaction ends; every writer of the chain takes it first. */
export async function lockAccessLogChain(trx: Executor, municipality: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`access_log:${municipality}`}))`.execute(trx);
}

function toFields(municipality: string, seq: number, receivedAt: Date, r: AccessRecord): StoredFields {
  return {
    municipality,
    seq,
    system: r.system,
    record_id: r.id,
    time: r.time,
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
    case_facet: r.case?.facet ?? null,
    case_status: r.case?.status ?? null,
    purpose: r.purpose ?? null,
    outcome: r.outcome ?? 'ok',
  };
}

/** Stored columns and their SQL types, in table order (unnest takes one typed array per column). */
const COLUMN_TYPES: readonly (readonly [keyof StoredFields | 'prev_hash' | 'hash', string])[] = [
  ['municipality', 'char(4)'], ['seq', 'bigint'], ['system', 'text'], ['record_id', 'text'], ['time', 'timestamptz'], ['received_at', 'timestamptz'],
  ['user_id', 'text'], ['user_unit', 'text'], ['workstation', 'text'], ['ip', 'text'], ['action', 'text'], ['subject_cpr', 'char(10)'], ['query', 'text'],
  ['result_count', 'integer'], ['case_id', 'text'], ['case_kle', 'text'], ['case_facet', 'text'], ['case_status', 'text'], ['purpose', 'text'],
  ['outcome', 'text'], ['prev_hash', 'char(64)'], ['hash', 'char(64)'],
];
const COLUMNS = sql.raw(COLUMN_TYPES.map(([c]) => c).join(', '));

type Row = StoredFields & { prev_hash: string; hash: string; time_iso: string; received_iso: string };

function columnArrays(rows: readonly Row[]) {
  return sql.join(
    COLUMN_TYPES.map(([column, type]) => {
      const values = column === 'time' ? rows.map((r) => r.time_iso) : column === 'received_at' ? rows.map((r) => r.received_iso) : rows.map((r) => r[column]);
      return sql`${values}::${sql.raw(type)}[]`;
    }),
  );
}

/**
 * Appends records to the municipality's access log, chained and idempotent on (system, id). Call it inside the
 * transaction of the use it logs (it takes the chain lock until commit); given a plain Kysely it opens one itself.
 */
export async function appendAccessRecords(db: Executor, municipality: string, records: readonly AccessRecord[], options: AppendOptions = {}): Promise<AppendResult> {
  if (!db.isTransaction) return (db as Kysely<Database>).transaction().execute((trx) => appendAccessRecords(trx, municipality, records, options));
  const trx = db;
  const now = options.now?.() ?? new Date();
  await lockAccessLogChain(trx, municipality);
  // After the lock (a new snapshot under READ COMMITTED): the chain head, and the partitions the records need.
  const months = monthStarts(records.map((r) => r.time));
  const { rows: heads } = await sql<{ seq: number | null; hash: string | null }>`
    select h.seq, h.hash, (select count(skjold_access_log_partition(t::timestamptz)) from json_array_elements_text(${JSON.stringify(months)}::json) as j(t)) as parts
    from (values (1)) as v(one) left join access_log_head h on h.municipality = ${municipality}`.execute(trx);
  const head = heads[0]?.seq != null ? { seq: heads[0].seq, hash: heads[0].hash! } : undefined;
  let seq = Number(head?.seq ?? 0);
  let prevHash = head?.hash ?? GENESIS_HASH;
  const status: AppendResult['status'] = new Array(records.length);
  if (records.length === 0) return { stored: 0, duplicates: 0, status, lastSeq: seq };

  // Duplicates: already stored (checked under the chain lock, so no one adds keys meanwhile) or repeated in this batch.
  const keyOf = (system: string, id: string) => `${system}\u0000${id}`;
  const idsBySystem = new Map<string, string[]>();
  for (const r of records) {
    const ids = idsBySystem.get(r.system);
    if (ids) ids.push(r.id);
    else idsBySystem.set(r.system, [r.id]);
  }
  const existing = new Set<string>();
  for (const [system, ids] of options.freshIds ? [] : idsBySystem) {
    const rows = await trx
      .selectFrom('access_log_key')
      .select('record_id')
      .where('municipality', '=', municipality)
      .where('system', '=', system)
      .where('record_id', '=', sql<string>`any(${ids}::text[])`)
      .execute();
    for (const row of rows) existing.add(keyOf(system, row.record_id));
  }
  const fresh: Row[] = [];
  const receivedIso = now.toISOString();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const key = keyOf(r.system, r.id);
    if (existing.has(key)) {
      status[i] = 'duplicate';
      continue;
    }
    existing.add(key);
    status[i] = 'stored';
    seq += 1;
    const fields = toFields(municipality, seq, now, r);
    const timeIso = r.time.toISOString();
    const hash = recordHash(prevHash, fields, timeIso, receivedIso);
    fresh.push({ ...fields, prev_hash: prevHash, hash, time_iso: timeIso, received_iso: receivedIso });
    prevHash = hash;
  }
  if (fresh.length > 0) {
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const chunk = fresh.slice(i, i + CHUNK);
      const last = chunk[chunk.length - 1]!;
      await sql`
        with src as (select * from unnest(${columnArrays(chunk)}) as r(${COLUMNS})),
        k as (insert into access_log_key (municipality, system, record_id, seq) select municipality, system, record_id, seq from src),
        h as (insert into access_log_head (municipality, seq, hash) values (${municipality}, ${last.seq}, ${last.hash})
              on conflict (municipality) do update set seq = excluded.seq, hash = excluded.hash)
        insert into access_log (${COLUMNS}) select ${COLUMNS} from src`.execute(trx);
    }
    const every = options.checkpoint?.every ?? DEFAULT_CHECKPOINT_EVERY;
    const before = seq - fresh.length;
    if (options.checkpoint && Math.floor(seq / every) > Math.floor(before / every)) {
      await writeCheckpoint(trx, municipality, options.checkpoint.key, { kind: 'periodic', now, locked: true });
    }
  }
  return { stored: fresh.length, duplicates: records.length - fresh.length, status, lastSeq: seq };
}
