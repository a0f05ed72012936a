// Tamper evidence for the access log: signed checkpoints and full verification of a municipality's chain.
// A checkpoint pins (seq, hash) of the chain and is signed with HMAC-SHA256 under the server's secret key; each
// signature also covers the previous checkpoint's signature, so the checkpoint chain cannot be rewritten wholesale
// without the key. Retention checkpoints stand in for a dropped seq range (its last hash), so what remains verifies.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { GENESIS_HASH, canonicalJson } from './chain.ts';
import { lockAccessLogChain, recordHash, type StoredFields } from './access-log.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** What a checkpoint is: a periodic or manual pin of the chain, or the stand-in for a range dropped by retention. */
export type CheckpointKind = 'periodic' | 'manual' | 'retention';

interface CheckpointFields {
  municipality: string;
  kind: CheckpointKind;
  from_seq: number | null;
  seq: number;
  hash: string;
  record_count: number;
  created_at: Date;
  prev_signature: string;
}

const derivedKeys = new WeakMap<Buffer, Buffer>();

/** The checkpoint signing key, derived from the server key so that one key never serves two purposes. */
function checkpointKey(serverKey: Buffer): Buffer {
  let derived = derivedKeys.get(serverKey);
  if (!derived) {
    derived = createHmac('sha256', serverKey).update('skjold/access-log/checkpoint/v1').digest();
    derivedKeys.set(serverKey, derived);
  }
  return derived;
}

/** The HMAC-SHA256 signature of a checkpoint under (a key derived from) the server key, hex. */
export function signCheckpoint(key: Buffer, c: CheckpointFields): string {
  const payload = canonicalJson({
    municipality: c.municipality,
    kind: c.kind,
    fromSeq: c.from_seq === null ? null : Number(c.from_seq),
    seq: Number(c.seq),
    hash: c.hash,
    recordCount: Number(c.record_count),
    createdAt: new Date(c.created_at).toISOString(),
    prevSignature: c.prev_signature,
  });
  return createHmac('sha256', checkpointKey(key)).update(payload).digest('hex');
}

async function lastSignature(trx: Executor, municipality: string): Promise<string> {
  const last = await trx.selectFrom('access_log_checkpoint').select('signature').where('municipality', '=', municipality).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last?.signature ?? '';
}

