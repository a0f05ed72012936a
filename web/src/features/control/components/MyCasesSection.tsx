// "Mine kontroller": the user's own control cases and the form to explain the lookups (everyone).
import { useState, type FormEvent } from 'react';
import { fieldError } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Alert, Button, Loading, TextAreaField } from '../../../shared/ui/components.tsx';
import { useExplainCase, useMyCases } from '../api/control.ts';
import type { ControlCase } from '../api/types.ts';
import { CaseHeader, CaseHistory, CaseRecords } from './CaseDetails.tsx';
import { ListError, Refusal } from './Refusal.tsx';

/** The "Mine kontroller" section. */
export function MyCasesSection() {
  const t = useT();
  const cases = useMyCases();
  const rows = cases.data?.cases ?? [];
  const open = rows.filter((c) => c.status === 'awaiting-explanation');
  const others = rows.filter((c) => c.status !== 'awaiting-explanation');
  return (
    <section className="section card" aria-labelledby="mine-kontroller" data-testid="my-cases">
      <h2 id="mine-kontroller" tabIndex={-1}>
        {t('control.mine.title')}
      </h2>
      <Alert tone="info">
        <span data-testid="not-an-accusation">{t('control.mine.notAccusation')}</span>
      </Alert>
      {cases.isPending && <Loading label={t('app.loading')} />}
      {cases.isError && <ListError error={cases.error} />}
      {cases.data && rows.length === 0 && <p className="result-count">{t('control.mine.none')}</p>}
      {open.map((c) => (
        <ExplainCard key={c.id} c={c} />
      ))}
      {others.length > 0 && (
        <>
          <h3>{t('control.mine.earlier')}</h3>
          {others.map((c) => (
            <article key={c.id} className="control-case" data-testid="my-case" data-case-id={c.id}>
              <CaseHeader c={c} />
              <CaseRecords c={c} />
              <CaseHistory c={c} />
            </article>
          ))}
        </>
      )}
    </section>
  );
}

/** One case awaiting my explanation, with the form. */
function ExplainCard({ c }: { c: ControlCase }) {
  const t = useT();
  const explain = useExplainCase();
  const [text, setText] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    explain.mutate({ id: c.id, explanation: text });
  };
  return (
    <article className="control-case" data-testid="my-case" data-case-id={c.id}>
      <CaseHeader c={c} />
      <CaseRecords c={c} />
      <form onSubmit={submit} noValidate className="control-form">
        {explain.isError && !fieldError(explain.error, 'explanation') && <Refusal error={explain.error} />}
        <TextAreaField
          label={t('control.mine.explanation')}
          help={t('control.mine.explanationHelp')}
          name="explanation"
          value={text}
          maxLength={4000}
          rows={4}
          error={fieldError(explain.error, 'explanation')}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="dialog-actions">
          <Button type="submit" disabled={explain.isPending}>
            {t('control.mine.submit')}
          </Button>
        </div>
      </form>
    </article>
  );
}
