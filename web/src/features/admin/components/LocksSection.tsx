// "Spærringer": engaged locks on user identities and workstations, and clearing one with a clarified cause.
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../../../shared/api/errors.ts';
import { useI18n } from '../../../shared/i18n/index.tsx';
import { formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Alert, Badge, Button, Dialog, Loading, TextAreaField } from '../../../shared/ui/components.tsx';
import { useClearLock, useLocks } from '../api/locks.ts';
import type { Lock } from '../api/types.ts';
import { MIN_DESCRIPTION } from './PasswordResetDialog.tsx';

/** Shows a lock's key readably: a workstation "ip:10.1.2.3" as its address, "ws:NAME" as its name. */
function lockTarget(lock: Lock): string {
  if (lock.kind === 'workstation') return lock.key.replace(/^(ip|ws):/, '');
  return lock.key;
}

/** The "Spærringer" section. */
export function LocksSection() {
  const { t, language } = useI18n();
  const locks = useLocks();
  const [clearing, setClearing] = useState<Lock | null>(null);
  const [cleared, setCleared] = useState<string | null>(null);

  return (
    <section className="section card" aria-labelledby="spaerringer" data-testid="locks-section">
      <h2 id="spaerringer" tabIndex={-1}>
        {t('admin.locks.title')}
      </h2>
      <p className="muted">{t('admin.locks.intro')}</p>
      {cleared && (
        <Alert tone="info">
          <p>{cleared}</p>
        </Alert>
      )}
      {locks.isError && <Alert tone="error">{errorMessage(locks.error, t)}</Alert>}
      {locks.isPending && <Loading label={t('app.loading')} />}
      {locks.data && locks.data.locks.length === 0 && <p data-testid="no-locks">{t('admin.locks.none')}</p>}
      {locks.data && locks.data.locks.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.locks.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.locks.colKind')}</th>
                <th scope="col">{t('admin.locks.colTarget')}</th>
                <th scope="col">{t('admin.locks.colSince')}</th>
                <th scope="col">{t('admin.locks.colFailures')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.users.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {locks.data.locks.map((lock) => (
                <tr key={`${lock.kind}:${lock.key}`} data-testid="lock-row">
                  <td>
                    <Badge tone="danger">{lock.kind === 'user' ? t('admin.locks.kindUser') : t('admin.locks.kindWorkstation')}</Badge>
                  </td>
                  <th scope="row">
                    <code className="inline-code">{lockTarget(lock)}</code>
                  </th>
                  <td>{formatDateTime(lock.lockedAt, language)}</td>
                  <td>{lock.failures}</td>
                  <td className="cell-actions">
                    <Button
                      variant="secondary"
                      className="btn-small"
                      onClick={() => {
                        setCleared(null);
                        setClearing(lock);
                      }}
                      aria-label={t('admin.locks.clearFor', { target: lockTarget(lock) })}
                    >
                      {t('admin.locks.clear')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {clearing && (
        <ClearLockDialog
          lock={clearing}
          onClose={() => setClearing(null)}
          onCleared={(message) => {
            setClearing(null);
            setCleared(message);
            // The row (and the button that opened the dialog) is gone: put focus on the section heading.
            window.setTimeout(() => document.getElementById('spaerringer')?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}

function ClearLockDialog({ lock, onClose, onCleared }: { lock: Lock; onClose: () => void; onCleared: (message: string) => void }) {
  const { t } = useI18n();
  const clear = useClearLock();
  const [cause, setCause] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const target = lockTarget(lock);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cause.trim().length < MIN_DESCRIPTION) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    clear.mutate({ kind: lock.kind, key: lock.key, cause: cause.trim() }, { onSuccess: () => onCleared(t('admin.locks.cleared', { target })) });
  };

  const serverReason = fieldError(clear.error, 'cause');
  return (
    <Dialog title={lock.kind === 'user' ? t('admin.locks.dialogTitleUser', { target }) : t('admin.locks.dialogTitleWorkstation', { target })} onClose={onClose} testId="clear-lock-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('admin.locks.dialogIntro')}</p>
        {clear.isError && !serverReason && <Alert tone="error">{errorMessage(clear.error, t)}</Alert>}
        <TextAreaField
          label={t('admin.locks.cause')}
          help={t('admin.locks.causeHelp', { min: MIN_DESCRIPTION })}
          name="cause"
          value={cause}
          maxLength={2000}
          error={tooShort ? t('admin.locks.tooShort', { min: MIN_DESCRIPTION }) : serverReason}
          autoFocus
          onChange={(e) => setCause(e.target.value)}
        />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={clear.isPending}>
            {t('admin.locks.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
