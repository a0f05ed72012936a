// "Sikkerhedslog": the security staff's search in the security event log (AUTH-8).
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useI18n, type MessageKey, type Translate } from '../../../shared/i18n/index.tsx';
import { copenhagenLocalToIso, formatDateTime } from '../../../shared/i18n/datetime.ts';
import { AccessDenied, Alert, Button, Loading, SelectField, TextField } from '../../../shared/ui/components.tsx';
import { securityEventTypes, useSecurityEvents, type SecurityEvent, type SecurityEventFilter } from '../api/events.ts';

/** The Danish (or English) name of an event type; unknown types are shown as they are. */
export function eventTypeLabel(type: string, t: Translate): string {
  const key = `securityLog.type.${type}` as MessageKey;
  const label = t(key);
  return label === key ? type : label;
}

const detailKeys: Record<string, MessageKey> = {
  cause: 'securityLog.detail.cause',
  identityCheck: 'securityLog.detail.identityCheck',
  reason: 'securityLog.detail.reason',
  factor: 'securityLog.detail.factor',
  secondFactor: 'securityLog.detail.secondFactor',
  lock: 'securityLog.detail.lock',
  target: 'securityLog.detail.target',
  setting: 'securityLog.detail.setting',
  sessionsEnded: 'securityLog.detail.sessionsEnded',
  count: 'securityLog.detail.count',
};

const detailValues: Record<string, MessageKey> = {
  user: 'securityLog.value.user',
  workstation: 'securityLog.value.workstation',
  password: 'securityLog.value.password',
  totp: 'securityLog.value.totp',
  webauthn: 'securityLog.value.webauthn',
  recovery: 'securityLog.value.recovery',
  'wrong-password': 'securityLog.value.wrong-password',
  logout: 'securityLog.value.logout',
  idle: 'securityLog.value.idle',
};

function detailValue(value: unknown, t: Translate): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    const key = detailValues[value];
    return key ? t(key) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Details({ details, t }: { details: Record<string, unknown>; t: Translate }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="details">
      {entries.map(([key, value]) => {
        const labelKey = detailKeys[key];
        return (
          <div key={key}>
            <dt>{labelKey ? t(labelKey) : key}</dt>
            <dd>{detailValue(value, t)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

const emptyFilter: SecurityEventFilter = { type: '', userId: '', from: '', to: '' };

/** The security log page for the role security; the server decides access (403 → polite refusal). */
export function SecurityLogPage() {
  const { t, language } = useI18n();
  const [type, setType] = useState('');
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState<SecurityEventFilter>(emptyFilter);
  const events = useSecurityEvents(filter);

  if (isApiError(events.error, 403)) return <AccessDenied />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter({ type, userId: userId.trim(), from: copenhagenLocalToIso(from) ?? '', to: copenhagenLocalToIso(to) ?? '' });
  };
  const clear = () => {
    setType('');
    setUserId('');
    setFrom('');
    setTo('');
    setFilter(emptyFilter);
  };

  const rows: SecurityEvent[] = events.data?.pages.flatMap((p) => p.events) ?? [];
  const typeOptions = [{ value: '', label: t('securityLog.allTypes') }, ...securityEventTypes.map((value) => ({ value, label: eventTypeLabel(value, t) }))];

  return (
    <div className="page">
      <h1>{t('securityLog.title')}</h1>
      <p className="lead">{t('securityLog.intro')}</p>

      <form className="section card filters" onSubmit={submit} aria-label={t('securityLog.filters')} data-testid="security-log-filters">
        <div className="filter-grid">
          <SelectField label={t('securityLog.type')} name="type" value={type} options={typeOptions} onChange={(e) => setType(e.target.value)} />
          <TextField label={t('securityLog.userId')} name="userId" value={userId} maxLength={100} spellCheck={false} autoComplete="off" onChange={(e) => setUserId(e.target.value)} />
          <TextField label={t('securityLog.from')} name="from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label={t('securityLog.to')} name="to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <p className="field-help">
          {t('securityLog.timeZone')} {t('securityLog.userIdHelp')}
        </p>
        <div className="form-actions">
          <Button type="submit">{t('securityLog.search')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('securityLog.clear')}
          </Button>
        </div>
      </form>

      <section className="section card" aria-labelledby="security-log-results">
        <h2 id="security-log-results">{t('securityLog.results')}</h2>
        {events.isError && <Alert tone="error">{errorMessage(events.error, t)}</Alert>}
        {events.isPending && <Loading label={t('app.loading')} />}
        {events.data && rows.length === 0 && <p>{t('securityLog.none')}</p>}
        {rows.length > 0 && (
          <>
            <p className="result-count" role="status" aria-live="polite">
              {events.hasNextPage ? t('securityLog.countMore', { count: rows.length }) : rows.length === 1 ? t('securityLog.countOne') : t('securityLog.count', { count: rows.length })}
            </p>
            <div className="table-wrap">
              <table className="data-table" data-testid="security-events" aria-busy={events.isFetching}>
                <caption className="visually-hidden">{t('securityLog.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('securityLog.colTime')}</th>
                    <th scope="col">{t('securityLog.colType')}</th>
                    <th scope="col">{t('securityLog.colActor')}</th>
                    <th scope="col">{t('securityLog.colSubject')}</th>
                    <th scope="col">{t('securityLog.colSource')}</th>
                    <th scope="col">{t('securityLog.colDetails')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id} data-testid="security-event" data-type={e.type}>
                      <td className="nowrap">
                        <time dateTime={e.time}>{formatDateTime(e.time, language)}</time>
                      </td>
                      <th scope="row">
                        <span className="cell-primary">{eventTypeLabel(e.type, t)}</span>
                        <code className="cell-secondary">{e.type}</code>
                      </th>
                      <td>{e.actorId ? <code className="inline-code">{e.actorId}</code> : <span className="muted">{t('securityLog.system')}</span>}</td>
                      <td>{e.subjectId ? <code className="inline-code">{e.subjectId}</code> : <span className="muted">—</span>}</td>
                      <td>
                        {e.ip ?? '—'}
                        {e.workstation && e.workstation !== `ip:${e.ip}` && <span className="cell-secondary">{e.workstation}</span>}
                      </td>
                      <td>
                        <Details details={e.details} t={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {events.hasNextPage && (
              <div className="pager">
                <Button variant="secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                  {events.isFetchingNextPage ? t('app.loading') : t('securityLog.more')}
                </Button>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
