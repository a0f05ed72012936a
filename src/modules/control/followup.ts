// Follow-up of flagged or sampled lookups (CTL-1, CTL-3): a control case per employee; the employee explains, the
// manager with most insight reviews (never the employee themself: a manager's own lookups go to the next manager
// up), the security staff close as explained or as misuse with the follow-up noted. Reminders and escalation when
// deadlines pass. Every step is a row in the append-only control_case_event.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ControlError } from './errors.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Days an employee has to explain, and a reviewer to review, before a reminder. */
export const CASE_DUE_DAYS = 7;
/** Days after the first deadline before escalation to the manager's manager and the security staff. */
export const ESCALATE_AFTER_DAYS = 7;
/** Shortest explanation or note accepted. */
export const MIN_TEXT = 10;

/** What the follow-up services need. */
export interface ControlDeps {
  db: Kysely<Database>;
  municipality: string;
  now: () => Date;
}

/** A status of a control case. */
export type ControlCaseStatus = 'awaiting-explanation' | 'awaiting-review' | 'awaiting-security' | 'closed-explained' | 'closed-misuse';

/** Appends one step to a case's history (inside the caller's transaction). */
export async function recordCaseEvent(trx: Executor, municipality: string, caseId: string, step: string, actorId: string | null, time: Date, details: Record<string, unknown> = {}): Promise<void> {
  await trx.insertInto('control_case_event').values({ municipality, case_id: caseId, time, step, actor_id: actorId, details: JSON.stringify(details) as never }).execute();
}

async function notify(trx: Executor, municipality: string, to: { userId?: string | null; role?: string }, kind: string, message: string): Promise<void> {
  if (!to.userId && !to.role) return;
  await trx.insertInto('notification').values({ municipality, recipient_user_id: to.userId ?? null, recipient_role: to.role ?? null, kind, message, read_at: null }).execute();
}

