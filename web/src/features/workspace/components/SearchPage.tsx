// The workspace's start: open a citizen by CPR number (sent in a POST body, never in a URL) or search by name/address.
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { fieldError } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Link, navigate } from '../../../shared/navigation/index.tsx';
import { Alert, Badge, Button, TextField } from '../../../shared/ui/components.tsx';
import { useLookupCitizen, useSearchCitizens, type NameAddressSearch } from '../api/citizens.ts';
import type { CitizenSearchResult } from '../api/types.ts';
import { workspaceErrorMessage } from './errors.ts';
import { LookupLoggedNote, PurposeField } from './PurposeField.tsx';

/** The path of a citizen's page: only the opaque ref, never the CPR number. */
export function citizenPath(ref: string): string {
  return `/borgerservice/borger/${encodeURIComponent(ref)}`;
}

// The last name/address search, kept in memory so "back" from a citizen shows the hits again (never in storage).
let lastSearch: { criterion: NameAddressSearch; result: CitizenSearchResult } | null = null;

/** "Borgerservice": the CPR lookup, the name/address search and its results. */
export function SearchPage() {
  const t = useT();
  const lookup = useLookupCitizen();
  const search = useSearchCitizens();
  const [cpr, setCpr] = useState('');
  const [cprMissing, setCprMissing] = useState(false);
  const [name, setName] = useState(lastSearch?.criterion.name ?? '');
  const [address, setAddress] = useState(lastSearch?.criterion.address ?? '');
  const [textMissing, setTextMissing] = useState(false);
  const [shown, setShown] = useState(lastSearch);

  const submitCpr = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cpr.trim() === '') {
      setCprMissing(true);
      return;
    }
    setCprMissing(false);
    lookup.mutate(cpr.trim(), {
      onSuccess: (citizen) => {
        setCpr('');
        navigate(citizenPath(citizen.ref));
      },
    });
  };

  const submitText = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const criterion: NameAddressSearch = {
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
    };
    if (!criterion.name && !criterion.address) {
      setTextMissing(true);
      return;
    }
    setTextMissing(false);
    search.mutate(criterion, {
      onSuccess: (result) => {
        lastSearch = { criterion, result };
        setShown(lastSearch);
      },
    });
  };

  const cprServerError = fieldError(lookup.error, 'cpr');
  const lookupNotFound = isApiError(lookup.error, 404);
  const textServerError = fieldError(search.error, 'name') ?? fieldError(search.error, 'address');

  return (
    <div className="page workspace" data-testid="workspace-search">
      <h1>{t('workspace.title')}</h1>
      <p className="lead">{t('workspace.intro')}</p>
      <PurposeField />

      <div className="workspace-find">
        <section className="card section" aria-labelledby="find-cpr">
          <h2 id="find-cpr">{t('workspace.cpr.title')}</h2>
          <form onSubmit={submitCpr} noValidate data-testid="cpr-form">
            {lookup.isError && !cprServerError && <Alert tone="error">{lookupNotFound ? t('workspace.citizen.notFound') : workspaceErrorMessage(lookup.error, t)}</Alert>}
            <TextField
              label={t('workspace.cpr.label')}
              help={t('workspace.cpr.help')}
              name="cpr"
              value={cpr}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              error={cprMissing ? t('workspace.cpr.missing') : cprServerError}
              onChange={(e) => setCpr(e.target.value)}
            />
            <div className="form-actions lookup-actions">
              <Button type="submit" disabled={lookup.isPending}>
                {t('workspace.cpr.submit')}
              </Button>
              <LookupLoggedNote />
            </div>
          </form>
        </section>

        <section className="card section" aria-labelledby="find-text">
          <h2 id="find-text">{t('workspace.text.title')}</h2>
          <form onSubmit={submitText} noValidate data-testid="text-form">
            {search.isError && !textServerError && <Alert tone="error">{workspaceErrorMessage(search.error, t)}</Alert>}
            {textMissing && <Alert tone="error">{t('workspace.text.missing')}</Alert>}
            <TextField label={t('workspace.text.name')} name="name" value={name} maxLength={100} autoComplete="off" error={fieldError(search.error, 'name')} onChange={(e) => setName(e.target.value)} />
            <TextField label={t('workspace.text.address')} name="address" value={address} maxLength={100} autoComplete="off" error={fieldError(search.error, 'address')} onChange={(e) => setAddress(e.target.value)} />
            <div className="form-actions lookup-actions">
              <Button type="submit" disabled={search.isPending}>
                {t('workspace.text.submit')}
              </Button>
              <LookupLoggedNote />
            </div>
          </form>
        </section>
      </div>

      {shown && <SearchResults result={shown.result} />}
    </div>
  );
}

function SearchResults({ result }: { result: CitizenSearchResult }) {
  const t = useT();
  const count = result.totalCapped
    ? t('workspace.results.capped', { total: result.total })
    : result.total > result.results.length
      ? t('workspace.results.some', { shown: result.results.length, total: result.total })
      : result.total === 1
        ? t('workspace.results.one')
        : t('workspace.results.many', { total: result.total });
  return (
    <section className="section" aria-labelledby="results" data-testid="search-results">
      <h2 id="results">{t('workspace.results.title')}</h2>
      <p className="result-count" role="status" aria-live="polite" data-testid="results-count">
        {result.total === 0 ? t('workspace.results.none') : count}
      </p>
      {result.results.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('workspace.results.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workspace.col.name')}</th>
                <th scope="col">{t('workspace.col.cpr')}</th>
                <th scope="col">{t('workspace.col.address')}</th>
                <th scope="col">{t('workspace.col.markings')}</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((hit) => (
                <tr key={hit.ref} data-testid="citizen-row">
                  <th scope="row">
                    <Link to={citizenPath(hit.ref)}>{hit.name}</Link>
                  </th>
                  <td className="nowrap mono">{hit.cpr}</td>
                  <td>{hit.address ?? <span className="muted">{t('workspace.address.hidden')}</span>}</td>
                  <td>
                    <CitizenMarkings addressProtected={hit.addressProtected} deceased={hit.deceased} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The markings a citizen carries: name and address protection, deceased. */
export function CitizenMarkings({ addressProtected, deceased }: { addressProtected: boolean; deceased: boolean }) {
  const t = useT();
  if (!addressProtected && !deceased) return null;
  return (
    <span className="badges">
      {addressProtected && <Badge tone="warning">{t('workspace.marking.protected')}</Badge>}
      {deceased && <Badge tone="neutral">{t('workspace.marking.deceased')}</Badge>}
    </span>
  );
}
