// "Login-politik": when a second factor is required, which networks are trusted, and the session timeouts.
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, fieldErrors } from '../../../shared/api/errors.ts';
import { useT, type MessageKey } from '../../../shared/i18n/index.tsx';
import { Alert, Button, Loading, TextAreaField, TextField } from '../../../shared/ui/components.tsx';
import { useAuthPolicy, useSaveAuthPolicy } from '../api/auth-policy.ts';
import type { AuthPolicy, MfaPolicy } from '../api/types.ts';

const mfaOptions: readonly { value: MfaPolicy; label: MessageKey; help: MessageKey }[] = [
  { value: 'always', label: 'admin.policy.mfa.always', help: 'admin.policy.mfa.alwaysHelp' },
  { value: 'sensitive-roles', label: 'admin.policy.mfa.sensitiveRoles', help: 'admin.policy.mfa.sensitiveRolesHelp' },
  { value: 'untrusted-network', label: 'admin.policy.mfa.untrustedNetwork', help: 'admin.policy.mfa.untrustedNetworkHelp' },
];

/** The form's values: numbers and the network list as typed. */
interface Draft {
  mfaPolicy: MfaPolicy;
  networks: string;
  idle: string;
  absolute: string;
}

function toDraft(policy: AuthPolicy): Draft {
  return { mfaPolicy: policy.mfaPolicy, networks: policy.trustedNetworks.join('\n'), idle: String(policy.idleTimeoutMinutes), absolute: String(policy.absoluteTimeoutMinutes) };
}

function networkList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The "Login-politik" section. */
export function AuthPolicySection() {
  const t = useT();
  const policy = useAuthPolicy();
  const save = useSaveAuthPolicy();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (policy.data && draft === null) setDraft(toDraft(policy.data));
  }, [policy.data, draft]);

  const change = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    const networks = networkList(draft.networks);
    save.mutate(
      { mfaPolicy: draft.mfaPolicy, trustedNetworks: networks, idleTimeoutMinutes: Number(draft.idle), absoluteTimeoutMinutes: Number(draft.absolute) },
      {
        onSuccess: (next) => {
          setDraft(toDraft(next));
          setSaved(true);
        },
      },
    );
  };

  // The server names list entries by index (body.trustedNetworks.2): show them as the line and value typed.
  const networkErrors = fieldErrors(save.error, 'trustedNetworks').map((f) => {
    const index = Number(f.field.split('.').pop());
    const typed = draft ? networkList(draft.networks)[index] : undefined;
    return Number.isInteger(index) && typed !== undefined ? t('admin.policy.networkError', { line: index + 1, value: typed, reason: f.reason }) : f.reason;
  });
  const idleError = fieldErrors(save.error, 'idleTimeoutMinutes')[0]?.reason;
  const absoluteError = fieldErrors(save.error, 'absoluteTimeoutMinutes')[0]?.reason;
  const mfaError = fieldErrors(save.error, 'mfaPolicy')[0]?.reason;
  const hasFieldErrors = networkErrors.length > 0 || idleError || absoluteError || mfaError;

  return (
    <section className="section card" aria-labelledby="login-politik" data-testid="policy-section">
      <h2 id="login-politik" tabIndex={-1}>
        {t('admin.policy.title')}
      </h2>
      <p className="muted">{t('admin.policy.intro')}</p>
      {policy.isError && <Alert tone="error">{errorMessage(policy.error, t)}</Alert>}
      {policy.isPending && <Loading label={t('app.loading')} />}
      {draft && (
        <form onSubmit={submit} noValidate>
          {save.isError && (
            <Alert tone="error" title={hasFieldErrors ? t('admin.policy.invalid') : undefined}>
              {hasFieldErrors ? (
                <ul className="error-list">
                  {mfaError && <li>{t('admin.policy.mfaLegend')}: {mfaError}</li>}
                  {networkErrors.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                  {idleError && <li>{t('admin.policy.idle')}: {idleError}</li>}
                  {absoluteError && <li>{t('admin.policy.absolute')}: {absoluteError}</li>}
                </ul>
              ) : (
                errorMessage(save.error, t)
              )}
            </Alert>
          )}
          {saved && <Alert tone="info">{t('admin.policy.saved')}</Alert>}

          <fieldset className="choice-group" aria-invalid={mfaError ? true : undefined}>
            <legend>{t('admin.policy.mfaLegend')}</legend>
            {mfaOptions.map((option) => (
              <div className="choice" key={option.value}>
                <input
                  type="radio"
                  id={`mfa-${option.value}`}
                  name="mfaPolicy"
                  value={option.value}
                  checked={draft.mfaPolicy === option.value}
                  aria-describedby={`mfa-${option.value}-help`}
                  onChange={() => change({ mfaPolicy: option.value })}
                />
                <div>
                  <label htmlFor={`mfa-${option.value}`}>{t(option.label)}</label>
                  <p id={`mfa-${option.value}-help`} className="field-help">
                    {t(option.help)}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>

          <TextAreaField
            label={t('admin.policy.networks')}
            help={t('admin.policy.networksHelp')}
            name="trustedNetworks"
            rows={4}
            spellCheck={false}
            className="mono"
            value={draft.networks}
            error={networkErrors.length > 0 ? networkErrors.join(' ') : undefined}
            onChange={(e) => change({ networks: e.target.value })}
          />
          <div className="field-row">
            <TextField
              label={t('admin.policy.idle')}
              help={t('admin.policy.idleHelp')}
              name="idleTimeoutMinutes"
              type="number"
              inputMode="numeric"
              min={5}
              max={20}
              value={draft.idle}
              error={idleError}
              onChange={(e) => change({ idle: e.target.value })}
            />
            <TextField
              label={t('admin.policy.absolute')}
              help={t('admin.policy.absoluteHelp')}
              name="absoluteTimeoutMinutes"
              type="number"
              inputMode="numeric"
              min={60}
              max={1440}
              value={draft.absolute}
              error={absoluteError}
              onChange={(e) => change({ absolute: e.target.value })}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t('admin.policy.saving') : t('admin.policy.save')}
            </Button>
            <Button
              variant="secondary"
              disabled={save.isPending}
              onClick={() => {
                if (policy.data) setDraft(toDraft(policy.data));
                save.reset();
                setSaved(false);
              }}
            >
              {t('admin.policy.undo')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
