// The parts of a control case every view shows: why, the covered lookups in Danish time, and the follow-up so far.
import { useI18n } from '../../../shared/i18n/index.tsx';
import { formatDate, formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Badge } from '../../../shared/ui/components.tsx';
import type { ControlCase } from '../api/types.ts';
import { actionLabel, kindLabel, statusLabel, statusTone } from './labels.ts';

/** Kind, status, deadline and the reasons of a case. */
export function CaseHeader({ c, showEmployee = false }: { c: ControlCase; showEmployee?: boolean }) {
  const { t, language } = useI18n();
  return (
    <div className="control-case-head">
      <div className="badges">
        <Badge tone={c.kind === 'alert' ? 'warning' : 'neutral'}>{kindLabel(c.kind, t)}</Badge>
        <Badge tone={statusTone(c.status)}>
          <span data-testid="case-status" data-status={c.status}>
            {statusLabel(c.status, t)}
          </span>
        </Badge>
      </div>
      {showEmployee && (
        <p className="cell-primary">
          {c.employeeName ?? c.userId} <code className="cell-secondary">{c.userId}</code>
        </p>
      )}
      <p className="cell-secondary">{t('control.openedDue', { opened: formatDateTime(c.openedAt, language, { seconds: false }), due: formatDate(c.dueAt, language) })}</p>
      {c.reasons.length > 0 ? (
        <ul className="control-reasons">
          {c.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        c.kind === 'sample' && <p className="muted">{t('control.sampleReason')}</p>
      )}
    </div>
  );
}

/** The covered lookups: time (Danish time), system, action, case and purpose. */
export function CaseRecords({ c }: { c: ControlCase }) {
  const { t, language } = useI18n();
  if (c.records.length === 0) return <p className="muted">{t('control.records.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="case-records">
        <caption className="visually-hidden">{t('control.records.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('control.records.time')}</th>
            <th scope="col">{t('control.records.system')}</th>
            <th scope="col">{t('control.records.action')}</th>
            <th scope="col">{t('control.records.case')}</th>
            <th scope="col">{t('control.records.purpose')}</th>
          </tr>
        </thead>
        <tbody>
          {c.records.map((r) => (
            <tr key={r.seq} data-testid="case-record">
              <td>{formatDateTime(r.time, language)}</td>
              <td>{r.system}</td>
              <td>{actionLabel(r.action, t)}</td>
              <td>{r.caseId ? <code>{r.caseId}</code> : <span className="muted">—</span>}</td>
              <td>{r.purpose ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The explanation, review and closing note given so far. */
export function CaseHistory({ c }: { c: ControlCase }) {
  const { t } = useI18n();
  if (!c.explanation && !c.reviewNote && !c.closingNote && !c.reviewOutcome) return null;
  return (
    <dl className="facts">
      {c.explanation && (
        <div>
          <dt>{t('control.history.explanation')}</dt>
          <dd data-testid="case-explanation">{c.explanation}</dd>
        </div>
      )}
      {c.reviewOutcome && (
        <div>
          <dt>{t('control.history.review')}</dt>
          <dd>
            {c.reviewOutcome === 'satisfied' ? t('control.review.satisfied') : t('control.review.notSatisfied')}
            {c.reviewNote ? ` — ${c.reviewNote}` : ''}
          </dd>
        </div>
      )}
      {c.closingNote && (
        <div>
          <dt>{t('control.history.closing')}</dt>
          <dd>{c.closingNote}</dd>
        </div>
      )}
    </dl>
  );
}