/** What openControlCase needs: the kind, the user (access-log user id), the lookups, and the clock. */
export interface OpenCaseInput {
  municipality: string;
  kind: 'alert' | 'sample';
  /** The user id as in the access log (employee.username for Skjold and matched systems). */
  userId: string;
  records: readonly { seq: number; time: Date }[];
  now: Date;
  /** Who opened it (null: the monitor). */
  actorId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Opens a follow-up case for a user's lookups, or — for alerts — adds them to the user's case that still awaits an
 * explanation. Call inside a transaction. Returns the case id and whether it is new. Used by the monitor and by
 * random sampling.
 */
export async function openControlCase(trx: Executor, input: OpenCaseInput): Promise<{ caseId: string; created: boolean }> {
  const m = input.municipality;
  if (input.records.length === 0) throw new ControlError('invalid', 'En kontrolsag skal omfatte mindst ét opslag.', 'records');
  const employee = await trx.selectFrom('employee').select(['id', 'full_name']).where('municipality', '=', m).where('username', '=', input.userId).executeTakeFirst();
  let caseId: string | undefined;
  if (input.kind === 'alert') {
    const open = await trx
      .selectFrom('control_case')
      .select('id')
      .where('municipality', '=', m)
      .where('user_id', '=', input.userId)
      .where('kind', '=', 'alert')
      .where('status', '=', 'awaiting-explanation')
      .orderBy('opened_at')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    caseId = open?.id;
  }
  const created = caseId === undefined;
  if (caseId === undefined) {
    caseId = randomUUID();
    await trx
      .insertInto('control_case')
      .values({
        municipality: m, id: caseId, kind: input.kind, user_id: input.userId, employee_id: employee?.id ?? null, status: 'awaiting-explanation',
        opened_at: input.now, due_at: new Date(input.now.getTime() + CASE_DUE_DAYS * 86_400_000), explanation: null, explained_at: null,
        reviewer_id: null, review_outcome: null, review_note: null, reviewed_at: null, closed_by: null, closed_at: null, closing_note: null, escalated_at: null,
      })
      .execute();
    await recordCaseEvent(trx, m, caseId, 'opened', input.actorId ?? null, input.now, { kind: input.kind, records: input.records.length, ...input.details });
    const message = input.kind === 'alert'
      ? 'Nogle af dine opslag er blevet markeret af logovervågningen. Forklar venligst årsagen til opslagene inden for 7 dage.'
      : 'Nogle af dine opslag er udtaget til stikprøvekontrol. Forklar venligst årsagen til opslagene inden for 7 dage.';
    await notify(trx, m, { userId: employee?.id ?? null }, 'control-case', message);
    if (!employee) await notify(trx, m, { role: 'security' }, 'control-case', `En kontrolsag er oprettet for brugeren ${input.userId}, som ikke kan kobles til en medarbejder.`);
  }
  const inserted = await trx
    .insertInto('control_case_record')
    .values(input.records.map((r) => ({ municipality: m, case_id: caseId!, log_seq: r.seq, log_time: r.time })))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (!created && Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await recordCaseEvent(trx, m, caseId, 'records-added', input.actorId ?? null, input.now, { records: Number(inserted.numInsertedOrUpdatedRows), ...input.details });
  return { caseId, created };
}

/**
 * The reviewer with most insight into an employee's work: their manager; for a manager's own lookups that is the
 * next manager up. Never the employee themself; departed managers are skipped. Undefined at the top (security reviews).
 */
export async function chooseReviewer(db: Executor, municipality: string, employeeId: string, at: Date): Promise<string | undefined> {
  const today = at.toISOString().slice(0, 10);
  let current = await db.selectFrom('employee').select(['id', 'manager_id']).where('municipality', '=', municipality).where('id', '=', employeeId).executeTakeFirst();
  const seen = new Set<string>([employeeId]);
  while (current?.manager_id && !seen.has(current.manager_id)) {
    const manager = await db.selectFrom('employee').select(['id', 'manager_id', 'employed_until']).where('municipality', '=', municipality).where('id', '=', current.manager_id).executeTakeFirst();
    if (!manager) return undefined;
    seen.add(manager.id);
    if (manager.id !== employeeId && (manager.employed_until === null || manager.employed_until >= today)) return manager.id;
    current = manager;
  }
  return undefined;
}

/** Who acts on a case: the employee id (= account id) and whether they hold the security role. */
export interface CaseActor {
  id: string;
  roles?: readonly string[];
}

async function lockCase(trx: Transaction<Database>, municipality: string, id: string) {
  const row = await trx.selectFrom('control_case').selectAll().where('municipality', '=', municipality).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new ControlError('not_found', 'Kontrolsagen findes ikke.');
  return row;
}

/** The employee explains their lookups (≥ 10 characters); the case goes to the reviewer (or security at the top). */
export async function explainCase(deps: ControlDeps, actor: CaseActor, caseId: string, explanation: string): Promise<{ status: ControlCaseStatus; reviewerId: string | null }> {
  const text = (explanation ?? '').trim();
  if (text.length < MIN_TEXT) throw new ControlError('invalid', `Forklaringen skal beskrive årsagen til opslagene (mindst ${MIN_TEXT} tegn).`, 'explanation');
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, deps.municipality, caseId);
    if (c.employee_id !== actor.id) throw new ControlError('forbidden', 'Kun medarbejderen, hvis opslag sagen gælder, kan forklare dem.');
    if (c.status !== 'awaiting-explanation') throw new ControlError('wrong_state', 'Sagen afventer ikke en forklaring.');
    const now = deps.now();
    const reviewer = await chooseReviewer(trx, deps.municipality, actor.id, now);
    const status: ControlCaseStatus = reviewer ? 'awaiting-review' : 'awaiting-security';
    await trx
      .updateTable('control_case')
      .set({ explanation: text, explained_at: now, status, reviewer_id: reviewer ?? null, due_at: new Date(now.getTime() + CASE_DUE_DAYS * 86_400_000), reminders_sent: 0, escalated_at: null })
      .where('municipality', '=', deps.municipality)
      .where('id', '=', caseId)
      .execute();
    await recordCaseEvent(trx, deps.municipality, caseId, 'explained', actor.id, now, { reviewer: reviewer ?? null });
    if (reviewer) await notify(trx, deps.municipality, { userId: reviewer }, 'control-review', 'En medarbejder har forklaret opslag, der er udtaget til kontrol. Gennemgå venligst forklaringen.');
    else await notify(trx, deps.municipality, { role: 'security' }, 'control-review', 'En kontrolsag uden leder over medarbejderen afventer gennemgang af sikkerhedsfunktionen.');
    return { status, reviewerId: reviewer ?? null };
  });
}

