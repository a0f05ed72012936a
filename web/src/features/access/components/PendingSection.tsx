// "Anmodninger": requests awaiting a decision, and approved rights awaiting the second approval (ACC-12).
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api/client.ts';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useI18n, type Translate } from '../../../shared/i18n/index.tsx';
import { formatDate, formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Alert, Badge, Button, Dialog, Loading, TextAreaField } from '../../../shared/ui/components.tsx';
import { useDecideGrant, useGrants, useSecondApproveGrant } from '../api/grants.ts';
import type { Grant } from '../api/types.ts';
import { GrantCells } from './GrantCells.tsx';
import { granteeKindLabel, granteeName, scopeTitle } from './labels.ts';

/** What the user may do with pending grants; the server decides in the end. */
export interface PendingPermissions {
  /** Role authorizer: approve or reject requests. */
  canDecide: boolean;
  /** Roles security and authorizer: the second approval. */
  canSecondApprove: boolean;
}

type Action = { kind: 'approve' | 'reject' | 'second'; grant: Grant };

/** A refusal from the server, with a title for the four-eyes refusals (self_approval, same_person). */
function Refusal({ error, t }: { error: unknown; t: Translate }) {
  const code = error instanceof ApiError ? error.code : '';
  const title = code === 'self_approval' || code === 'same_person' ? t('access.fourEyes') : code === 'wrong_state' ? t('access.alreadyHandled') : undefined;
  return (
    <Alert tone="error" title={title}>
      <span data-testid="refusal" data-code={code}>
        {errorMessage(error, t)}
      </span>
    </Alert>
  );
}

