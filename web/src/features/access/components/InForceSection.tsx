// "Hvem har adgang" (ACC-7): the rights in force at a chosen date, grouped by grantee, with CSV export and revocation.
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../../../shared/api/errors.ts';
import { useI18n } from '../../../shared/i18n/index.tsx';
import { copenhagenEndOfDayIso, copenhagenToday, formatDate } from '../../../shared/i18n/datetime.ts';
import { Alert, Badge, Button, Dialog, Loading, TextAreaField } from '../../../shared/ui/components.tsx';
import { grantsExportUrl, useGrants, useRevokeGrant } from '../api/grants.ts';
import type { Grant } from '../api/types.ts';
import { GrantCells } from './GrantCells.tsx';
import { granteeKindLabel, granteeName, scopeTitle } from './labels.ts';

/** Shortest revocation reason the server accepts. */
const MIN_REASON = 5;

/** Grants grouped by grantee, in the server's order (by name, then case type). */
function groupByGrantee(grants: readonly Grant[]): { key: string; grantee: Grant['grantee']; grants: Grant[] }[] {
  const groups = new Map<string, { key: string; grantee: Grant['grantee']; grants: Grant[] }>();
  for (const grant of grants) {
    const key = `${grant.grantee.kind}:${grant.grantee.id}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, grantee: grant.grantee, grants: [] };
      groups.set(key, group);
    }
    group.grants.push(grant);
  }
  return [...groups.values()];
}

/** The "Hvem har adgang" section; `canRevoke` shows "Fjern adgang" on today's rights (the server decides). */
export function InForceSection({ canRevoke }: { canRevoke: boolean }) {
  const { t, language } = useI18n();
  const today = copenhagenToday();
  const [date, setDate] = useState(today);
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Today means "now" (the server's clock); another date means the state at the end of that day, Danish time.
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const at = !validDate || date === today ? undefined : copenhagenEndOfDayIso(date);
  const grants = useGrants('in-force', at);
  const isToday = at === undefined;
  const groups = grants.data ? groupByGrantee(grants.data.grants) : [];
  const columns = 7;
  const revocable = canRevoke && isToday;

  return (
    <section className="section card" aria-labelledby="hvem-har-adgang" data-testid="in-force-section">
      <h2 id="hvem-har-adgang" tabIndex={-1}>
        {t('access.inForce.title')}
      </h2>
      <p className="muted">{t('access.inForce.intro')}</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="grants-at">{t('access.inForce.at')}</label>
          <p id="grants-at-help" className="field-help">
            {t('access.inForce.atHelp')}
          </p>
          <input id="grants-at" type="date" value={date} aria-describedby="grants-at-help" onChange={(e) => setDate(e.target.value)} />
        </div>
        {!isToday && (
          <Button variant="secondary" onClick={() => setDate(today)}>
            {t('access.inForce.today')}
          </Button>
        )}
        <a className="btn btn-secondary" href={grantsExportUrl('in-force', at)} download data-testid="grants-csv">
          {t('access.inForce.csv')}
        </a>
      </div>
      {done && <Alert tone="info">{done}</Alert>}
      {grants.isError && <Alert tone="error">{errorMessage(grants.error, t)}</Alert>}
      {grants.isPending && <Loading label={t('app.loading')} />}
      {grants.data && (
        <>
          <p className="result-count" role="status" aria-live="polite" data-testid="in-force-count">
            {grants.data.grants.length === 0
              ? t('access.inForce.none')
              : t('access.inForce.count', { count: grants.data.grants.length, grantees: groups.length, date: formatDate(grants.data.at, language) })}
          </p>
          {groups.length > 0 && (
            <div className="table-wrap">
              <table className="data-table grant-table" aria-busy={grants.isFetching}>
                <caption className="visually-hidden">{t('access.inForce.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('access.col.scope')}</th>
                    <th scope="col">{t('access.col.authority')}</th>
                    <th scope="col">{t('access.col.level')}</th>
                    <th scope="col">{t('access.col.rights')}</th>
                    <th scope="col">{t('access.col.since')}</th>
                    <th scope="col">{t('access.col.grantedBy')}</th>
                    <th scope="col">{t('access.col.validUntil')}</th>
                  </tr>
                </thead>
                {groups.map((group) => (
                  <tbody key={group.key} data-testid="grantee-group" data-grantee={group.key}>
                    <tr className="group-row">
                      <th scope="colgroup" colSpan={columns}>
                        <span className="group-name">{granteeName(group.grantee, t)}</span> <Badge>{granteeKindLabel(group.grantee.kind, t)}</Badge>{' '}
                        <code className="inline-code">{group.grantee.id}</code>
                      </th>
                    </tr>
                    {group.grants.map((grant) => (
                      <tr key={grant.id} data-testid="grant-row" data-scope={grant.scope}>
                        <GrantCells grant={grant} />
                        <td className="nowrap">
                          <span className="cell-primary">{formatDate(grant.validFrom, language)}</span>
                          {grant.decidedAt && formatDate(grant.decidedAt, language) !== formatDate(grant.validFrom, language) && (
                            <span className="cell-secondary">{t('access.decidedOn', { date: formatDate(grant.decidedAt, language) })}</span>
                          )}
                        </td>
                        <td>
                          <span className="cell-primary">{grant.decidedBy ?? '—'}</span>
                          {grant.secondApprovedBy && <span className="cell-secondary">{t('access.secondBy', { name: grant.secondApprovedBy })}</span>}
                          <span className="cell-secondary">{t('access.requestedBy', { name: grant.requestedBy })}</span>
                        </td>
                        <td>
                          <span className="cell-primary nowrap">{grant.validUntil ? formatDate(grant.validUntil, language) : <span className="muted">{t('access.untilFurther')}</span>}</span>
                          {grant.revokedAt && <span className="cell-secondary">{t('access.revokedOn', { date: formatDate(grant.revokedAt, language) })}</span>}
                          {revocable && grant.status === 'approved' && (
                            <Button
                              variant="secondary"
                              className="btn-small cell-button"
                              aria-label={t('access.revoke.actionFor', { grantee: granteeName(grant.grantee, t), scope: grant.scope })}
                              onClick={() => {
                                setDone(null);
                                setRevoking(grant);
                              }}
                            >
                              {t('access.revoke.action')}
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )}
        </>
      )}
      {revoking && (
        <RevokeDialog
          grant={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={(message) => {
            setRevoking(null);
            setDone(message);
            window.setTimeout(() => document.getElementById('hvem-har-adgang')?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}

function RevokeDialog({ grant, onClose, onRevoked }: { grant: Grant; onClose: () => void; onRevoked: (message: string) => void }) {
  const { t } = useI18n();
  const revoke = useRevokeGrant();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const grantee = granteeName(grant.grantee, t);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    revoke.mutate({ id: grant.id, reason: reason.trim() }, { onSuccess: () => onRevoked(t('access.revoke.done', { grantee, scope: grant.scope })) });
  };

  const serverReason = fieldError(revoke.error, 'reason');
  return (
    <Dialog title={t('access.revoke.title', { grantee })} onClose={onClose} testId="revoke-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('access.revoke.intro', { scope: `${grant.scope} ${scopeTitle(grant, t)}` })}</p>
        {revoke.isError && !serverReason && <Alert tone="error">{errorMessage(revoke.error, t)}</Alert>}
        <TextAreaField
          label={t('access.revoke.reason')}
          help={t('access.revoke.reasonHelp')}
          name="reason"
          value={reason}
          maxLength={2000}
          error={tooShort ? t('access.revoke.tooShort', { min: MIN_REASON }) : serverReason}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={revoke.isPending}>
            {t('access.revoke.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
