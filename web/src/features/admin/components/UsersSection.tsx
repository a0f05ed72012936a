// The searchable, paginated user list with lock state, MFA badges and the password reset action.
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useI18n, type MessageKey, type Translate } from '../../../shared/i18n/index.tsx';
import { formatDate } from '../../../shared/i18n/datetime.ts';
import { Alert, Badge, Button, Loading } from '../../../shared/ui/components.tsx';
import type { AdminUser } from '../api/types.ts';
import { useUsers } from '../api/users.ts';
import { PasswordResetDialog } from './PasswordResetDialog.tsx';

const pageSize = 15;

/** A role's Danish (or English) name; unknown roles are shown as they are. */
export function roleLabel(role: string, t: Translate): string {
  const key = `role.${role}` as MessageKey;
  const label = t(key);
  return label === key ? role : label;
}

/** The "Brugere" section. */
export function UsersSection() {
  const { t, language } = useI18n();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [resetFor, setResetFor] = useState<AdminUser | null>(null);
  const users = useUsers({ search, limit: pageSize, offset });

  // Search while typing, after a short pause; the button searches at once.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(input.trim());
      setOffset(0);
    }, 350);
    return () => window.clearTimeout(timer);
  }, [input]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearch(input.trim());
    setOffset(0);
  };

  const total = users.data?.total ?? 0;
  const rows = users.data?.users ?? [];
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + rows.length, total);

  return (
    <section className="section card" aria-labelledby="brugere" data-testid="users-section">
      <h2 id="brugere" tabIndex={-1}>
        {t('admin.users.title')}
      </h2>
      <p className="muted">{t('admin.users.intro')}</p>
      <form className="toolbar" role="search" onSubmit={submit}>
        <div className="field field-grow">
          <label htmlFor="user-search">{t('admin.users.search')}</label>
          <input
            id="user-search"
            type="search"
            value={input}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('admin.users.searchPlaceholder')}
            onChange={(e) => setInput(e.target.value)}
          />
        </div>
        <Button type="submit" variant="secondary">
          {t('admin.users.searchSubmit')}
        </Button>
      </form>

      {users.isError && <Alert tone="error">{errorMessage(users.error, t)}</Alert>}
      {users.isPending && <Loading label={t('app.loading')} />}
      {users.data && (
        <>
          <p className="result-count" role="status" aria-live="polite" data-testid="users-count">
            {total === 0 ? t('admin.users.none') : t('admin.users.showing', { from, to, total })}
          </p>
          {rows.length > 0 && (
            <div className="table-wrap">
              <table className="data-table" aria-busy={users.isFetching}>
                <caption className="visually-hidden">{t('admin.users.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.users.colName')}</th>
                    <th scope="col">{t('admin.users.colUnit')}</th>
                    <th scope="col">{t('admin.users.colRoles')}</th>
                    <th scope="col">{t('admin.users.colLogin')}</th>
                    <th scope="col">{t('admin.users.colMfa')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('admin.users.colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((user) => (
                    <tr key={user.id} data-testid="user-row">
                      <th scope="row" className="cell-name">
                        <span className="cell-primary">{user.name}</span>
                        <span className="cell-secondary">{user.username}</span>
                      </th>
                      <td>{user.unit}</td>
                      <td>{user.roles.length > 0 ? user.roles.map((r) => roleLabel(r, t)).join(', ') : <span className="muted">{t('admin.users.noRoles')}</span>}</td>
                      <td>
                        <div className="badges">
                          {user.locked ? <Badge tone="danger">{t('admin.users.locked')}</Badge> : <Badge tone="ok">{t('admin.users.open')}</Badge>}
                          {user.status === 'disabled' && <Badge tone="neutral">{t('admin.users.disabled')}</Badge>}
                          {!user.hasPassword && <Badge tone="warning">{t('admin.users.noPassword')}</Badge>}
                        </div>
                        {user.employedUntil && (
                          <span className="cell-secondary">{t('admin.users.employedUntil', { date: formatDate(user.employedUntil, language) })}</span>
                        )}
                      </td>
                      <td>
                        <div className="badges">
                          {user.secondFactors.length === 0 && <Badge tone="warning">{t('admin.users.mfaNone')}</Badge>}
                          {user.secondFactors.map((factor) => (
                            <Badge key={factor} tone="ok">
                              {factor === 'totp' ? t('admin.users.mfaTotp') : factor === 'webauthn' ? t('admin.users.mfaWebauthn') : factor}
                            </Badge>
                          ))}
                        </div>
                      </td>
                      <td className="cell-actions">
                        <Button variant="secondary" className="btn-small" onClick={() => setResetFor(user)} aria-label={t('admin.reset.actionFor', { name: user.name })}>
                          {t('admin.reset.action')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {total > pageSize && (
            <div className="pager">
              <Button variant="secondary" disabled={offset === 0 || users.isFetching} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
                {t('admin.users.previous')}
              </Button>
              <Button variant="secondary" disabled={offset + pageSize >= total || users.isFetching} onClick={() => setOffset(offset + pageSize)}>
                {t('admin.users.next')}
              </Button>
            </div>
          )}
        </>
      )}
      {resetFor && <PasswordResetDialog user={resetFor} onClose={() => setResetFor(null)} />}
    </section>
  );
}
