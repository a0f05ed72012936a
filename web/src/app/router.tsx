// The signed-in route table: path → page. Small on purpose; pages receive the session's user.
import type { ReactNode } from 'react';
import type { Me } from '../features/auth/index.ts';
import { AccessPage } from '../features/access/index.ts';
import { AdminPage } from '../features/admin/index.ts';
import { ControlPage } from '../features/control/index.ts';
import { OverviewPage } from '../features/overview/index.ts';
import { SecurityLogPage } from '../features/security-log/index.ts';
import { WorkspacePage } from '../features/workspace/index.ts';
import { useT } from '../shared/i18n/index.tsx';
import { Link, usePath } from '../shared/navigation/index.tsx';

/** One route: an exact path and what it renders. */
interface Route {
  path: string;
  /** Also matches every path below (the module routes inside itself). */
  prefix?: boolean;
  render(me: Me): ReactNode;
}

const routes: readonly Route[] = [
  { path: '/', render: (me) => <OverviewPage user={me.user} /> },
  { path: '/adgang', render: (me) => <AccessPage roles={me.user.roles} /> },
  { path: '/brugere', render: () => <AdminPage /> },
  { path: '/sikkerhedslog', render: () => <SecurityLogPage /> },
  { path: '/borgerservice', prefix: true, render: () => <WorkspacePage /> },
  { path: '/kontrol', render: (me) => <ControlPage roles={me.user.roles} /> },
];

/** Renders the page for the current path, or a not-found page. */
export function Routes({ me }: { me: Me }) {
  const path = usePath();
  const route = routes.find((r) => r.path === path || (r.prefix === true && path.startsWith(`${r.path}/`)));
  return route ? <>{route.render(me)}</> : <NotFound />;
}

function NotFound() {
  const t = useT();
  return (
    <div className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </div>
  );
}
