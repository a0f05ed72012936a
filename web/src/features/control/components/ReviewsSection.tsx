// "Til gennemsyn": cases whose explanation awaits the signed-in manager's review.
import { useState, type FormEvent } from 'react';
import { useT } from '../../../shared/i18n/index.tsx';
import { Alert, Button, Dialog, Loading, TextAreaField } from '../../../shared/ui/components.tsx';
import { useReviewCase, useReviews } from '../api/control.ts';
import type { ControlCase } from '../api/types.ts';
import { CaseHeader, CaseHistory, CaseRecords } from './CaseDetails.tsx';
import { ListError, Refusal } from './Refusal.tsx';

type Action = { c: ControlCase; outcome: 'satisfied' | 'not-satisfied' };

/** The "Til gennemsyn" section (managers). */
export function ReviewsSection() {
  const t = useT();
  const reviews = useReviews(true);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rows = reviews.data?.cases ?? [];
  return (
    <section className="section card" aria-labelledby="til-gennemsyn" data-testid="reviews">
      <h2 id="til-gennemsyn" tabIndex={-1}>
        {t('control.reviews.title')}
      </h2>
      <p className="muted">{t('control.reviews.intro')}</p>
      {done && <Alert tone="info">{done}</Alert>}
      {reviews.isPending && <Loading label={t('app.loading')} />}
      {reviews.isError && <ListError error={reviews.error} />}
      {reviews.data && rows.length === 0 && <p className="result-count">{t('control.reviews.none')}</p>}
      {rows.map((c) => (
        <article key={c.id} className="control-case" data-testid="review-case" data-case-id={c.id}>
          <CaseHeader c={c} showEmployee />
          <CaseRecords c={c} />
          <CaseHistory c={c} />
          <div className="row-actions">
            <Button onClick={() => (setDone(null), setAction({ c, outcome: 'satisfied' }))}>{t('control.review.satisfiedAction')}</Button>
            <Button variant="secondary" onClick={() => (setDone(null), setAction({ c, outcome: 'not-satisfied' }))}>
              {t('control.review.notSatisfiedAction')}
            </Button>
          </div>
        </article>
      ))}
      {action && (
        <ReviewDialog
          action={action}
          onClose={() => setAction(null)}
          onDone={(message) => {
            setAction(null);
            setDone(message);
          }}
        />
      )}
    </section>
  );
}

function ReviewDialog({ action, onClose, onDone }: { action: Action; onClose: () => void; onDone: (message: string) => void }) {
  const t = useT();
  const review = useReviewCase();
  const [note, setNote] = useState('');
  const satisfied = action.outcome === 'satisfied';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    review.mutate(
      { id: action.c.id, outcome: action.outcome, note: note.trim() === '' ? null : note.trim() },
      { onSuccess: () => onDone(satisfied ? t('control.review.doneSatisfied') : t('control.review.doneNotSatisfied')) },
    );
  };
  return (
    <Dialog title={satisfied ? t('control.review.satisfiedTitle') : t('control.review.notSatisfiedTitle')} onClose={onClose} testId="review-dialog">
      <form onSubmit={submit} noValidate>
        {action.c.explanation && (
          <blockquote className="control-quote" data-testid="review-explanation">
            {action.c.explanation}
          </blockquote>
        )}
        {review.isError && <Refusal error={review.error} />}
        <TextAreaField
          label={t('control.review.note')}
          help={satisfied ? t('control.review.noteHelpOptional') : t('control.review.noteHelpRequired')}
          name="note"
          value={note}
          maxLength={4000}
          autoFocus
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={review.isPending}>
            {t('control.review.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
