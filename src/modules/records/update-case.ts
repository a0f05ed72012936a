// updateCase: change a case's status, title or assignee; needs the enter right (ACC-6) on the case's type.
import { RecordsError, caseNotFound, forbidden, withAccess, type RecordsContext } from './context.ts';
import { caseLog, loadCase, presentCase, refusalFor, type CaseView } from './cases.ts';

/** The changes updateCase accepts; omitted fields stay as they are, assignedEmployeeId null unassigns. */
export interface CaseChanges {
  status?: 'open' | 'closed' | undefined;
  title?: string | undefined;
  assignedEmployeeId?: string | null | undefined;
  purpose?: string | undefined;
}

/** Updates a case; 404 when unknown or not to be known, 403 'forbidden' without the enter right. Logs 'update'. */
export async function updateCase(ctx: RecordsContext, caseId: string, changes: CaseChanges): Promise<CaseView> {
  return withAccess<CaseView>(ctx, changes.purpose, async ({ trx, policy, log, flush }) => {
    const row = await loadCase(trx, ctx.municipality, caseId);
    const refusal = refusalFor(policy, 'update', row, log, 'update', caseId);
    if (refusal === 'forbidden') return { refused: forbidden() };
    if (refusal || !row) return { refused: caseNotFound() };
    const set: { status?: 'open' | 'closed'; closed_on?: string | null; title?: string; assigned_employee_id?: string | null } = {};
    if (changes.status && changes.status !== row.status) {
      set.status = changes.status;
      set.closed_on = changes.status === 'closed' ? ctx.now.toISOString().slice(0, 10) : null;
    }
    if (changes.title !== undefined) set.title = changes.title.trim();
    if (changes.assignedEmployeeId !== undefined) {
      if (changes.assignedEmployeeId !== null) {
        const employee = await trx.selectFrom('employee').select('id').where('municipality', '=', ctx.municipality).where('id', '=', changes.assignedEmployeeId).executeTakeFirst();
        if (!employee) throw new RecordsError(400, 'unknown_employee', 'Den valgte medarbejder findes ikke.', 'assignedEmployeeId');
      }
      set.assigned_employee_id = changes.assignedEmployeeId;
    }
    // Log first: a change that then fails rolls back its record with it, and a failing log write rolls back the change.
    log({ action: 'update', ...caseLog({ ...row, status: set.status ?? row.status }) });
    await flush();
    if (Object.keys(set).length > 0) {
      await trx.updateTable('citizen_case').set(set).where('municipality', '=', ctx.municipality).where('id', '=', row.id).execute();
    }
    const updated = (await loadCase(trx, ctx.municipality, row.id))!;
    return { ok: await presentCase(ctx, trx, policy, updated) };
  });
}
