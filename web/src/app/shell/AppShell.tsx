// The signed-in frame: header (user, unit, language, logout), main navigation, content, and the recurring logging notice.
import { useEffect, useRef, type ReactNode } from 'react';
import { useLogout, type Me } from '../../features/auth/index.ts';
import { DemoBanner, LoggingNotice, useMeta } from '../../features/start/index.ts';
import { RecurringNotice } from '../../features/notice/index.ts';
import { useT } from '../../shared/i18n/index.tsx';
import { Link, usePath } from '../../shared/navigation/index.tsx';
import { Button, LanguageSwitch, ShieldMark } from '../../shared/ui/components.tsx';
import { isActive, visibleNavItems } from '../nav.ts';

/** The app shell around every signed-in page. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const t = useT();
  const path = usePath();
  const meta = useMeta();
  const logout = useLogout();
  const items = visibleNavItems(me.user.roles);
  const mainRef = useRef<HTMLElement>(null);

  // Move focus to the content on navigation, so screen readers hear the new page.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <DemoBanner />
      <header className="shell-header">
        <div className="brand">
          <ShieldMark size={30} />
          <div>
            <p className="brand-name">{t('app.name')}</p>
            {meta.data && <p className="brand-tagline">{meta.data.municipality.name}</p>}
          </div>
        </div>
        <div className="shell-user" aria-label={t('shell.userMenu')} role="group">
          <p className="user-id">
            <span className="user-name" data-testid="user-name">
              {me.user.name}
            </span>
            <span className="user-unit">{me.user.unit.name}</span>
          </p>
          <LanguageSwitch />
          <Button variant="secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
            {t('shell.logout')}
          </Button>
        </div>
      </header>
      <nav className="shell-nav" aria-label={t('shell.mainNav')}>
        <ul>
          {items.map((item) => {
            const active = isActive(item, path);
            return (
              <li key={item.id}>
                <Link to={item.path} aria-current={active ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1} ref={mainRef}>
        {children}
      </main>
      <footer className="shell-footer">
        <LoggingNotice variant="compact" />
      </footer>
      <RecurringNotice />
    </div>
  );
}
