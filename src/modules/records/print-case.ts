// printCase: a case with all its documents as a printable structure; needs the print right (content level).
import { caseLog, dateOnly, existenceOf, loadCase, loadDocuments, refusalFor, type CaseExistence, type DocumentView } from './cases.ts';
import { caseNotFound, forbidden, withAccess, type RecordsContext } from './context.ts';

/** A case ready to print or render as HTML: header fields, the person (masked CPR), and every document in order. */
export interface PrintableCase {
  printedAt: string;
  printedBy: string;
  case: CaseExistence & { title: string; openedOn: string; closedOn: string | null; assignedEmployee: string | null };
  citizen: { name: string; cpr: string };
  documents: DocumentView[];
}

/** Prints a case; 404 when unknown or not to be known, 403 'forbidden' without the print right. Logs 'print'. */
export async function printCase(ctx: RecordsContext, caseId: string, options: { purpose?: string | undefined } = {}): Promise<PrintableCase> {
  return withAccess<PrintableCase>(ctx, options.purpose, async ({ trx, policy, log }) => {
    const row = await loadCase(trx, ctx.municipality, caseId);
    const refusal = refusalFor(policy, 'print', row, log, 'print', caseId);
    if (refusal === 'forbidden') return { refused: forbidden() };
    if (refusal || !row) return { refused: caseNotFound() };
    log({ action: 'print', ...caseLog(row) });
    const cpr = row.citizen_cpr;
    return {
      ok: {
        printedAt: ctx.now.toISOString(),
        printedBy: ctx.user.username,
        case: { ...existenceOf(row), title: row.title, openedOn: dateOnly(row.opened_on), closedOn: dateOnly(row.closed_on), assignedEmployee: row.assigned_employee_name },
        citizen: { name: `${row.first_name} ${row.last_name}`, cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` },
        documents: await loadDocuments(trx, ctx.municipality, row.id),
      },
    };
  });
}
