import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { GENESIS_HASH, chainHash } from './chain.ts';
import type { SecurityEventType } from './security-event-types.ts';

export { securityEventTypes, type SecurityEventType } from './security-event-types.ts';

/** What is recorded about one security action: who did it, to whom, from where, and details without personal data. */
export interface SecurityEventInput {
  municipality: string;
  type: SecurityEventType;
  actorId: string | null;
  subjectId?: string | null;
  ip?: string | null;
  workstation?: string | null;
  details?: Record<string, unknown>;
}

type Executor = Kysely<Database> | Transaction<Database>;

function hashedFields(e: { municipality: string; time: Date; type: string; actor_id: string | null; subject_id: string | null; ip: string | null; workstation: string | null; details: Record<string, unknown> }) {
  return { municipality: e.municipality, time: e.time.toISOString(), type: e.type, actor: e.actor_id, subject: e.subject_id, ip: e.ip, workstation: e.workstation, details: e.details };
}

/**
 * Appends a security event to the municipality's hash chain. Call it inside the transaction of the action itself,
 * as the last write: it takes a per-municipality lock until commit so the chain never forks.
 */
export async function recordSecurityEvent(trx: Executor, input: SecurityEventInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`security_event:${input.municipality}`}))`.execute(trx);
  const last = await trx
    .selectFrom('security_event')
    .select('hash')
    .where('municipality', '=', input.municipality)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = {
    municipality: input.municipality,
    time: new Date(),
    type: input.type,
    actor_id: input.actorId,
    subject_id: input.subjectId ?? null,
    ip: input.ip ?? null,
    workstation: input.workstation ?? null,
    details: input.details ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('security_event')
    .values({ ...row, details: JSON.stringify(row.details) as unknown as Record<string, unknown>, prev_hash: prevHash, hash: chainHash(prevHash, hashedFields(row)) })
    .execute();
}

/** The result of checking a chain: ok, or the id of the first record whose hash does not match. */
export type ChainVerification = { ok: true; records: number } | { ok: false; records: number; firstBrokenId: number };

/** Recomputes the security event chain of a municipality and names the first broken record. */
export async function verifySecurityEvents(db: Executor, municipality: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let records = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('security_event')
      .selectAll()
      .where('municipality', '=', municipality)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return { ok: true, records };
    for (const row of rows) {
      const expected = chainHash(prevHash, hashedFields({ ...row, time: new Date(row.time) }));
      if (row.prev_hash !== prevHash || row.hash !== expected) return { ok: false, records, firstBrokenId: row.id };
      prevHash = row.hash;
      records++;
      afterId = row.id;
    }
  }
}

/** One security event as shown to the security staff. */
export interface SecurityEventView {
  id: number;
  time: Date;
  type: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  workstation: string | null;
  details: Record<string, unknown>;
}

/** Filters for searching the security event log. */
export interface SecurityEventQuery {
  municipality: string;
  type?: SecurityEventType;
  userId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  beforeId?: number;
}

/** Searches the security event log, newest first; a user filter matches actor or subject. */
export async function searchSecurityEvents(db: Executor, q: SecurityEventQuery): Promise<SecurityEventView[]> {
  let query = db.selectFrom('security_event').selectAll().where('municipality', '=', q.municipality);
  if (q.type) query = query.where('type', '=', q.type);
  if (q.userId) query = query.where((eb) => eb.or([eb('actor_id', '=', q.userId!), eb('subject_id', '=', q.userId!)]));
  if (q.from) query = query.where('time', '>=', q.from);
  if (q.to) query = query.where('time', '<', q.to);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({ id: r.id, time: new Date(r.time), type: r.type, actorId: r.actor_id, subjectId: r.subject_id, ip: r.ip, workstation: r.workstation, details: r.details }));
}
