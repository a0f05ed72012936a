// Choosing a new password with a one-time code from the IT administrator (AUTH-5). The code is typed, never in the URL.
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Link } from '../../../shared/navigation/index.tsx';
import { Alert, Button, TextField } from '../../../shared/ui/components.tsx';
import { useRedeemPasswordReset } from '../api/redeem-reset.ts';

/** The reset panel on the start page (path /ny-adgangskode). */
export function ResetPasswordPanel() {
  const t = useT();
  const redeem = useRedeemPasswordReset();
  const [token, setToken] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'missing' | 'mismatch' | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (token.trim() === '' || next === '') {
      setProblem('missing');
      return;
    }
    if (next !== repeat) {
      setProblem('mismatch');
      return;
    }
    setProblem(null);
    redeem.mutate({ token: token.trim(), newPassword: next });
  };

  if (redeem.isSuccess) {
    return (
      <section className="card login-card" aria-labelledby="reset-title">
        <h2 id="reset-title">{t('reset.doneTitle')}</h2>
        <Alert tone="info">{t('reset.done')}</Alert>
        <p>
          <Link to="/">{t('reset.toLogin')}</Link>
        </p>
      </section>
    );
  }

  const weak = isApiError(redeem.error, 422) ? redeem.error.message : undefined;
  const badToken = isApiError(redeem.error, 400) ? redeem.error.message : undefined;
  return (
    <section className="card login-card" aria-labelledby="reset-title">
      <form onSubmit={submit} noValidate>
        <h2 id="reset-title">{t('reset.title')}</h2>
        <p className="muted">{t('reset.intro')}</p>
        {problem === 'missing' && <Alert tone="error">{t('reset.missing')}</Alert>}
        {redeem.isError && !weak && !badToken && <Alert tone="error">{errorMessage(redeem.error, t)}</Alert>}
        <TextField
          label={t('reset.token')}
          help={t('reset.tokenHelp')}
          name="token"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          value={token}
          error={badToken}
          onChange={(e) => setToken(e.target.value)}
        />
        <TextField
          label={t('passwordChange.new')}
          help={t('passwordChange.rules')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={next}
          error={weak}
          onChange={(e) => setNext(e.target.value)}
        />
        <TextField
          label={t('passwordChange.repeat')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={repeat}
          error={problem === 'mismatch' ? t('passwordChange.mismatch') : undefined}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <Button type="submit" className="btn-block" disabled={redeem.isPending}>
          {redeem.isPending ? t('reset.submitting') : t('reset.submit')}
        </Button>
        <div className="form-links">
          <Link to="/">{t('reset.back')}</Link>
        </div>
      </form>
    </section>
  );
}
