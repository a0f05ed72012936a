// Search and export of the access log (LOG-3, LOG-5) for the security staff: filters by person, user, unit, system,
// case, time and action; codes decoded to names; newest first with keyset pagination. Every search and export is
// itself written to the access log (system 'skjold') in the same transaction, and an export also to the security
// event log.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { kleTitle } from '../reference/index.ts';
import { appendAccessRecords, type AccessAction } from './access-log.ts';
import { recordSecurityEvent } from './security-events.ts';
import { SKJOLD_SYSTEM_KEY } from './systems.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** What the log can be searched by; all given filters must match. */
export interface AccessLogFilters {
  cpr?: string | undefined;
  userId?: string | undefined;
  unit?: string | undefined;
  system?: string | undefined;
  caseId?: string | undefined;
  action?: AccessAction | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** A search: filters, page size and the cursor from the previous page. */
export interface AccessLogQuery extends AccessLogFilters {
  municipality: string;
  limit: number;
  cursor?: string | undefined;
}

/** One access-log record as shown to the security staff, with its codes decoded to names. */
export interface AccessLogEntry {
  seq: number;
  id: string;
  time: Date;
  receivedAt: Date;
  system: { key: string; name: string };
  user: { id: string; name: string | null };
  unit: { id: string; name: string | null } | null;
  workstation: string | null;
  ip: string | null;
  action: string;
  subjectCpr: string | null;
  query: string | null;
  resultCount: number | null;
  case: { id: string | null; kle: string | null; kleTitle: string | null; facet: string | null; status: string | null } | null;
  purpose: string | null;
  outcome: string;
}

/** A page of results, newest first, and the cursor for the next (older) page when there is one. */
export interface AccessLogPage {
  entries: AccessLogEntry[];
  nextCursor: string | null;
}

/** Who searches or exports: the staff user and where from. */
export interface LogActor {
  userId: string;
  unitId?: string | null;
  ip?: string | null;
  workstation?: string | null;
}

function encodeCursor(time: Date, seq: number): string {
  return Buffer.from(`${time.toISOString()}|${seq}`).toString('base64url');
}

/** Decodes a page cursor; undefined when it is not one Skjold issued. */
export function decodeCursor(cursor: string): { time: Date; seq: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) return undefined;
  const time = new Date(m[1]!);
  return Number.isNaN(time.getTime()) ? undefined : { time, seq: Number(m[2]) };
}

/** Searches a municipality's access log, newest first, with users, units, KLE numbers and systems decoded to names. */
export async function searchAccessLog(db: Executor, q: AccessLogQuery): Promise<AccessLogPage> {
  let query = db.selectFrom('access_log').selectAll().where('municipality', '=', q.municipality);
  if (q.cpr) query = query.where('subject_cpr', '=', q.cpr);
  if (q.userId) query = query.where('user_id', '=', q.userId);
  if (q.unit) query = query.where('user_unit', '=', q.unit);
  if (q.system) query = query.where('system', '=', q.system);
  if (q.caseId) query = query.where('case_id', '=', q.caseId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('time', '>=', q.from);
  if (q.to) query = query.where('time', '<', q.to);
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (cursor) {
    query = query.where('time', '<=', cursor.time).where((eb) => eb.or([eb('time', '<', cursor.time), eb('seq', '<', cursor.seq)]));
  }
  const rows = await query.orderBy('time', 'desc').orderBy('seq', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const names = await decodeNames(db, q.municipality, page);
  const entries = page.map((r): AccessLogEntry => ({
    seq: Number(r.seq),
    id: r.record_id,
    time: new Date(r.time),
    receivedAt: new Date(r.received_at),
    system: { key: r.system, name: names.systems.get(r.system) ?? r.system },
    user: { id: r.user_id, name: names.users.get(r.user_id) ?? null },
    unit: r.user_unit ? { id: r.user_unit, name: names.units.get(r.user_unit) ?? null } : null,
    workstation: r.workstation,
    ip: r.ip,
    action: r.action,
    subjectCpr: r.subject_cpr,
    query: r.query,
    resultCount: r.result_count === null ? null : Number(r.result_count),
    case: r.case_id || r.case_kle ? { id: r.case_id, kle: r.case_kle, kleTitle: r.case_kle ? (kleTitle(r.case_kle) ?? null) : null, facet: r.case_facet, status: r.case_status } : null,
    purpose: r.purpose,
    outcome: r.outcome,
  }));
  const last = page[page.length - 1];
  return { entries, nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.time), Number(last.seq)) : null };
}

async function decodeNames(db: Executor, municipality: string, rows: readonly { user_id: string; user_unit: string | null; system: string }[]) {
  const userIds = [...new Set(rows.map((r) => r.user_id))];
  const unitIds = [...new Set(rows.flatMap((r) => (r.user_unit ? [r.user_unit] : [])))];
  const systemKeys = [...new Set(rows.map((r) => r.system))];
  const users = new Map<string, string>();
  const units = new Map<string, string>();
  const systems = new Map<string, string>();
  if (rows.length === 0) return { users, units, systems };
  // One round trip for all three code lists.
  const { rows: names } = await sql<{ kind: 'user' | 'unit' | 'system'; id: string; alias: string | null; name: string }>`
    select 'user' as kind, id, username as alias, full_name as name from employee
      where municipality = ${municipality} and (username = any(${userIds}::text[]) or id = any(${userIds}::text[]))
    union all
    select 'unit', id, null, name from org_unit where municipality = ${municipality} and id = any(${unitIds}::text[])
    union all
    select 'system', key, null, name from log_system where municipality = ${municipality} and key = any(${systemKeys}::text[])`.execute(db);
  for (const n of names) {
    if (n.kind === 'user') {
      users.set(n.id, n.name);
      if (n.alias) users.set(n.alias, n.name);
    } else (n.kind === 'unit' ? units : systems).set(n.id, n.name);
  }
  return { users, units, systems };
}

