// The login flow: user name and password, then a second factor or a forced password change when the server asks.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Link } from '../../../shared/navigation/index.tsx';
import { Alert, Button, TextField } from '../../../shared/ui/components.tsx';
import { useLogin } from '../api/login.ts';
import type { MfaMethod } from '../api/types.ts';
import { useVerifyMfa, type CodeMethod } from '../api/verify-mfa.ts';

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

function CredentialsForm({ onStep }: { onStep: (step: Step) => void }) {
  const t = useT();
  const login = useLogin();
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
      <div className="form-links">
        <Link to={RESET_PATH}>{t('login.haveResetCode')}</Link>
      </div>
    </form>
  );
}

function MfaForm({ methods, onCancel }: { methods: MfaMethod[]; onCancel: () => void }) {
  const t = useT();
  const verify = useVerifyMfa();
  const codeMethods = methods.filter((m): m is CodeMethod => m === 'totp' || m === 'recovery');
  const [method, setMethod] = useState<CodeMethod | undefined>(codeMethods[0]);
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
    verify.mutate({ method, code: trimmed }, { onError: () => setCode('') });
  };

  const other = codeMethods.find((m) => m !== method);
  return (
    <form onSubmit={submit} noValidate>
      <h2 id="login-title">{t('mfa.title')}</h2>
      {!method && <Alert tone="warning">{t('mfa.webauthnOnly')}</Alert>}
      {missing && <Alert tone="error">{t('mfa.missing')}</Alert>}
      {verify.isError && <Alert tone="error">{errorMessage(verify.error, t)}</Alert>}
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
          autoFocus
        />
      )}
      {method && (
        <Button type="submit" disabled={verify.isPending} className="btn-block">
          {t('mfa.submit')}
        </Button>
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
