// deleteCase: delete a case and its documents; needs the separate delete right (ACC-6).
import { caseLog, loadCase, refusalFor } from './cases.ts';
import { caseNotFound, forbidden, withAccess, type RecordsContext } from './context.ts';

/** Deletes a case with its documents; 404 when unknown or not to be known, 403 'forbidden' without the delete right. Logs 'delete'. */
export async function deleteCase(ctx: RecordsContext, caseId: string, options: { purpose?: string | undefined } = {}): Promise<{ deleted: true; documents: number }> {
  return withAccess<{ deleted: true; documents: number }>(ctx, options.purpose, async ({ trx, policy, log, flush }) => {
    const row = await loadCase(trx, ctx.municipality, caseId);
    const refusal = refusalFor(policy, 'delete', row, log, 'delete', caseId);
    if (refusal === 'forbidden') return { refused: forbidden() };
    if (refusal || !row) return { refused: caseNotFound() };
    log({ action: 'delete', ...caseLog(row) });
    await flush();
    const docs = await trx.deleteFrom('case_document').where('municipality', '=', ctx.municipality).where('case_id', '=', row.id).executeTakeFirst();
    await trx.deleteFrom('citizen_case').where('municipality', '=', ctx.municipality).where('id', '=', row.id).execute();
    return { ok: { deleted: true, documents: Number(docs.numDeletedRows) } };
  });
}
