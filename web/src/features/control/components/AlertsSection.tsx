// "Alarmer og kontroller" (security staff): the alerts with their Danish reason, and every case by status, closable.
import { useState, type FormEvent } from 'react';
import { useI18n, useT } from '../../../shared/i18n/index.tsx';
import { formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Alert, Badge, Button, Dialog, Loading, SelectField, TextAreaField } from '../../../shared/ui/components.tsx';
import { useAlerts, useCases, useCloseCase } from '../api/control.ts';
import { caseStatuses, type ControlCase, type ControlCaseStatus } from '../api/types.ts';
import { CaseHeader, CaseHistory, CaseRecords } from './CaseDetails.tsx';
import { severityLabel, severityTone, statusLabel, statusTone } from './labels.ts';
import { ListError, Refusal } from './Refusal.tsx';

/** The alerts table and the case list with closing. */
export function AlertsSection() {
  const { t, language } = useI18n();
  const alerts = useAlerts(true);
  const rows = [...(alerts.data?.alerts ?? [])].reverse();
  return (
    <section className="section card" aria-labelledby="alarmer" data-testid="alerts">
      <h2 id="alarmer" tabIndex={-1}>
        {t('control.alerts.title')}
      </h2>
      <p className="muted">{t('control.alerts.intro')}</p>
      {alerts.isPending && <Loading label={t('app.loading')} />}
      {alerts.isError && <ListError error={alerts.error} />}
      {alerts.data && rows.length === 0 && <p className="result-count">{t('control.alerts.none')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('control.alerts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('control.col.time')}</th>
                <th scope="col">{t('control.col.reason')}</th>
                <th scope="col">{t('control.col.severity')}</th>
                <th scope="col">{t('control.col.user')}</th>
                <th scope="col">{t('control.col.lookups')}</th>
                <th scope="col">{t('control.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="alert-row" data-rule={a.rule} data-user={a.userId}>
                  <td>{formatDateTime(a.createdAt, language, { seconds: false })}</td>
                  <td className="cell-text">
                    <span className="cell-primary">{a.reason}</span>
                    <span className="cell-secondary">
                      <code>{a.rule}</code> v{a.ruleVersion}
                    </span>
                  </td>
                  <td>
                    <Badge tone={severityTone(a.severity)}>{severityLabel(a.severity, t)}</Badge>
                  </td>
                  <td>
                    <code>{a.userId}</code>
                  </td>
                  <td>{a.logSeqs.length}</td>
                  <td>
                    <Badge tone={statusTone(a.status)}>{statusLabel(a.status, t)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CasesList />
    </section>
  );
}

function CasesList() {
  const t = useT();
  const [status, setStatus] = useState<ControlCaseStatus | ''>('');
  const cases = useCases(status, true);
  const [closing, setClosing] = useState<ControlCase | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rows = cases.data?.cases ?? [];
  return (
    <div data-testid="security-cases">
      <h3>{t('control.cases.title')}</h3>
      <div className="toolbar">
        <SelectField
          label={t('control.cases.filter')}
          value={status}
          onChange={(e) => setStatus(e.target.value as ControlCaseStatus | '')}
          options={[{ value: '', label: t('control.cases.all') }, ...caseStatuses.map((s) => ({ value: s, label: statusLabel(s, t) }))]}
        />
      </div>
      {done && <Alert tone="info">{done}</Alert>}
      {cases.isPending && <Loading label={t('app.loading')} />}
      {cases.isError && <ListError error={cases.error} />}
      {cases.data && rows.length === 0 && <p className="result-count">{t('control.cases.none')}</p>}
      {rows.map((c) => (
        <article key={c.id} className="control-case" data-testid="security-case" data-case-id={c.id}>
          <CaseHeader c={c} showEmployee />
          <details>
            <summary>{t('control.cases.lookups', { count: String(c.records.length) })}</summary>
            <CaseRecords c={c} />
          </details>
          <CaseHistory c={c} />
          {!c.status.startsWith('closed') && (
            <div className="row-actions">
              <Button className="btn-small" onClick={() => (setDone(null), setClosing(c))}>
                {t('control.close.action')}
              </Button>
            </div>
          )}
        </article>
      ))}
      {closing && (
        <CloseDialog
          c={closing}
          onClose={() => setClosing(null)}
          onDone={(message) => {
            setClosing(null);
            setDone(message);
          }}
        />
      )}
    </div>
  );
}

function CloseDialog({ c, onClose, onDone }: { c: ControlCase; onClose: () => void; onDone: (message: string) => void }) {
  const t = useT();
  const close = useCloseCase();
  const [outcome, setOutcome] = useState<'explained' | 'misuse'>('explained');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    close.mutate({ id: c.id, outcome, note }, { onSuccess: () => onDone(t('control.close.done')) });
  };
  return (
    <Dialog title={t('control.close.title')} onClose={onClose} testId="close-dialog">
      <form onSubmit={submit} noValidate>
        <p>{c.employeeName ?? c.userId}</p>
        {close.isError && <Refusal error={close.error} />}
        <SelectField
          label={t('control.close.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as 'explained' | 'misuse')}
          options={[
            { value: 'explained', label: t('control.close.explained') },
            { value: 'misuse', label: t('control.close.misuse') },
          ]}
        />
        <TextAreaField label={t('control.close.note')} help={t('control.close.noteHelp')} name="note" value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={close.isPending}>
            {t('control.close.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