/** The reviewer's outcome: satisfied closes the case as explained; otherwise it goes to the security staff (note required). */
export async function reviewCase(deps: ControlDeps, actor: CaseActor, caseId: string, outcome: 'satisfied' | 'not-satisfied', note: string | null): Promise<{ status: ControlCaseStatus }> {
  const text = (note ?? '').trim();
  if (outcome === 'not-satisfied' && text.length < MIN_TEXT) throw new ControlError('invalid', `Skriv hvad der skal følges op på (mindst ${MIN_TEXT} tegn).`, 'note');
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, deps.municipality, caseId);
    if (c.employee_id === actor.id || c.user_id === actor.id) throw new ControlError('self_review', 'Du kan ikke gennemgå en kontrol af dine egne opslag; den går til din nærmeste leder.');
    if (c.status !== 'awaiting-review') throw new ControlError('wrong_state', 'Sagen afventer ikke en ledergennemgang.');
    if (c.reviewer_id !== actor.id) throw new ControlError('forbidden', 'Sagen er sendt til en anden leder til gennemgang.');
    const now = deps.now();
    const status: ControlCaseStatus = outcome === 'satisfied' ? 'closed-explained' : 'awaiting-security';
    await trx
      .updateTable('control_case')
      .set({
        review_outcome: outcome, review_note: text || null, reviewed_at: now, status,
        ...(status === 'closed-explained' ? { closed_by: actor.id, closed_at: now, closing_note: text || 'Forklaringen er tilfredsstillende.' } : { due_at: new Date(now.getTime() + CASE_DUE_DAYS * 86_400_000), reminders_sent: 0, escalated_at: null }),
      })
      .where('municipality', '=', deps.municipality)
      .where('id', '=', caseId)
      .execute();
    await recordCaseEvent(trx, deps.municipality, caseId, 'reviewed', actor.id, now, { outcome });
    if (status === 'awaiting-security') await notify(trx, deps.municipality, { role: 'security' }, 'control-security', 'En leder har ikke fundet forklaringen på nogle opslag tilfredsstillende. Sagen afventer sikkerhedsfunktionen.');
    return { status };
  });
}

/** The security staff close a case as explained or as misuse, with the follow-up noted (never their own lookups). */
export async function closeCase(deps: ControlDeps, actor: CaseActor, caseId: string, outcome: 'explained' | 'misuse', note: string): Promise<{ status: ControlCaseStatus }> {
  const text = (note ?? '').trim();
  if (text.length < MIN_TEXT) throw new ControlError('invalid', `Notér opfølgningen (mindst ${MIN_TEXT} tegn), fx samtale, advarsel eller sag om ansættelsesretlige skridt.`, 'note');
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, deps.municipality, caseId);
    if (c.employee_id === actor.id || c.user_id === actor.id) throw new ControlError('self_review', 'Du kan ikke afslutte en kontrol af dine egne opslag.');
    if (c.status === 'closed-explained' || c.status === 'closed-misuse') throw new ControlError('wrong_state', 'Sagen er allerede afsluttet.');
    if (c.status !== 'awaiting-security' && c.escalated_at === null) throw new ControlError('wrong_state', 'Sagen afventer ikke sikkerhedsfunktionen (den er hos medarbejderen eller lederen).');
    const now = deps.now();
    const status: ControlCaseStatus = outcome === 'misuse' ? 'closed-misuse' : 'closed-explained';
    await trx.updateTable('control_case').set({ status, closed_by: actor.id, closed_at: now, closing_note: text }).where('municipality', '=', deps.municipality).where('id', '=', caseId).execute();
    await recordCaseEvent(trx, deps.municipality, caseId, 'closed', actor.id, now, { outcome });
    return { status };
  });
}

