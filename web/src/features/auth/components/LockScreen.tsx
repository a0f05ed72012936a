// The lock screen (AUTH-6): rendered instead of the app, so no data view stays mounted behind it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Alert, Button, LanguageSwitch, ShieldMark, TextField } from '../../../shared/ui/components.tsx';
import { useLogout } from '../api/logout.ts';
import type { User } from '../api/types.ts';
import { useUnlock } from '../api/unlock.ts';

/** Asks for the password again; offers logout instead. Shows the user's name only, nothing else. */
export function LockScreen({ user }: { user: User | null }) {
  const t = useT();
  const unlock = useUnlock();
  const logout = useLogout();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [showCode, setShowCode] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') return;
    const trimmed = code.replace(/\s+/g, '');
    unlock.mutate(trimmed ? { password, code: trimmed } : { password }, {
      onSettled: () => {
        setPassword('');
        setCode('');
      },
    });
  };

  return (
    <main className="lock-screen" id="main">
      <section className="card lock-card" aria-labelledby="lock-title">
        <div className="lock-top">
          <ShieldMark size={36} />
          <LanguageSwitch />
        </div>
        <h1 id="lock-title" tabIndex={-1} ref={headingRef}>
          {t('lock.title')}
        </h1>
        <p>{t('lock.body')}</p>
        {user && <p className="muted">{t('lock.user', { name: user.name })}</p>}
        {unlock.isError && <Alert tone="error">{errorMessage(unlock.error, t)}</Alert>}
        <form onSubmit={submit} noValidate>
          {user && <input type="hidden" name="username" autoComplete="username" value={user.username} readOnly />}
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {showCode ? (
            <TextField
              label={t('mfa.totpLabel')}
              help={t('lock.codeHelp')}
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          ) : (
            <p>
              <Button variant="link" onClick={() => setShowCode(true)}>
                {t('lock.addCode')}
              </Button>
            </p>
          )}
          <Button type="submit" className="btn-block" disabled={unlock.isPending}>
            {unlock.isPending ? t('lock.submitting') : t('lock.submit')}
          </Button>
        </form>
        <Button variant="link" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('lock.logout')}
        </Button>
      </section>
    </main>
  );
}
