// getCase: one case at the level the user may see; a case they may not know of answers exactly like a missing one.
import { caseLog, loadCase, presentCase, refusalFor, type CaseView } from './cases.ts';
import { caseNotFound, withAccess, type RecordsContext } from './context.ts';

/** Shows one case (existence or content level); 404 'not_found' when it does not exist or may not be known. */
export async function getCase(ctx: RecordsContext, caseId: string, options: { purpose?: string | undefined } = {}): Promise<CaseView> {
  return withAccess<CaseView>(ctx, options.purpose, async ({ trx, policy, log }) => {
    const row = await loadCase(trx, ctx.municipality, caseId);
    if (refusalFor(policy, 'know', row, log, 'view', caseId) || !row) return { refused: caseNotFound() };
    log({ action: 'view', ...caseLog(row) });
    return { ok: await presentCase(ctx, trx, policy, row) };
  });
}
