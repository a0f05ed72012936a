// A citizen: header (name, CPR as the server gives it, address or protection, home municipality), the cases the user
// may know of with paging over the server's total, and the create-case form (the server decides whether it is allowed).
import { useState } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Link } from '../../../shared/navigation/index.tsx';
import { Alert, Badge, Button, Loading } from '../../../shared/ui/components.tsx';
import { CITIZEN_PAGE_SIZE, useCitizen } from '../api/citizens.ts';
import { useOwnMunicipality } from '../api/meta.ts';
import type { CitizenView } from '../api/types.ts';
import { CreateCaseForm } from './CreateCaseForm.tsx';
import { workspaceErrorMessage } from './errors.ts';
import { takeFlash } from './flash.ts';
import { authorityLabel, caseTypeLabel, statusLabel } from './labels.ts';
import { PurposeField } from './PurposeField.tsx';
import { CitizenMarkings } from './SearchPage.tsx';

/** The path of a case's page. */
export function casePath(caseId: string): string {
  return `/borgerservice/sag/${encodeURIComponent(caseId)}`;
}

/** The citizen page for an opaque ref. */
export function CitizenPage({ citizenRef }: { citizenRef: string }) {
  const t = useT();
  const [offset, setOffset] = useState(0);
  const [flash] = useState(takeFlash);
  const citizen = useCitizen(citizenRef, offset);

  if (citizen.isPending) return <Loading label={t('app.loading')} />;
  if (citizen.isError && !citizen.data) {
    return (
      <div className="page workspace" data-testid="citizen-error">
        <BackToSearch />
        <h1>{isApiError(citizen.error, 404) ? t('workspace.citizen.notFoundTitle') : t('workspace.title')}</h1>
        <Alert tone="error">{isApiError(citizen.error, 404) ? t('workspace.citizen.notFound') : workspaceErrorMessage(citizen.error, t)}</Alert>
      </div>
    );
  }
  const view = citizen.data!;
  return (
    <div className="page workspace" data-testid="citizen-page">
      <BackToSearch />
      {flash && (
        <Alert tone="info">
          <p>{flash}</p>
        </Alert>
      )}
      <CitizenHeader citizen={view} />
      <PurposeField />
      <CasesSection citizen={view} offset={offset} setOffset={setOffset} busy={citizen.isFetching} />
      <CreateCaseForm citizenRef={view.ref} />
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

function CitizenHeader({ citizen }: { citizen: CitizenView }) {
  const t = useT();
  const own = useOwnMunicipality();
  const home = own.data && own.data.code === citizen.homeMunicipality ? `${own.data.name} (${citizen.homeMunicipality})` : t('workspace.citizen.municipalityCode', { code: citizen.homeMunicipality });
  return (
    <header className="citizen-header">
      <h1 data-testid="citizen-name">{citizen.name}</h1>
      <CitizenMarkings addressProtected={citizen.addressProtected} deceased={citizen.deceased} />
      <dl className="facts">
        <div>
          <dt>{t('workspace.col.cpr')}</dt>
          <dd className="mono" data-testid="citizen-cpr">
            {citizen.cpr}
          </dd>
        </div>
        <div>
          <dt>{t('workspace.col.address')}</dt>
          <dd data-testid="citizen-address">{citizen.address ?? <span className="muted">{t('workspace.address.protectedNote')}</span>}</dd>
        </div>
        <div>
          <dt>{t('workspace.citizen.home')}</dt>
          <dd>{home}</dd>
        </div>
      </dl>
    </header>
  );
}

function CasesSection({ citizen, offset, setOffset, busy }: { citizen: CitizenView; offset: number; setOffset: (n: number) => void; busy: boolean }) {
  const t = useT();
  const total = citizen.totalCases;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + citizen.cases.length, total);
  return (
    <section className="section" aria-labelledby="sager" data-testid="cases-section">
      <h2 id="sager">{t('workspace.cases.title')}</h2>
      <p className="result-count" role="status" aria-live="polite" data-testid="cases-count">
        {total === 0 ? t('workspace.cases.none') : total === 1 ? t('workspace.cases.one') : total > CITIZEN_PAGE_SIZE ? t('workspace.cases.range', { from, to, total }) : t('workspace.cases.many', { total })}
      </p>
      {citizen.cases.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-busy={busy || undefined}>
            <caption className="visually-hidden">{t('workspace.cases.caption', { name: citizen.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workspace.col.caseNumber')}</th>
                <th scope="col">{t('workspace.col.caseType')}</th>
                <th scope="col">{t('workspace.col.status')}</th>
                <th scope="col">{t('workspace.col.unit')}</th>
                <th scope="col">{t('workspace.col.access')}</th>
              </tr>
            </thead>
            <tbody>
              {citizen.cases.map((c) => (
                <tr key={c.id} data-testid="case-row" data-case-id={c.id} data-kle={c.kle}>
                  <th scope="row" className="nowrap">
                    <Link to={casePath(c.id)}>{c.caseNumber}</Link>
                  </th>
                  <td>
                    {caseTypeLabel(c)}
                    {c.authority !== 'municipality' && <span className="cell-secondary">{authorityLabel(c.authority, t)}</span>}
                  </td>
                  <td>
                    <Badge tone={c.status === 'open' ? 'ok' : 'neutral'}>{statusLabel(c.status, t)}</Badge>
                  </td>
                  <td>{c.responsibleUnit.name ?? c.responsibleUnit.id}</td>
                  <td className="cell-actions">
                    {c.canView ? (
                      <Link to={casePath(c.id)} className="btn btn-secondary btn-small" aria-label={t('workspace.cases.viewFor', { number: c.caseNumber })}>
                        {t('workspace.cases.view')}
                      </Link>
                    ) : (
                      <Badge>{t('workspace.cases.existenceOnly')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > CITIZEN_PAGE_SIZE && (
        <div className="pager">
          <Button variant="secondary" disabled={offset === 0 || busy} onClick={() => setOffset(Math.max(0, offset - CITIZEN_PAGE_SIZE))}>
            {t('workspace.cases.previous')}
          </Button>
          <Button variant="secondary" disabled={offset + CITIZEN_PAGE_SIZE >= total || busy} onClick={() => setOffset(offset + CITIZEN_PAGE_SIZE)}>
            {t('workspace.cases.next')}
          </Button>
        </div>
      )}
    </section>
  );
}
