// addDocument: add a document to a case; needs the enter right (ACC-6) on the case's type.
import { randomUUID } from 'node:crypto';
import { caseLog, loadCase, refusalFor, type DocumentView } from './cases.ts';
import { caseNotFound, forbidden, withAccess, type RecordsContext } from './context.ts';

/** A new document: title and text. */
export interface NewDocument {
  title: string;
  body: string;
  purpose?: string | undefined;
}

/** Adds a document; 404 when the case is unknown or not to be known, 403 'forbidden' without the enter right. Logs 'create'. */
export async function addDocument(ctx: RecordsContext, caseId: string, doc: NewDocument): Promise<DocumentView> {
  return withAccess<DocumentView>(ctx, doc.purpose, async ({ trx, policy, log, flush }) => {
    const row = await loadCase(trx, ctx.municipality, caseId);
    const refusal = refusalFor(policy, 'update', row, log, 'create', caseId);
    if (refusal === 'forbidden') return { refused: forbidden() };
    if (refusal || !row) return { refused: caseNotFound() };
    log({ action: 'create', ...caseLog(row) });
    await flush();
    const stored = { municipality: ctx.municipality, id: randomUUID(), case_id: row.id, title: doc.title.trim(), body: doc.body, created_at: ctx.now, created_by: ctx.user.username };
    await trx.insertInto('case_document').values(stored).execute();
    return { ok: { id: stored.id, title: stored.title, body: stored.body, createdAt: ctx.now.toISOString(), createdBy: stored.created_by } };
  });
}