/** The search criterion as written to the log (verbatim filters; the log itself is protected). */
export function describeFilters(f: AccessLogFilters): string {
  const parts: string[] = [];
  if (f.cpr) parts.push(`cpr=${f.cpr}`);
  if (f.userId) parts.push(`bruger=${f.userId}`);
  if (f.unit) parts.push(`enhed=${f.unit}`);
  if (f.system) parts.push(`system=${f.system}`);
  if (f.caseId) parts.push(`sag=${f.caseId}`);
  if (f.action) parts.push(`handling=${f.action}`);
  if (f.from) parts.push(`fra=${f.from.toISOString()}`);
  if (f.to) parts.push(`til=${f.to.toISOString()}`);
  return `adgangslog: ${parts.length > 0 ? parts.join(', ') : 'alle'}`;
}

async function logUse(trx: Transaction<Database>, municipality: string, actor: LogActor, filters: AccessLogFilters, action: 'search' | 'export', resultCount: number | null, now: Date): Promise<void> {
  await appendAccessRecords(
    trx,
    municipality,
    [
      {
        id: randomUUID(),
        time: now,
        system: SKJOLD_SYSTEM_KEY,
        user: { id: actor.userId, unit: actor.unitId ?? null },
        workstation: actor.workstation ?? null,
        ip: actor.ip ?? null,
        action,
        subject: filters.cpr ? { cpr: filters.cpr } : null,
        query: describeFilters(filters),
        resultCount,
        purpose: action === 'search' ? 'Søgning i adgangsloggen' : 'Udtræk af adgangsloggen',
      },
    ],
    { now: () => now },
  );
}

/** Searches the log for a staff user and logs the search in the same transaction (LOG-3: the log's own use is logged). */
export async function searchAccessLogLogged(db: Kysely<Database>, actor: LogActor, q: AccessLogQuery, now = new Date()): Promise<AccessLogPage> {
  return db.transaction().execute(async (trx) => {
    const page = await searchAccessLog(trx, q);
    await logUse(trx, q.municipality, actor, q, 'search', page.entries.length, now);
    return page;
  });
}

/** The columns of a CSV export, in order. */
export const exportColumns = ['seq', 'id', 'time', 'received_at', 'system', 'system_name', 'user_id', 'user_name', 'unit', 'unit_name', 'workstation', 'ip', 'action', 'subject_cpr', 'query', 'result_count', 'case_id', 'case_kle', 'case_kle_title', 'case_facet', 'case_status', 'purpose', 'outcome'] as const;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quote always; neutralise spreadsheet formulas (CSV injection) with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
}

function csvLine(e: AccessLogEntry): string {
  const values: (string | number | null)[] = [e.seq, e.id, e.time.toISOString(), e.receivedAt.toISOString(), e.system.key, e.system.name, e.user.id, e.user.name, e.unit?.id ?? null, e.unit?.name ?? null, e.workstation, e.ip, e.action, e.subjectCpr, e.query, e.resultCount, e.case?.id ?? null, e.case?.kle ?? null, e.case?.kleTitle ?? null, e.case?.facet ?? null, e.case?.status ?? null, e.purpose, e.outcome];
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Exports the records matching the filters as CSV or JSON Lines: logs the export (access log and security event)
 * and commits that first, then yields the file in pieces, newest record first.
 */
export async function exportAccessLog(db: Kysely<Database>, actor: LogActor, municipality: string, filters: AccessLogFilters, format: 'csv' | 'jsonl', now = new Date()): Promise<AsyncGenerator<string>> {
  await db.transaction().execute(async (trx) => {
    await logUse(trx, municipality, actor, filters, 'export', null, now);
    const used = Object.entries(filters).filter(([, v]) => v !== undefined).map(([k]) => k);
    await recordSecurityEvent(trx, { municipality, type: 'export', actorId: actor.userId, ip: actor.ip ?? null, workstation: actor.workstation ?? null, details: { target: 'access-log', format, filters: used } });
  });
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `\uFEFF${exportColumns.join(',')}\r\n`;
    let cursor: string | undefined;
    for (;;) {
      const page = await searchAccessLog(db, { ...filters, municipality, limit: 1000, cursor });
      let chunk = '';
      for (const e of page.entries) chunk += format === 'csv' ? csvLine(e) : `${JSON.stringify(e)}\n`;
      if (chunk) yield chunk;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
  return lines();
}

/** The number of records a municipality's log holds (for status pages). */
export async function countAccessRecords(db: Executor, municipality: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from access_log where municipality = ${municipality}`.execute(db);
  return rows[0]?.n ?? 0;
}