/** Sends reminders for cases past their deadline, and escalates those a further ESCALATE_AFTER_DAYS late. */
export async function sendReminders(deps: ControlDeps, now: Date = deps.now()): Promise<{ reminded: number; escalated: number }> {
  const m = deps.municipality;
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('control_case as c')
      .leftJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'c.municipality').onRef('e.id', '=', 'c.employee_id'))
      .select(['c.id', 'c.status', 'c.employee_id', 'c.reviewer_id', 'c.due_at', 'c.reminders_sent', 'c.escalated_at', 'e.manager_id'])
      .where('c.municipality', '=', m)
      .where('c.status', 'in', ['awaiting-explanation', 'awaiting-review', 'awaiting-security'])
      .where('c.due_at', '<', now)
      .forUpdate(['c'])
      .execute();
    let reminded = 0;
    let escalated = 0;
    for (const c of due) {
      const responsible = c.status === 'awaiting-explanation' ? { userId: c.employee_id } : c.status === 'awaiting-review' ? { userId: c.reviewer_id } : { role: 'security' };
      if (c.reminders_sent === 0) {
        await notify(trx, m, responsible, 'control-reminder', 'Påmindelse: en kontrolsag om logopslag har overskredet fristen. Behandl den venligst hurtigst muligt.');
        await trx.updateTable('control_case').set({ reminders_sent: sql`reminders_sent + 1` }).where('municipality', '=', m).where('id', '=', c.id).execute();
        await recordCaseEvent(trx, m, c.id, 'reminded', null, now, { status: c.status });
        reminded++;
      } else if (c.escalated_at === null && new Date(c.due_at).getTime() + ESCALATE_AFTER_DAYS * 86_400_000 < now.getTime()) {
        const manager = c.manager_id ? await trx.selectFrom('employee').select('manager_id').where('municipality', '=', m).where('id', '=', c.manager_id).executeTakeFirst() : undefined;
        const above = manager?.manager_id ?? c.manager_id;
        if (above && above !== c.employee_id) await notify(trx, m, { userId: above }, 'control-escalation', 'Eskalering: en kontrolsag om logopslag i dit område er ikke behandlet trods påmindelse.');
        await notify(trx, m, { role: 'security' }, 'control-escalation', 'Eskalering: en kontrolsag om logopslag er ikke behandlet trods påmindelse.');
        await trx.updateTable('control_case').set({ escalated_at: now }).where('municipality', '=', m).where('id', '=', c.id).execute();
        await recordCaseEvent(trx, m, c.id, 'escalated', null, now, { status: c.status, to: above ?? null });
        escalated++;
      }
    }
    return { reminded, escalated };
  });
}

/** One control case as shown to the employee, reviewer or security staff (lookups without CPR numbers). */
export interface ControlCaseView {
  id: string;
  kind: 'alert' | 'sample';
  userId: string;
  employeeId: string | null;
  employeeName: string | null;
  status: ControlCaseStatus;
  openedAt: Date;
  dueAt: Date;
  explanation: string | null;
  reviewerId: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
  closingNote: string | null;
  reasons: string[];
  records: { seq: number; time: Date; system: string; action: string; caseId: string | null; purpose: string | null }[];
}

/** Cases for a view: the employee's own, those awaiting a reviewer, or all (security), newest first. */
export async function listControlCases(deps: ControlDeps, filter: { employeeId?: string; reviewerId?: string; status?: readonly ControlCaseStatus[]; limit?: number }): Promise<ControlCaseView[]> {
  let q = deps.db
    .selectFrom('control_case as c')
    .leftJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'c.municipality').onRef('e.id', '=', 'c.employee_id'))
    .selectAll('c')
    .select('e.full_name')
    .where('c.municipality', '=', deps.municipality);
  if (filter.employeeId) q = q.where('c.employee_id', '=', filter.employeeId);
  if (filter.reviewerId) q = q.where('c.reviewer_id', '=', filter.reviewerId);
  if (filter.status?.length) q = q.where('c.status', 'in', [...filter.status]);
  const cases = await q.orderBy('c.opened_at', 'desc').limit(filter.limit ?? 200).execute();
  if (cases.length === 0) return [];
  const ids = cases.map((c) => c.id);
  const records = await sql<{ case_id: string; seq: number; time: Date; system: string; action: string; case_ref: string | null; purpose: string | null }>`
    select r.case_id, a.seq, a.time, a.system, a.action, a.case_id as case_ref, a.purpose
    from control_case_record r join access_log a on a.municipality = r.municipality and a.seq = r.log_seq and a.time = r.log_time
    where r.municipality = ${deps.municipality} and r.case_id = any(${ids}::text[]) order by a.seq`.execute(deps.db);
  const reasons = await deps.db.selectFrom('alert').select(['control_case_id', 'reason']).where('municipality', '=', deps.municipality).where('control_case_id', 'in', ids).execute();
  return cases.map((c) => ({
    id: c.id,
    kind: c.kind,
    userId: c.user_id,
    employeeId: c.employee_id,
    employeeName: c.full_name ?? null,
    status: c.status,
    openedAt: new Date(c.opened_at),
    dueAt: new Date(c.due_at),
    explanation: c.explanation,
    reviewerId: c.reviewer_id,
    reviewOutcome: c.review_outcome,
    reviewNote: c.review_note,
    closingNote: c.closing_note,
    reasons: [...new Set(reasons.filter((r) => r.control_case_id === c.id).map((r) => r.reason))],
    records: records.rows.filter((r) => r.case_id === c.id).map((r) => ({ seq: Number(r.seq), time: new Date(r.time), system: r.system, action: r.action, caseId: r.case_ref, purpose: r.purpose })),
  }));
}