/** The "Anmodninger" section. */
export function PendingSection({ canDecide, canSecondApprove }: PendingPermissions) {
  const { t, language } = useI18n();
  const pending = useGrants('pending');
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rows = pending.data?.grants ?? [];
  const hasActions = canDecide || canSecondApprove;

  const open = (next: Action) => {
    setDone(null);
    setAction(next);
  };

  return (
    <section className="section card" aria-labelledby="anmodninger" data-testid="pending-section">
      <h2 id="anmodninger" tabIndex={-1}>
        {t('access.pending.title')}
      </h2>
      <p className="muted">{t('access.pending.intro')}</p>
      {done && <Alert tone="info">{done}</Alert>}
      {pending.isError && <Alert tone="error">{errorMessage(pending.error, t)}</Alert>}
      {pending.isPending && <Loading label={t('app.loading')} />}
      {pending.data && rows.length === 0 && <p className="result-count">{t('access.pending.none')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table grant-table" aria-busy={pending.isFetching}>
            <caption className="visually-hidden">{t('access.pending.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.col.grantee')}</th>
                <th scope="col">{t('access.col.scope')}</th>
                <th scope="col">{t('access.col.authority')}</th>
                <th scope="col">{t('access.col.level')}</th>
                <th scope="col">{t('access.col.rights')}</th>
                <th scope="col">{t('access.col.justification')}</th>
                <th scope="col">{t('access.col.status')}</th>
                {hasActions && (
                  <th scope="col">
                    <span className="visually-hidden">{t('access.col.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((grant) => {
                const name = granteeName(grant.grantee, t);
                return (
                  <tr key={grant.id} data-testid="pending-row" data-grantee={`${grant.grantee.kind}:${grant.grantee.id}`} data-scope={grant.scope}>
                    <th scope="row" className="cell-name">
                      <span className="cell-primary">{name}</span>
                      <span className="cell-secondary">
                        {granteeKindLabel(grant.grantee.kind, t)} · <code>{grant.grantee.id}</code>
                      </span>
                    </th>
                    <GrantCells grant={grant} />
                    <td className="cell-text">
                      <span className="cell-primary">{grant.justification}</span>
                      <span className="cell-secondary">{t('access.requestedByAt', { name: grant.requestedBy, time: formatDateTime(grant.requestedAt, language, { seconds: false }) })}</span>
                      {grant.validUntil && <span className="cell-secondary">{t('access.limitedUntil', { date: formatDate(grant.validUntil, language) })}</span>}
                    </td>
                    <td>
                      {grant.awaitingSecondApproval ? (
                        <>
                          <Badge tone="warning">{t('access.pending.awaitingSecond')}</Badge>
                          {grant.decidedBy && <span className="cell-secondary">{t('access.approvedBy', { name: grant.decidedBy })}</span>}
                        </>
                      ) : (
                        <Badge>{t('access.pending.awaitingDecision')}</Badge>
                      )}
                    </td>
                    {hasActions && (
                      <td className="cell-actions">
                        {grant.status === 'requested' && canDecide && (
                          <div className="row-actions">
                            <Button className="btn-small" aria-label={t('access.decide.approveFor', { grantee: name, scope: grant.scope })} onClick={() => open({ kind: 'approve', grant })}>
                              {t('access.decide.approve')}
                            </Button>
                            <Button variant="secondary" className="btn-small" aria-label={t('access.decide.rejectFor', { grantee: name, scope: grant.scope })} onClick={() => open({ kind: 'reject', grant })}>
                              {t('access.decide.reject')}
                            </Button>
                          </div>
                        )}
                        {grant.awaitingSecondApproval && canSecondApprove && (
                          <Button className="btn-small" aria-label={t('access.second.actionFor', { grantee: name, scope: grant.scope })} onClick={() => open({ kind: 'second', grant })}>
                            {t('access.second.action')}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {action && (action.kind === 'second' ? <SecondApprovalDialog grant={action.grant} onClose={() => setAction(null)} onDone={finish} /> : <DecisionDialog approve={action.kind === 'approve'} grant={action.grant} onClose={() => setAction(null)} onDone={finish} />)}
    </section>
  );

  function finish(message: string) {
    setAction(null);
    setDone(message);
    window.setTimeout(() => document.getElementById('anmodninger')?.focus(), 0);
  }
}

/** The facts of a grant a decider must see in the dialog. */
function GrantSummary({ grant }: { grant: Grant }) {
  const t = useI18n().t;
  return (
    <dl className="facts grant-facts">
      <div>
        <dt>{t('access.col.grantee')}</dt>
        <dd>
          {granteeName(grant.grantee, t)} ({granteeKindLabel(grant.grantee.kind, t).toLowerCase()})
        </dd>
      </div>
      <div>
        <dt>{t('access.col.scope')}</dt>
        <dd>
          {grant.scope} {scopeTitle(grant, t)}
        </dd>
      </div>
      <div>
        <dt>{t('access.col.justification')}</dt>
        <dd>{grant.justification}</dd>
      </div>
      <div>
        <dt>{t('access.col.requestedBy')}</dt>
        <dd>{grant.requestedBy}</dd>
      </div>
    </dl>
  );
}

function DecisionDialog({ approve, grant, onClose, onDone }: { approve: boolean; grant: Grant; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const decide = useDecideGrant();
  const [note, setNote] = useState('');
  const grantee = granteeName(grant.grantee, t);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    decide.mutate(
      { id: grant.id, approve, note: note.trim() === '' ? null : note.trim() },
      { onSuccess: () => onDone(approve ? t('access.decide.approved', { grantee, scope: grant.scope }) : t('access.decide.rejected', { grantee, scope: grant.scope })) },
    );
  };

  return (
    <Dialog title={approve ? t('access.decide.approveTitle') : t('access.decide.rejectTitle')} onClose={onClose} testId="decision-dialog">
      <form onSubmit={submit} noValidate>
        <GrantSummary grant={grant} />
        {decide.isError && <Refusal error={decide.error} t={t} />}
        <TextAreaField label={t('access.decide.note')} help={t('access.decide.noteHelp')} name="note" value={note} maxLength={2000} autoFocus onChange={(e) => setNote(e.target.value)} />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={decide.isPending}>
            {approve ? t('access.decide.approveSubmit') : t('access.decide.rejectSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SecondApprovalDialog({ grant, onClose, onDone }: { grant: Grant; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const second = useSecondApproveGrant();
  const grantee = granteeName(grant.grantee, t);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    second.mutate(grant.id, { onSuccess: () => onDone(t('access.second.done', { grantee, scope: grant.scope })) });
  };
  return (
    <Dialog title={t('access.second.title')} onClose={onClose} testId="second-approval-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('access.second.intro')}</p>
        <GrantSummary grant={grant} />
        {grant.decidedBy && <p>{t('access.approvedBy', { name: grant.decidedBy })}</p>}
        {second.isError && <Refusal error={second.error} t={t} />}
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" disabled={second.isPending} autoFocus>
            {t('access.second.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
