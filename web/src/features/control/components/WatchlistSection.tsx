// "Overvågningsliste" (security staff): known persons whose lookups always raise an alert; CPR listed masked.
import { useState, type FormEvent } from 'react';
import { fieldError } from '../../../shared/api/errors.ts';
import { useI18n } from '../../../shared/i18n/index.tsx';
import { formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Alert, Button, Loading, TextField } from '../../../shared/ui/components.tsx';
import { useAddToWatchlist, useRemoveFromWatchlist, useWatchlist } from '../api/control.ts';
import { ListError, Refusal } from './Refusal.tsx';

/** The watch list and the form to add a person. */
export function WatchlistSection() {
  const { t, language } = useI18n();
  const list = useWatchlist(true);
  const add = useAddToWatchlist();
  const remove = useRemoveFromWatchlist();
  const [cpr, setCpr] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const rows = list.data?.entries ?? [];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    add.mutate(
      { cpr: cpr.trim(), reason: reason.trim() },
      {
        onSuccess: () => {
          setCpr('');
          setReason('');
          setDone(t('control.watch.added'));
        },
      },
    );
  };
  return (
    <section className="section card" aria-labelledby="overvaagningsliste" data-testid="watchlist">
      <h2 id="overvaagningsliste" tabIndex={-1}>
        {t('control.watch.title')}
      </h2>
      <p className="muted">{t('control.watch.intro')}</p>
      {done && <Alert tone="info">{done}</Alert>}
      {list.isPending && <Loading label={t('app.loading')} />}
      {list.isError && <ListError error={list.error} />}
      {remove.isError && <Refusal error={remove.error} />}
      {list.data && rows.length === 0 && <p className="result-count">{t('control.watch.none')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('control.watch.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('control.watch.cpr')}</th>
                <th scope="col">{t('control.watch.name')}</th>
                <th scope="col">{t('control.watch.reason')}</th>
                <th scope="col">{t('control.watch.addedBy')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('access.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-testid="watch-row">
                  <td>
                    <code>{e.cprMasked}</code>
                  </td>
                  <td>{e.name ?? <span className="muted">—</span>}</td>
                  <td>{e.reason}</td>
                  <td>
                    <span className="cell-primary">{e.addedBy}</span>
                    <span className="cell-secondary">{formatDateTime(e.addedAt, language, { seconds: false })}</span>
                  </td>
                  <td className="cell-actions">
                    <Button variant="secondary" className="btn-small" disabled={remove.isPending} aria-label={t('control.watch.removeFor', { cpr: e.cprMasked })} onClick={() => remove.mutate(e.id)}>
                      {t('control.watch.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit} noValidate className="control-form" aria-labelledby="watch-add">
        <h3 id="watch-add">{t('control.watch.add')}</h3>
        {add.isError && !fieldError(add.error, 'cpr') && !fieldError(add.error, 'reason') && <Refusal error={add.error} />}
        <div className="field-row">
          <TextField label={t('control.watch.cpr')} help={t('control.watch.cprHelp')} name="cpr" autoComplete="off" inputMode="numeric" value={cpr} maxLength={20} error={fieldError(add.error, 'cpr')} onChange={(e) => setCpr(e.target.value)} />
          <TextField label={t('control.watch.reason')} help={t('control.watch.reasonHelp')} name="reason" value={reason} maxLength={500} error={fieldError(add.error, 'reason')} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="dialog-actions">
          <Button type="submit" disabled={add.isPending}>
            {t('control.watch.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
