// Shared reading and presenting of cases: one row loader for single-case use-cases, and the two presentation levels
// (existence: number, type, status, responsible unit; content: plus title, dates, assignee and documents).
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { decide, type CompiledPolicy } from '../access/index.ts';
import { kleTitle } from '../reference/index.ts';
import { maskCpr } from '../reference/cpr.ts';
import { citizenRef } from './refs.ts';
import type { LogEntry, RecordsContext } from './context.ts';

/** A case with the facts the policy and every presentation need. */
export interface CaseRow {
  id: string;
  case_number: string;
  citizen_cpr: string;
  kle: string;
  facet: string;
  title: string;
  status: 'open' | 'closed';
  authority: string;
  responsible_unit_id: string;
  responsible_unit_name: string | null;
  assigned_employee_id: string | null;
  assigned_employee_name: string | null;
  opened_on: string;
  closed_on: string | null;
  first_name: string;
  last_name: string;
}

/** A calendar date as YYYY-MM-DD (pg hands dates over as strings, PGlite as UTC-midnight Dates). */
export function dateOnly(value: string | Date): string;
export function dateOnly(value: string | Date | null): string | null;
export function dateOnly(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/** Loads one case by id (whatever the user may see: callers decide before presenting anything). */
export async function loadCase(trx: Transaction<Database>, municipality: string, caseId: string): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('citizen_case as c')
    .innerJoin('citizen as p', (j) => j.onRef('p.municipality', '=', 'c.municipality').onRef('p.cpr', '=', 'c.citizen_cpr'))
    .leftJoin('org_unit as u', (j) => j.onRef('u.municipality', '=', 'c.municipality').onRef('u.id', '=', 'c.responsible_unit_id'))
    .leftJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'c.municipality').onRef('e.id', '=', 'c.assigned_employee_id'))
    .select([
      'c.id', 'c.case_number', 'c.citizen_cpr', 'c.kle', 'c.facet', 'c.title', 'c.status', 'c.authority', 'c.responsible_unit_id',
      'u.name as responsible_unit_name', 'c.assigned_employee_id', 'e.full_name as assigned_employee_name', 'c.opened_on', 'c.closed_on',
      'p.first_name', 'p.last_name',
    ])
    .where('c.municipality', '=', municipality)
    .where('c.id', '=', caseId)
    .executeTakeFirst();
}

/** What the user may do with a case, sent to the client so the UI never re-derives the policy. */
export interface CaseAbilities {
  view: boolean;
  update: boolean;
  delete: boolean;
  print: boolean;
}

/** The abilities a policy gives on one case. */
export function abilitiesOn(policy: CompiledPolicy, row: Pick<CaseRow, 'kle' | 'authority'>): CaseAbilities {
  return { view: decide(policy, 'view', row), update: decide(policy, 'update', row), delete: decide(policy, 'delete', row), print: decide(policy, 'print', row) };
}

/** The existence-level fields of a case: what a user who may only know of it sees. */
export interface CaseExistence {
  id: string;
  caseNumber: string;
  kle: string;
  kleTitle: string | null;
  facet: string;
  status: 'open' | 'closed';
  authority: string;
  responsibleUnit: { id: string; name: string | null };
}

/** Presents the existence-level fields. */
export function existenceOf(row: Pick<CaseRow, 'id' | 'case_number' | 'kle' | 'facet' | 'status' | 'authority' | 'responsible_unit_id' | 'responsible_unit_name'>): CaseExistence {
  return {
    id: row.id,
    caseNumber: row.case_number,
    kle: row.kle,
    kleTitle: kleTitle(row.kle) ?? null,
    facet: row.facet,
    status: row.status,
    authority: row.authority,
    responsibleUnit: { id: row.responsible_unit_id, name: row.responsible_unit_name },
  };
}

/** A document on a case as shown at content level. */
export interface DocumentView {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  createdBy: string;
}

/** Content-level fields of a case. */
export interface CaseContent {
  title: string;
  openedOn: string;
  closedOn: string | null;
  assignedEmployee: { id: string; name: string | null } | null;
  documents: DocumentView[];
}

/** A case as the workspace shows it: existence fields always, content only at content level. */
export interface CaseView extends CaseExistence {
  level: 'existence' | 'content';
  citizen: { ref: string; name: string; cpr: string };
  abilities: CaseAbilities;
  content: CaseContent | null;
}

/** The documents of a case, oldest first. */
export async function loadDocuments(trx: Transaction<Database>, municipality: string, caseId: string): Promise<DocumentView[]> {
  const rows = await trx
    .selectFrom('case_document')
    .select(['id', 'title', 'body', 'created_at', 'created_by'])
    .where('municipality', '=', municipality)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((d) => ({ id: d.id, title: d.title, body: d.body, createdAt: new Date(d.created_at).toISOString(), createdBy: d.created_by }));
}

/** Presents a case at the level the policy allows (loading documents only when the contents may be seen). */
export async function presentCase(ctx: RecordsContext, trx: Transaction<Database>, policy: CompiledPolicy, row: CaseRow): Promise<CaseView> {
  const abilities = abilitiesOn(policy, row);
  const content: CaseContent | null = abilities.view
    ? {
        title: row.title,
        openedOn: dateOnly(row.opened_on),
        closedOn: dateOnly(row.closed_on),
        assignedEmployee: row.assigned_employee_id ? { id: row.assigned_employee_id, name: row.assigned_employee_name } : null,
        documents: await loadDocuments(trx, ctx.municipality, row.id),
      }
    : null;
  return {
    ...existenceOf(row),
    level: abilities.view ? 'content' : 'existence',
    citizen: { ref: citizenRef(ctx.refKey, ctx.municipality, row.citizen_cpr), name: `${row.first_name} ${row.last_name}`, cpr: maskCpr(row.citizen_cpr) },
    abilities,
    content,
  };
}

/** The log entry fields for a case: the person concerned and the case's id, KLE, facet and status. */
export function caseLog(row: Pick<CaseRow, 'id' | 'citizen_cpr' | 'kle' | 'facet' | 'status'>): Pick<LogEntry, 'subject' | 'case'> {
  return { subject: { cpr: row.citizen_cpr }, case: { id: row.id, kle: row.kle, facet: row.facet, status: row.status } };
}

/**
 * Checks an action on a loaded case and logs a refusal: a case the user may not know of is answered exactly like a
 * missing one (404), one they may know of but not act on gets 403; both are logged with outcome 'denied'.
 */
export function refusalFor(policy: CompiledPolicy, action: 'know' | 'update' | 'delete' | 'print', row: CaseRow | undefined, log: (e: LogEntry) => void, logAction: LogEntry['action'], caseId: string): 'not_found' | 'forbidden' | undefined {
  if (!row) {
    log({ action: logAction, case: { id: caseId }, outcome: 'denied' });
    return 'not_found';
  }
  if (!decide(policy, 'know', row)) {
    log({ action: logAction, ...caseLog(row), outcome: 'denied' });
    return 'not_found';
  }
  if (!decide(policy, action, row)) {
    log({ action: logAction, ...caseLog(row), outcome: 'denied' });
    return 'forbidden';
  }
  return undefined;
}