async function insertCheckpoint(trx: Executor, key: Buffer, c: Omit<CheckpointFields, 'prev_signature'>): Promise<number> {
  const fields: CheckpointFields = { ...c, prev_signature: await lastSignature(trx, c.municipality) };
  const row = await trx
    .insertInto('access_log_checkpoint')
    .values({ ...fields, signature: signCheckpoint(key, fields) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Writes a signed checkpoint of the chain head (periodic or manual); returns its seq, or null for an empty log. */
export async function writeCheckpoint(
  db: Executor,
  municipality: string,
  key: Buffer,
  options: { kind?: 'periodic' | 'manual'; now?: Date; locked?: boolean } = {},
): Promise<{ id: number; seq: number } | null> {
  if (!db.isTransaction) return (db as Kysely<Database>).transaction().execute((trx) => writeCheckpoint(trx, municipality, key, options));
  if (!options.locked) await lockAccessLogChain(db, municipality);
  const head = await db.selectFrom('access_log_head').select(['seq', 'hash']).where('municipality', '=', municipality).executeTakeFirst();
  if (!head) return null;
  const seq = Number(head.seq);
  const id = await insertCheckpoint(db, key, { municipality, kind: options.kind ?? 'manual', from_seq: null, seq, hash: head.hash, record_count: seq, created_at: options.now ?? new Date() });
  return { id, seq };
}

/** Writes the signed checkpoint that stands in for records fromSeq..toSeq dropped by retention (hash = toSeq's hash). Caller holds the chain lock. */
export async function writeRetentionCheckpoint(trx: Transaction<Database>, municipality: string, key: Buffer, range: { fromSeq: number; toSeq: number; hash: string }, now: Date): Promise<number> {
  return insertCheckpoint(trx, key, { municipality, kind: 'retention', from_seq: range.fromSeq, seq: range.toSeq, hash: range.hash, record_count: range.toSeq - range.fromSeq + 1, created_at: now });
}

/** The result of verifying a municipality's access log: ok, or the first broken record and/or checkpoint. */
export type AccessLogVerification =
  | { ok: true; records: number; checkpoints: number; lastSeq: number }
  | { ok: false; records: number; checkpoints: number; firstBrokenSeq?: number; brokenCheckpoint?: number; reason: string };

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const PAGE = 5_000;

/**
 * Recomputes the whole chain of a municipality: every record's hash and link, every checkpoint's signature and
 * pin, the ranges dropped by retention, and the head. Names the first broken record (seq) and/or checkpoint (id).
 */
export async function verifyAccessLog(db: Executor, municipality: string, key: Buffer): Promise<AccessLogVerification> {
  const checkpoints = await db.selectFrom('access_log_checkpoint').selectAll().where('municipality', '=', municipality).orderBy('id').execute();
  let brokenCheckpoint: number | undefined;
  let checkpointReason = '';
  let prevSignature = '';
  const gaps = new Map<number, { toSeq: number; hash: string }>();
  const pins = new Map<number, { id: number; hash: string }>();
  let maxPinned = 0;
  for (const c of checkpoints) {
    const fields: CheckpointFields = { ...c, from_seq: c.from_seq === null ? null : Number(c.from_seq), seq: Number(c.seq), record_count: Number(c.record_count), created_at: new Date(c.created_at) };
    const valid = c.prev_signature === prevSignature && safeEqualHex(signCheckpoint(key, fields), c.signature);
    if (!valid) {
      brokenCheckpoint = Number(c.id);
      checkpointReason = c.prev_signature === prevSignature ? 'checkpoint signature does not match' : 'checkpoint chain is broken (a checkpoint is missing or reordered)';
      break; // nothing after a broken checkpoint can be trusted
    }
    prevSignature = c.signature;
    if (c.kind === 'retention' && fields.from_seq !== null) gaps.set(fields.from_seq, { toSeq: fields.seq, hash: c.hash });
    else pins.set(fields.seq, { id: Number(c.id), hash: c.hash });
    maxPinned = Math.max(maxPinned, fields.seq);
  }

  let expected = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  const consumeGaps = () => {
    for (let gap = gaps.get(expected); gap; gap = gaps.get(expected)) {
      prevHash = gap.hash;
      expected = gap.toSeq + 1;
    }
  };
  const broken = (seq: number, reason: string): AccessLogVerification => ({
    ok: false,
    records,
    checkpoints: checkpoints.length,
    firstBrokenSeq: seq,
    ...(brokenCheckpoint !== undefined ? { brokenCheckpoint } : {}),
    reason,
  });

  for (let after = 0; ; ) {
    const rows = await db.selectFrom('access_log').selectAll().where('municipality', '=', municipality).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      consumeGaps();
      if (seq !== expected) return broken(expected, seq > expected ? `record ${expected} is missing` : `record ${seq} appears twice`);
      const fields: StoredFields = { ...row, seq, time: new Date(row.time), received_at: new Date(row.received_at) };
      if (row.prev_hash !== prevHash) return broken(seq, `record ${seq} does not link to the record before it`);
      if (row.hash !== recordHash(prevHash, fields)) return broken(seq, `record ${seq} was altered (its hash does not match its content)`);
      const pin = pins.get(seq);
      if (pin && pin.hash !== row.hash) return broken(seq, `record ${seq} does not match signed checkpoint ${pin.id}`);
      prevHash = row.hash;
      expected = seq + 1;
      records++;
      after = seq;
    }
  }
  consumeGaps();
  const lastSeq = expected - 1;
  const head = await db.selectFrom('access_log_head').select(['seq', 'hash']).where('municipality', '=', municipality).executeTakeFirst();
  if (maxPinned > lastSeq) return broken(lastSeq + 1, `records from ${lastSeq + 1} to ${maxPinned} are missing (a signed checkpoint covers them)`);
  if (head && Number(head.seq) > lastSeq) return broken(lastSeq + 1, `records from ${lastSeq + 1} to ${head.seq} are missing`);
  if (head && (Number(head.seq) !== lastSeq || head.hash !== prevHash)) return broken(Number(head.seq), 'the chain head does not match the last record');
  if (brokenCheckpoint !== undefined) return { ok: false, records, checkpoints: checkpoints.length, brokenCheckpoint, reason: checkpointReason };
  return { ok: true, records, checkpoints: checkpoints.length, lastSeq };
}

/** Municipalities that have an access log (for verifying all of them). */
export async function accessLogMunicipalities(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ municipality: string }>`
    select municipality from access_log_head union select municipality from access_log_checkpoint order by 1`.execute(db);
  return rows.map((r) => r.municipality);
}
