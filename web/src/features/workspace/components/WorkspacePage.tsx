// "Borgerservice": the workspace's own small router under /borgerservice (search, citizen, case, print view).
import { useT } from '../../../shared/i18n/index.tsx';
import { Link, usePath } from '../../../shared/navigation/index.tsx';
import { CasePage } from './CasePage.tsx';
import { CitizenPage } from './CitizenPage.tsx';
import { PrintView } from './PrintView.tsx';
import { SearchPage } from './SearchPage.tsx';

/** A workspace location: which page and its (opaque) id. CPR numbers never appear in these paths. */
export type WorkspaceRoute = { page: 'search' } | { page: 'citizen'; ref: string } | { page: 'case'; caseId: string } | { page: 'print'; caseId: string } | { page: 'unknown' };

/** Reads a path under /borgerservice. */
export function matchWorkspacePath(path: string): WorkspaceRoute {
  const parts = path.replace(/\/+$/, '').split('/').slice(2).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  if (parts.length === 0) return { page: 'search' };
  if (parts.length === 2 && parts[0] === 'borger' && parts[1]) return { page: 'citizen', ref: parts[1] };
  if (parts.length === 2 && parts[0] === 'sag' && parts[1]) return { page: 'case', caseId: parts[1] };
  if (parts.length === 3 && parts[0] === 'sag' && parts[1] && parts[2] === 'udskriv') return { page: 'print', caseId: parts[1] };
  return { page: 'unknown' };
}

/** The workspace page for the current path (every page's data is decided and logged by the server). */
export function WorkspacePage() {
  const path = usePath();
  const route = matchWorkspacePath(path);
  switch (route.page) {
    case 'search':
      return <SearchPage />;
    case 'citizen':
      return <CitizenPage key={route.ref} citizenRef={route.ref} />;
    case 'case':
      return <CasePage key={route.caseId} caseId={route.caseId} />;
    case 'print':
      return <PrintView key={route.caseId} caseId={route.caseId} />;
    default:
      return <UnknownPage />;
  }
}

function UnknownPage() {
  const t = useT();
  return (
    <div className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/borgerservice">{t('workspace.backToSearch')}</Link>
      </p>
    </div>
  );
}
