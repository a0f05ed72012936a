// One case: the existence-level view (facts only) or the content view (title, dates, assignee, documents), and the
// actions the server's abilities allow: change status/title, add a document, delete (confirmed), print.
// A case that does not exist and one the user may not know of look exactly the same: "Sagen findes ikke".
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { formatDate, formatDateTime } from '../../../shared/i18n/datetime.ts';
import { useI18n, useT } from '../../../shared/i18n/index.tsx';
import { Link, navigate } from '../../../shared/navigation/index.tsx';
import { Alert, Badge, Button, Dialog, Loading, SelectField, TextAreaField, TextField } from '../../../shared/ui/components.tsx';
import { useAddDocument, useCase, useDeleteCase, useForgetCase, useUpdateCase } from '../api/cases.ts';
import type { CaseStatus, CaseView } from '../api/types.ts';
import { citizenPath } from './SearchPage.tsx';
import { workspaceErrorMessage } from './errors.ts';
import { leaveFlash } from './flash.ts';
import { authorityLabel, caseTypeLabel, statusLabel } from './labels.ts';
import { PurposeField } from './PurposeField.tsx';

/** The page for one case id. */
export function CasePage({ caseId }: { caseId: string }) {
  const t = useT();
  const view = useCase(caseId);
  if (view.isPending) return <Loading label={t('app.loading')} />;
  if (view.isError) {
    if (isApiError(view.error, 404)) return <CaseNotFound />;
    return (
      <div className="page workspace" data-testid="case-error">
        <BackToSearch />
        <Alert tone="error">{workspaceErrorMessage(view.error, t)}</Alert>
      </div>
    );
  }
  return <CaseDetails view={view.data} />;
}

/** The one answer for a missing case and for a case the user may not know of: nothing in it depends on which. */
export function CaseNotFound() {
  const t = useT();
  return (
    <div className="page workspace" data-testid="case-not-found">
      <BackToSearch />
      <h1>{t('workspace.case.notFound')}</h1>
      <p className="lead">{t('workspace.case.notFoundBody')}</p>
    </div>
  );
}

function BackToSearch() {
  const t = useT();
  return (
    <p className="back-link">
      <Link to="/borgerservice">{t('workspace.backToSearch')}</Link>
    </p>
  );
}

function CaseDetails({ view }: { view: CaseView }) {
  const { t, language } = useI18n();
  const [deleting, setDeleting] = useState(false);
  const content = view.content;
  return (
    <div className="page workspace" data-testid="case-page" data-level={view.level}>
      <p className="back-link">
        <Link to={citizenPath(view.citizen.ref)}>{t('workspace.case.backToCitizen', { name: view.citizen.name })}</Link>
      </p>
      <h1>{content ? content.title : t('workspace.case.heading', { number: view.caseNumber })}</h1>
      <p className="badges">
        <Badge tone={view.status === 'open' ? 'ok' : 'neutral'}>{statusLabel(view.status, t)}</Badge>
        <Badge tone={view.level === 'content' ? 'ok' : 'warning'}>{view.level === 'content' ? t('workspace.case.levelContent') : t('workspace.cases.existenceOnly')}</Badge>
      </p>
      <dl className="facts case-facts" data-testid="case-facts">
        <Fact label={t('workspace.col.caseNumber')} value={view.caseNumber} mono />
        <div>
          <dt>{t('workspace.case.citizen')}</dt>
          <dd>
            {view.citizen.name}, <span className="mono nowrap">{view.citizen.cpr}</span>
          </dd>
        </div>
        <Fact label={t('workspace.col.caseType')} value={caseTypeLabel(view)} />
        <Fact label={t('workspace.case.facet')} value={view.facet} mono />
        <Fact label={t('workspace.col.status')} value={statusLabel(view.status, t)} />
        <Fact label={t('workspace.case.authority')} value={authorityLabel(view.authority, t)} />
        <Fact label={t('workspace.col.unit')} value={view.responsibleUnit.name ?? view.responsibleUnit.id} />
        {content && <Fact label={t('workspace.case.openedOn')} value={formatDate(content.openedOn, language)} />}
        {content?.closedOn && <Fact label={t('workspace.case.closedOn')} value={formatDate(content.closedOn, language)} />}
        {content && <Fact label={t('workspace.case.assigned')} value={content.assignedEmployee ? (content.assignedEmployee.name ?? content.assignedEmployee.id) : t('workspace.case.unassigned')} />}
      </dl>

      {!content && (
        <Alert tone="info">
          <p data-testid="existence-only">{t('workspace.case.existenceOnly')}</p>
        </Alert>
      )}

      <PurposeField />

      {(view.abilities.print || view.abilities.delete) && (
        <div className="form-actions case-actions" data-testid="case-actions">
          {view.abilities.print && (
            <Button variant="secondary" onClick={() => navigate(`/borgerservice/sag/${encodeURIComponent(view.id)}/udskriv`)}>
              {t('workspace.case.print')}
            </Button>
          )}
          {view.abilities.delete && (
            <Button variant="secondary" className="btn-danger" onClick={() => setDeleting(true)}>
              {t('workspace.case.delete')}
            </Button>
          )}
        </div>
      )}

      {content && (
        <section className="section" aria-labelledby="dokumenter" data-testid="documents">
          <h2 id="dokumenter">{t('workspace.docs.title')}</h2>
          {content.documents.length === 0 && <p className="muted">{t('workspace.docs.none')}</p>}
          {content.documents.map((doc) => (
            <article key={doc.id} className="card document" data-testid="document">
              <h3>{doc.title}</h3>
              <p className="muted document-meta">{t('workspace.docs.meta', { time: formatDateTime(doc.createdAt, language, { seconds: false }), by: doc.createdBy })}</p>
              <div className="document-body">{doc.body}</div>
            </article>
          ))}
        </section>
      )}

      {content && view.abilities.update && (
        <>
          <ChangeCaseForm view={view} />
          <AddDocumentForm caseId={view.id} />
        </>
      )}

      {deleting && <DeleteCaseDialog view={view} onClose={() => setDeleting(false)} />}
    </div>
  );
}

