// What a restricted session may do before anything else: choose a new password, or connect an authenticator app or a security key.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../shared/api/client.ts';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Alert, Button, LanguageSwitch, ShieldMark, TextField } from '../../../shared/ui/components.tsx';
import { useChangePassword } from '../api/change-password.ts';
import { useBeginTotpEnrolment, useConfirmTotpEnrolment } from '../api/enrol-totp.ts';
import { useLogout } from '../api/logout.ts';
import { markAnonymous, sessionQueryKey } from '../api/session.ts';
import type { SessionRestriction } from '../api/types.ts';
import { useRegisterSecurityKey } from '../api/webauthn.ts';
import { isCeremonyCancelled, webauthnSupported } from '../api/webauthn-browser.ts';

/** A centred card with the task the server demands; logout is always possible. */
export function RestrictedSession({ restriction }: { restriction: SessionRestriction }) {
  const t = useT();
  const logout = useLogout();
  return (
    <main className="lock-screen restricted" id="main">
      <section className="card lock-card" aria-labelledby="restricted-title">
        <div className="lock-top">
          <ShieldMark size={36} />
          <LanguageSwitch />
        </div>
        {restriction === 'password-change' ? <PasswordChangeForm /> : <TotpEnrolmentFlow />}
        <Button variant="link" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('shell.logout')}
        </Button>
      </section>
    </main>
  );
}

function PasswordChangeForm() {
  const t = useT();
  const queryClient = useQueryClient();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate({ currentPassword: current, newPassword: next }, { onSettled: () => setCurrent('') });
  };

  if (change.isSuccess) {
    return (
      <>
        <h1 id="restricted-title">{t('passwordChange.doneTitle')}</h1>
        <Alert tone="info">{t('passwordChange.done')}</Alert>
        <Button className="btn-block" onClick={() => markAnonymous(queryClient)}>
          {t('passwordChange.back')}
        </Button>
      </>
    );
  }
  const weak = isApiError(change.error, 422) ? change.error.fields.find((f) => f.field.endsWith('newPassword'))?.reason ?? change.error.message : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <h1 id="restricted-title">{t('passwordChange.title')}</h1>
      <p>{t('passwordChange.intro')}</p>
      {change.isError && !weak && <Alert tone="error">{errorMessage(change.error, t)}</Alert>}
      <TextField
        label={t('passwordChange.current')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <TextField
        label={t('passwordChange.new')}
        help={t('passwordChange.rules')}
        type="password"
        autoComplete="new-password"
        value={next}
        error={weak}
        onChange={(e) => setNext(e.target.value)}
      />
      <TextField
        label={t('passwordChange.repeat')}
        type="password"
        autoComplete="new-password"
        value={repeat}
        error={mismatch ? t('passwordChange.mismatch') : undefined}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <Button type="submit" className="btn-block" disabled={change.isPending || current === '' || next === ''}>
        {t('passwordChange.submit')}
      </Button>
    </form>
  );
}

/** The single-use recovery codes, shown once after the first second factor is connected. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  return (
    <>
      <h1 id="restricted-title">{t('enrol.codesTitle')}</h1>
      <Alert tone="warning">{t('enrol.codesBody')}</Alert>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <Button className="btn-block" onClick={() => queryClient.invalidateQueries({ queryKey: sessionQueryKey })}>
        {t('enrol.codesDone')}
      </Button>
    </>
  );
}

function TotpEnrolmentFlow() {
  const t = useT();
  const queryClient = useQueryClient();
  const begin = useBeginTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const securityKey = useRegisterSecurityKey();
  const [code, setCode] = useState('');

  if (confirm.data) return <RecoveryCodes codes={confirm.data.recoveryCodes} />;
  if (securityKey.data) {
    if (securityKey.data.recoveryCodes.length > 0) return <RecoveryCodes codes={securityKey.data.recoveryCodes} />;
    return (
      <>
        <h1 id="restricted-title">{t('enrol.webauthnDoneTitle')}</h1>
        <Alert tone="info">{t('enrol.webauthnDone')}</Alert>
        <Button className="btn-block" onClick={() => queryClient.invalidateQueries({ queryKey: sessionQueryKey })}>
          {t('enrol.continue')}
        </Button>
      </>
    );
  }

  if (!begin.data) {
    const keyError = securityKey.isError ? (isCeremonyCancelled(securityKey.error) ? t('mfa.webauthnCancelled') : errorMessage(securityKey.error, t)) : undefined;
    return (
      <>
        <h1 id="restricted-title">{t('enrol.title')}</h1>
        <p>{t('enrol.intro')}</p>
        {begin.isError && <Alert tone="error">{errorMessage(begin.error, t)}</Alert>}
        <Button className="btn-block" onClick={() => begin.mutate()} disabled={begin.isPending || securityKey.isPending}>
          {t('enrol.start')}
        </Button>
        <p className="divider" aria-hidden="true">
          <span>{t('enrol.or')}</span>
        </p>
        <p className="muted">{t('enrol.webauthnIntro')}</p>
        {keyError && <Alert tone="error">{keyError}</Alert>}
        {webauthnSupported() ? (
          <Button variant="secondary" className="btn-block" onClick={() => securityKey.mutate()} disabled={securityKey.isPending || begin.isPending} data-testid="enrol-security-key">
            {securityKey.isPending ? t('enrol.webauthnWaiting') : t('enrol.webauthn')}
          </Button>
        ) : (
          <Alert tone="warning">{t('mfa.webauthnUnsupported')}</Alert>
        )}
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = code.replace(/\s+/g, '');
    if (trimmed !== '') confirm.mutate(trimmed, { onError: () => setCode('') });
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1 id="restricted-title">{t('enrol.title')}</h1>
      <p>{t('enrol.secretIntro')}</p>
      <p className="totp-secret" data-testid="totp-secret">
        <code>{begin.data.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
      <p>
        <a href={begin.data.uri}>{t('enrol.openApp')}</a>
      </p>
      {confirm.isError && <Alert tone="error">{errorMessage(confirm.error, t)}</Alert>}
      <TextField
        label={t('mfa.totpLabel')}
        help={t('mfa.totpHelp')}
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <Button type="submit" className="btn-block" disabled={confirm.isPending}>
        {t('enrol.confirm')}
      </Button>
    </form>
  );
}
