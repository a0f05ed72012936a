// "Opret sag": a new case for the citizen; the server decides whether the user may (enter right on the case type).
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { fieldError } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { navigate } from '../../../shared/navigation/index.tsx';
import { Alert, Button, SelectField, TextField } from '../../../shared/ui/components.tsx';
import { useCreateCase } from '../api/cases.ts';
import { workspaceErrorMessage } from './errors.ts';

/** The create-case section of a citizen page: closed behind a button until the user wants it. */
export function CreateCaseForm({ citizenRef }: { citizenRef: string }) {
  const t = useT();
  const create = useCreateCase();
  const [open, setOpen] = useState(false);
  const [kle, setKle] = useState('');
  const [title, setTitle] = useState('');
  const [authority, setAuthority] = useState('municipality');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (kle.trim() === '' || title.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    create.mutate({ citizenRef, kle: kle.trim(), title: title.trim(), authority }, { onSuccess: (created) => navigate(`/borgerservice/sag/${encodeURIComponent(created.id)}`) });
  };

  const kleError = fieldError(create.error, 'kle');
  const titleError = fieldError(create.error, 'title');
  return (
    <section className="section card" aria-labelledby="opret-sag" data-testid="create-case">
      <h2 id="opret-sag">{t('workspace.create.title')}</h2>
      {!open ? (
        <>
          <p className="muted">{t('workspace.create.intro')}</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('workspace.create.open')}
          </Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">{t('workspace.create.intro')}</p>
          {create.isError && !kleError && !titleError && <Alert tone="error">{isApiError(create.error, 403) ? t('workspace.create.forbidden') : workspaceErrorMessage(create.error, t)}</Alert>}
          <div className="field-row">
            <TextField
              label={t('workspace.create.kle')}
              help={t('workspace.create.kleHelp')}
              name="kle"
              value={kle}
              maxLength={20}
              autoComplete="off"
              error={missing && kle.trim() === '' ? t('workspace.create.kleMissing') : kleError}
              onChange={(e) => setKle(e.target.value)}
            />
            <TextField
              label={t('workspace.create.caseTitle')}
              name="title"
              value={title}
              maxLength={300}
              autoComplete="off"
              error={missing && title.trim() === '' ? t('workspace.create.titleMissing') : titleError ? t('workspace.error.invalidInput') : undefined}
              onChange={(e) => setTitle(e.target.value)}
            />
            <SelectField
              label={t('workspace.case.authority')}
              name="authority"
              value={authority}
              options={[
                { value: 'municipality', label: t('workspace.authority.municipality') },
                { value: 'boern-og-unge-udvalget', label: t('workspace.authority.buu') },
              ]}
              onChange={(e) => setAuthority(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" disabled={create.isPending}>
              {t('workspace.create.submit')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setOpen(false);
                create.reset();
              }}
            >
              {t('workspace.cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