function Fact({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}

function ChangeCaseForm({ view }: { view: CaseView }) {
  const t = useT();
  const update = useUpdateCase();
  const [title, setTitle] = useState(view.content?.title ?? '');
  const [status, setStatus] = useState<CaseStatus>(view.status);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (title.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    const changes = { ...(title.trim() !== view.content?.title ? { title: title.trim() } : {}), ...(status !== view.status ? { status } : {}) };
    update.mutate({ caseId: view.id, ...changes }, { onSuccess: () => setSaved(true) });
  };

  return (
    <section className="section card" aria-labelledby="ret-sag" data-testid="change-case">
      <h2 id="ret-sag">{t('workspace.change.title')}</h2>
      <form onSubmit={submit} noValidate>
        {saved && (
          <Alert tone="info">
            <p>{t('workspace.change.saved')}</p>
          </Alert>
        )}
        {update.isError && <Alert tone="error">{isApiError(update.error, 404) ? t('workspace.case.notFoundBody') : workspaceErrorMessage(update.error, t)}</Alert>}
        <div className="field-row">
          <TextField label={t('workspace.create.caseTitle')} name="title" value={title} maxLength={300} error={missing ? t('workspace.create.titleMissing') : undefined} onChange={(e) => setTitle(e.target.value)} />
          <SelectField
            label={t('workspace.col.status')}
            name="status"
            value={status}
            options={[
              { value: 'open', label: t('workspace.status.open') },
              { value: 'closed', label: t('workspace.status.closed') },
            ]}
            onChange={(e) => setStatus(e.target.value === 'closed' ? 'closed' : 'open')}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" disabled={update.isPending}>
            {t('workspace.change.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function AddDocumentForm({ caseId }: { caseId: string }) {
  const t = useT();
  const add = useAddDocument();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(null);
    if (title.trim() === '' || body.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      { caseId, title: title.trim(), body },
      {
        onSuccess: (doc) => {
          setAdded(t('workspace.docs.added', { title: doc.title }));
          setTitle('');
          setBody('');
        },
      },
    );
  };

  return (
    <section className="section card" aria-labelledby="nyt-dokument" data-testid="add-document">
      <h2 id="nyt-dokument">{t('workspace.docs.addTitle')}</h2>
      <form onSubmit={submit} noValidate>
        {added && (
          <Alert tone="info">
            <p>{added}</p>
          </Alert>
        )}
        {add.isError && <Alert tone="error">{isApiError(add.error, 404) ? t('workspace.case.notFoundBody') : workspaceErrorMessage(add.error, t)}</Alert>}
        <TextField label={t('workspace.docs.docTitle')} name="docTitle" value={title} maxLength={300} error={missing && title.trim() === '' ? t('workspace.docs.titleMissing') : undefined} onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField label={t('workspace.docs.body')} name="docBody" value={body} rows={6} maxLength={200_000} error={missing && body.trim() === '' ? t('workspace.docs.bodyMissing') : undefined} onChange={(e) => setBody(e.target.value)} />
        <div className="form-actions">
          <Button type="submit" disabled={add.isPending}>
            {t('workspace.docs.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function DeleteCaseDialog({ view, onClose }: { view: CaseView; onClose: () => void }) {
  const t = useT();
  const remove = useDeleteCase();
  const forget = useForgetCase();
  const confirm = () =>
    remove.mutate(
      { caseId: view.id, citizenRef: view.citizen.ref },
      {
        onSuccess: () => {
          leaveFlash(t('workspace.delete.done', { number: view.caseNumber }));
          navigate(citizenPath(view.citizen.ref));
          // After the page is gone: a mounted page would fetch the deleted case again.
          window.setTimeout(() => forget(view.id), 0);
        },
      },
    );
  return (
    <Dialog title={t('workspace.delete.title', { number: view.caseNumber })} onClose={onClose} testId="delete-case-dialog">
      <p>{t('workspace.delete.body')}</p>
      {remove.isError && <Alert tone="error">{isApiError(remove.error, 404) ? t('workspace.case.notFoundBody') : workspaceErrorMessage(remove.error, t)}</Alert>}
      <div className="dialog-actions">
        <Button variant="secondary" onClick={onClose} autoFocus>
          {t('workspace.cancel')}
        </Button>
        <Button className="btn-danger" onClick={confirm} disabled={remove.isPending}>
          {t('workspace.delete.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
