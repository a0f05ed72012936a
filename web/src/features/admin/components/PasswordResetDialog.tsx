// The password reset dialog: the identity check must be described first; the one-time token is then shown once.
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../../../shared/api/errors.ts';
import { useI18n } from '../../../shared/i18n/index.tsx';
import { formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Alert, Button, Dialog, TextAreaField } from '../../../shared/ui/components.tsx';
import type { AdminUser } from '../api/types.ts';
import { useIssuePasswordReset } from '../api/users.ts';

/** Minimum length of a described identity check or cause (the server's rule too). */
export const MIN_DESCRIPTION = 10;

/** Asks how the identity was checked, issues the reset, shows the token once; closing forgets it. */
export function PasswordResetDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t, language } = useI18n();
  const reset = useIssuePasswordReset();
  const [identityCheck, setIdentityCheck] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [copied, setCopied] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (identityCheck.trim().length < MIN_DESCRIPTION) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    reset.mutate({ userId: user.id, identityCheck: identityCheck.trim() });
  };

  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  if (reset.data) {
    return (
      <Dialog title={t('admin.reset.issuedTitle')} onClose={onClose} testId="reset-dialog">
        <p>{t('admin.reset.issuedFor', { name: user.name, username: user.username })}</p>
        <p className="token-box">
          <code data-testid="reset-token">{reset.data.token}</code>
        </p>
        <p>
          {t('admin.reset.expires', { time: formatDateTime(reset.data.expiresAt, language, { seconds: false }) })}
        </p>
        <Alert tone="warning" title={t('admin.reset.handOverTitle')}>
          <p>{t('admin.reset.handOver')}</p>
          <p>{t('admin.reset.shownOnce')}</p>
        </Alert>
        <div className="dialog-actions">
          <Button variant="secondary" onClick={() => void copy(reset.data.token)}>
            {copied ? t('admin.reset.copied') : t('admin.reset.copy')}
          </Button>
          <Button onClick={onClose}>{t('admin.reset.done')}</Button>
        </div>
      </Dialog>
    );
  }

  const serverReason = fieldError(reset.error, 'identityCheck');
  const error = tooShort ? t('admin.reset.tooShort', { min: MIN_DESCRIPTION }) : serverReason;
  return (
    <Dialog title={t('admin.reset.title', { name: user.name })} onClose={onClose} testId="reset-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('admin.reset.intro')}</p>
        <Alert tone="info">{t('admin.reset.consequences')}</Alert>
        {reset.isError && !serverReason && <Alert tone="error">{errorMessage(reset.error, t)}</Alert>}
        <TextAreaField
          label={t('admin.reset.identityCheck')}
          help={t('admin.reset.identityCheckHelp', { min: MIN_DESCRIPTION })}
          name="identityCheck"
          value={identityCheck}
          maxLength={2000}
          error={error}
          autoFocus
          onChange={(e) => setIdentityCheck(e.target.value)}
        />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={reset.isPending}>
            {reset.isPending ? t('admin.reset.submitting') : t('admin.reset.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
