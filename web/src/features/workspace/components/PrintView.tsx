// The print-friendly view of a case: fetched from the print endpoint (which logs the print), then window.print().
// The app shell is hidden when printing (styles.css), so the paper shows the case and its documents only.
import { useEffect, useRef } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { formatDate, formatDateTime } from '../../../shared/i18n/datetime.ts';
import { useI18n } from '../../../shared/i18n/index.tsx';
import { Link } from '../../../shared/navigation/index.tsx';
import { Alert, Button, Loading } from '../../../shared/ui/components.tsx';
import { usePrintCase } from '../api/cases.ts';
import { CaseNotFound } from './CasePage.tsx';
import { workspaceErrorMessage } from './errors.ts';
import { authorityLabel, caseTypeLabel, statusLabel } from './labels.ts';

/** The print view of one case; opens the browser's print dialog once the case has loaded. */
export function PrintView({ caseId }: { caseId: string }) {
  const { t, language } = useI18n();
  const printable = usePrintCase(caseId);
  const printed = useRef(false);

  useEffect(() => {
    if (printable.data && !printed.current) {
      printed.current = true;
      window.print();
    }
  }, [printable.data]);

  if (printable.isPending) return <Loading label={t('app.loading')} />;
  if (printable.isError) {
    if (isApiError(printable.error, 404)) return <CaseNotFound />;
    return (
      <div className="page workspace">
        <p className="back-link no-print">
          <Link to={`/borgerservice/sag/${encodeURIComponent(caseId)}`}>{t('workspace.print.back')}</Link>
        </p>
        <Alert tone="error">{workspaceErrorMessage(printable.error, t)}</Alert>
      </div>
    );
  }
  const p = printable.data;
  return (
    <article className="page print-view" data-testid="print-view">
      <div className="form-actions no-print">
        <Link to={`/borgerservice/sag/${encodeURIComponent(caseId)}`} className="btn btn-secondary">
          {t('workspace.print.back')}
        </Link>
        <Button onClick={() => window.print()}>{t('workspace.print.again')}</Button>
      </div>
      <h1>{p.case.title}</h1>
      <dl className="facts print-facts">
        <div>
          <dt>{t('workspace.col.caseNumber')}</dt>
          <dd className="mono">{p.case.caseNumber}</dd>
        </div>
        <div>
          <dt>{t('workspace.case.citizen')}</dt>
          <dd>
            {p.citizen.name}, <span className="mono nowrap">{p.citizen.cpr}</span>
          </dd>
        </div>
        <div>
          <dt>{t('workspace.col.caseType')}</dt>
          <dd>{caseTypeLabel(p.case)}</dd>
        </div>
        <div>
          <dt>{t('workspace.col.status')}</dt>
          <dd>{statusLabel(p.case.status, t)}</dd>
        </div>
        <div>
          <dt>{t('workspace.case.authority')}</dt>
          <dd>{authorityLabel(p.case.authority, t)}</dd>
        </div>
        <div>
          <dt>{t('workspace.col.unit')}</dt>
          <dd>{p.case.responsibleUnit.name ?? p.case.responsibleUnit.id}</dd>
        </div>
        <div>
          <dt>{t('workspace.case.openedOn')}</dt>
          <dd>{formatDate(p.case.openedOn, language)}</dd>
        </div>
        {p.case.closedOn && (
          <div>
            <dt>{t('workspace.case.closedOn')}</dt>
            <dd>{formatDate(p.case.closedOn, language)}</dd>
          </div>
        )}
        <div>
          <dt>{t('workspace.case.assigned')}</dt>
          <dd>{p.case.assignedEmployee ?? t('workspace.case.unassigned')}</dd>
        </div>
      </dl>
      <h2 className="print-heading">{t('workspace.docs.title')}</h2>
      {p.documents.length === 0 && <p>{t('workspace.docs.none')}</p>}
      {p.documents.map((doc) => (
        <section key={doc.id} className="print-document">
          <h3>{doc.title}</h3>
          <p className="muted">{t('workspace.docs.meta', { time: formatDateTime(doc.createdAt, language, { seconds: false }), by: doc.createdBy })}</p>
          <div className="document-body">{doc.body}</div>
        </section>
      ))}
      <p className="print-footer muted">{t('workspace.print.footer', { time: formatDateTime(p.printedAt, language), by: p.printedBy })}</p>
    </article>
  );
}
