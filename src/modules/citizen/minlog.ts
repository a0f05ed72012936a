// Min log (CTL-5, CIT-1): the lookups on one citizen's own CPR number from every system feeding Skjold — time, the
// organisational unit, the system, the purpose and the action — never the employee's identity, workstation or
// address (EU Court C-579/21). The CPR number always comes from the citizen session, never from the request.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** One lookup as the citizen sees it. */
export interface MinLogEntry {
  /** ISO time (UTC), for machines. */
  time: string;
  /** Danish time, e.g. "3. maj 2026 kl. 14.05". */
  timeText: string;
  unit: string;
  system: string;
  purpose: string;
  action: string;
}

/** One page of Min log, newest first; `nextCursor` fetches the older ones. */
export interface MinLogPage {
  entries: MinLogEntry[];
  nextCursor: string | null;
}

/** Page size the web page uses; also the benchmark's page. */
export const MIN_LOG_PAGE_SIZE = 50;
/** Most records one download holds. */
export const MIN_LOG_EXPORT_LIMIT = 20_000;

const actionLabels: Record<string, string> = {
  search: 'Søgning',
  view: 'Opslag',
  create: 'Oprettelse',
  update: 'Ændring',
  delete: 'Sletning',
  print: 'Udskrift',
  export: 'Udtræk',
};

// Used instead of the purpose for lookups in case types whose very existence is confidential (ACC-4).
const GENERIC_PURPOSE = 'Sagsbehandling';
const UNKNOWN_PURPOSE = 'Ikke oplyst';

const danishTime = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const danishStamp = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** "3. maj 2026 kl. 14.05" in Danish time. */
export function formatDanishTime(time: Date): string {
  const p = Object.fromEntries(danishTime.formatToParts(time).map((x) => [x.type, x.value]));
  return `${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute}`;
}

/** "03-05-2026 14:05:09" in Danish time (sortable enough for a spreadsheet, unambiguous). */
export function formatDanishStamp(time: Date): string {
  const p = Object.fromEntries(danishStamp.formatToParts(time).map((x) => [x.type, x.value]));
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** The Danish word for an action (with "afvist" when the system refused the lookup). */
export function actionText(action: string, outcome: string): string {
  const label = actionLabels[action] ?? action;
  return outcome === 'denied' ? `${label} (afvist)` : label;
}

function encodeCursor(time: Date, seq: number): string {
  return Buffer.from(`${time.toISOString()}|${seq}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { time: Date; seq: number } | undefined {
  if (!cursor || cursor.length > 100) return undefined;
  const [iso, seq] = Buffer.from(cursor, 'base64url').toString().split('|');
  const time = new Date(iso ?? '');
  return Number.isNaN(time.getTime()) || !/^\d{1,18}$/.test(seq ?? '') ? undefined : { time, seq: Number(seq) };
}

interface Row {
  time: Date;
  seq: number;
  action: string;
  outcome: string;
  purpose: string | null;
  case_kle: string | null;
  unit_name: string | null;
  system_name: string;
}

/**
 * Reads one page of a citizen's Min log, newest first (keyset on time and seq). Unit names are decoded via
 * org_unit; a unit Skjold does not know is shown as the system's name. Nothing about the employee is selected.
 */
export async function readMinLog(db: Kysely<Database>, municipality: string, cpr: string, options: { limit?: number; cursor?: string } = {}): Promise<MinLogPage> {
  const limit = Math.min(Math.max(options.limit ?? MIN_LOG_PAGE_SIZE, 1), 1000);
  const after = decodeCursor(options.cursor);
  const [{ rows }, hidden] = await Promise.all([
    sql<Row>`
      select l.time, l.seq, l.action, l.outcome, l.purpose, l.case_kle, u.name as unit_name, coalesce(s.name, l.system) as system_name
      from access_log l
      left join org_unit u on u.municipality = l.municipality and u.id = l.user_unit
      left join log_system s on s.municipality = l.municipality and s.key = l.system
      where l.municipality = ${municipality} and l.subject_cpr = ${cpr}
        ${after ? sql`and l.time <= ${after.time.toISOString()}::timestamptz and (l.time < ${after.time.toISOString()}::timestamptz or l.seq < ${after.seq})` : sql``}
      order by l.time desc, l.seq desc
      limit ${limit + 1}`.execute(db),
    hiddenCaseTypes(db, municipality),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => toEntry(r, hidden)),
    nextCursor: rows.length > limit && last ? encodeCursor(new Date(last.time), Number(last.seq)) : null,
  };
}

/** Every entry of a citizen's Min log for a download, newest first (at most MIN_LOG_EXPORT_LIMIT). */
export async function readWholeMinLog(db: Kysely<Database>, municipality: string, cpr: string): Promise<MinLogEntry[]> {
  const all: MinLogEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await readMinLog(db, municipality, cpr, { limit: 1000, ...(cursor ? { cursor } : {}) });
    all.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < MIN_LOG_EXPORT_LIMIT);
  return all.slice(0, MIN_LOG_EXPORT_LIMIT);
}

async function hiddenCaseTypes(db: Kysely<Database>, municipality: string): Promise<string[]> {
  const rows = await db.selectFrom('hidden_case_type').select('kle').where('municipality', '=', municipality).execute();
  return rows.map((r) => r.kle);
}

function toEntry(r: Row, hidden: readonly string[]): MinLogEntry {
  const time = new Date(r.time);
  const confidential = r.case_kle !== null && hidden.some((kle) => r.case_kle === kle || r.case_kle!.startsWith(`${kle}.`));
  const purpose = confidential ? GENERIC_PURPOSE : r.purpose?.trim() || UNKNOWN_PURPOSE;
  return { time: time.toISOString(), timeText: formatDanishTime(time), unit: r.unit_name ?? r.system_name, system: r.system_name, purpose, action: actionText(r.action, r.outcome) };
}
