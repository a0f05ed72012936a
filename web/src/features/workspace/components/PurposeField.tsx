// "Formål med opslaget": the purpose sent with every workspace call and shown to the citizen in Min log.
import { useId } from 'react';
import { useT } from '../../../shared/i18n/index.tsx';
import { TextField } from '../../../shared/ui/components.tsx';
import { looksLikeCpr, PURPOSE_MAX, setPurpose, usePurpose } from '../api/purpose.ts';

const suggestions = ['Henvendelse i Borgerservice', 'Telefonisk henvendelse', 'Sagsbehandling'] as const;

/** The purpose input with suggestions; the text is kept for the session's workspace pages (in memory only). */
export function PurposeField() {
  const t = useT();
  const purpose = usePurpose();
  const listId = useId();
  return (
    <div className="purpose-field" data-testid="purpose-field">
      <TextField
        label={t('workspace.purpose.label')}
        help={t('workspace.purpose.help')}
        name="purpose"
        value={purpose}
        maxLength={PURPOSE_MAX}
        autoComplete="off"
        list={listId}
        error={looksLikeCpr(purpose) ? t('workspace.purpose.noCpr') : undefined}
        onChange={(e) => setPurpose(e.target.value)}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}

/** The one-line reminder next to every lookup button: the lookup is logged. */
export function LookupLoggedNote() {
  const t = useT();
  return (
    <p className="lookup-logged" data-testid="lookup-logged">
      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="m16 16 5 5" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      {t('workspace.logged')}
    </p>
  );
}
