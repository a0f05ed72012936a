// The login flow: user name and password, then a second factor or a forced password change when the server asks.
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Link } from '../../../shared/navigation/index.tsx';
import { Alert, Button, TextField } from '../../../shared/ui/components.tsx';
import { useLogin } from '../api/login.ts';
import { SSO_START_PATH, useSsoStatus } from '../api/sso.ts';
import type { MfaMethod } from '../api/types.ts';
import { useVerifyMfa, type CodeMethod } from '../api/verify-mfa.ts';
import { useSecurityKeyLogin } from '../api/webauthn.ts';
import { isCeremonyCancelled, webauthnSupported } from '../api/webauthn-browser.ts';

/** Where the reset-code form lives (a path without the code: the code is typed, never put in a URL). */
export const RESET_PATH = '/ny-adgangskode';

type Step = { kind: 'credentials' } | { kind: 'mfa'; methods: MfaMethod[] } | { kind: 'password_change' };

/** The login panel on the start page; on success the session query flips the app into the shell. */
export function LoginPanel() {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  return (
    <section className="card login-card" aria-labelledby="login-title">
      {step.kind === 'credentials' && <CredentialsForm onStep={setStep} />}
      {step.kind === 'mfa' && <MfaForm methods={step.methods} onCancel={() => setStep({ kind: 'credentials' })} />}
      {step.kind === 'password_change' && (
        <>
          <h2 id="login-title">{t('passwordChange.title')}</h2>
          <Alert tone="warning">{t('passwordChange.body')}</Alert>
          <Button variant="secondary" onClick={() => setStep({ kind: 'credentials' })}>
            {t('passwordChange.back')}
          </Button>
        </>
      )}
    </section>
  );
}

/** True when the server sent the browser back from a failed SSO login (/?login=failed). */
function ssoFailedInUrl(): boolean {
  return new URLSearchParams(window.location.search).get('login') === 'failed';
}

function CredentialsForm({ onStep }: { onStep: (step: Step) => void }) {
  const t = useT();
  const login = useLogin();
  const sso = useSsoStatus();
  const [ssoFailed] = useState(ssoFailedInUrl);
  // Show the message once: take the marker out of the address so a reload does not repeat it.
  useEffect(() => {
    if (!ssoFailedInUrl()) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('login');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }, []);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (result) => {
          if (result.status === 'mfa_required') onStep({ kind: 'mfa', methods: result.methods });
          else if (result.status === 'password_change_required') onStep({ kind: 'password_change' });
        },
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <h2 id="login-title">{t('login.title')}</h2>
      <p className="muted">{t('login.intro')}</p>
      {ssoFailed && !login.isPending && !login.isSuccess && (
        <Alert tone="error">
          <span data-testid="sso-failed">{t('login.ssoFailed')}</span>
        </Alert>
      )}
      {missing && <Alert tone="error">{t('login.missing')}</Alert>}
      {login.isError && <Alert tone="error">{errorMessage(login.error, t)}</Alert>}
      <TextField
        label={t('login.username')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        required
      />
      <TextField
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <Button type="submit" disabled={login.isPending} className="btn-block">
        {login.isPending ? t('login.submitting') : t('login.submit')}
      </Button>
      {sso.data?.enabled && (
        <>
          <p className="divider" aria-hidden="true">
            <span>{t('login.or')}</span>
          </p>
          <a className="btn btn-secondary btn-block" href={SSO_START_PATH} data-testid="sso-login">
            {t('login.sso')}
          </a>
        </>
      )}
      <div className="form-links">
        <Link to={RESET_PATH}>{t('login.haveResetCode')}</Link>
      </div>
    </form>
  );
}

function MfaForm({ methods, onCancel }: { methods: MfaMethod[]; onCancel: () => void }) {
  const t = useT();
  const verify = useVerifyMfa();
  const securityKey = useSecurityKeyLogin();
  const codeMethods = methods.filter((m): m is CodeMethod => m === 'totp' || m === 'recovery');
  const keyOffered = methods.includes('webauthn');
  // The authenticator app's code first; otherwise the security key, with the recovery code as the fallback link.
  const [method, setMethod] = useState<CodeMethod | undefined>(codeMethods.includes('totp') ? 'totp' : keyOffered ? undefined : codeMethods[0]);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!method) return;
    const trimmed = code.replace(/\s+/g, '');
    if (trimmed === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    securityKey.reset();
    verify.mutate({ method, code: trimmed }, { onError: () => setCode('') });
  };

  const startKeyLogin = () => {
    setMissing(false);
    verify.reset();
    securityKey.mutate();
  };

  const keyError = securityKey.isError
    ? isCeremonyCancelled(securityKey.error)
      ? t('mfa.webauthnCancelled')
      : errorMessage(securityKey.error, t)
    : undefined;
  const other = codeMethods.find((m) => m !== method);
  return (
    <form onSubmit={submit} noValidate>
      <h2 id="login-title">{t('mfa.title')}</h2>
      {missing && <Alert tone="error">{t('mfa.missing')}</Alert>}
      {verify.isError && <Alert tone="error">{errorMessage(verify.error, t)}</Alert>}
      {keyError && <Alert tone="error">{keyError}</Alert>}
      {method && (
        <TextField
          key={method}
          label={method === 'totp' ? t('mfa.totpLabel') : t('mfa.recoveryLabel')}
          help={method === 'totp' ? t('mfa.totpHelp') : t('mfa.recoveryHelp')}
          name="code"
          autoComplete="one-time-code"
          inputMode={method === 'totp' ? 'numeric' : 'text'}
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus={!keyOffered}
        />
      )}
      {method && (
        <Button type="submit" disabled={verify.isPending || securityKey.isPending} className="btn-block">
          {t('mfa.submit')}
        </Button>
      )}
      {keyOffered && (
        <div className="security-key" data-testid="security-key-login">
          {method && (
            <p className="divider" aria-hidden="true">
              <span>{t('login.or')}</span>
            </p>
          )}
          {webauthnSupported() ? (
            <>
              <p className="muted">{t('mfa.webauthnIntro')}</p>
              <Button variant={method ? 'secondary' : 'primary'} className="btn-block" onClick={startKeyLogin} disabled={securityKey.isPending || verify.isPending} autoFocus={!method}>
                {securityKey.isPending ? t('mfa.webauthnWaiting') : t('mfa.webauthnUse')}
              </Button>
            </>
          ) : (
            <Alert tone="warning">{t('mfa.webauthnUnsupported')}</Alert>
          )}
        </div>
      )}
      <div className="form-links">
        {other && (
          <Button
            variant="link"
            onClick={() => {
              setMethod(other);
              setCode('');
              verify.reset();
            }}
          >
            {other === 'recovery' ? t('mfa.useRecovery') : t('mfa.useTotp')}
          </Button>
        )}
        <Button variant="link" onClick={onCancel}>
          {t('mfa.cancel')}
        </Button>
      </div>
    </form>
  );
}
