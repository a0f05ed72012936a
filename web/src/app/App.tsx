// The root component: chooses start page, lock screen or the signed-in app from the server's view of the session.
import { LockScreen, LoginPanel, RESET_PATH, ResetPasswordPanel, RestrictedSession, useSession } from '../features/auth/index.ts';
import { MINLOG_PATH, MinLogPage } from '../features/minlog/index.ts';
import { StartPage } from '../features/start/index.ts';
import { useT } from '../shared/i18n/index.tsx';
import { usePath } from '../shared/navigation/index.tsx';
import { Loading } from '../shared/ui/components.tsx';
import { AppProviders } from './providers.tsx';
import { Routes } from './router.tsx';
import { AppShell } from './shell/AppShell.tsx';

/** The whole web app. */
export function App() {
  return (
    <AppProviders>
      <CitizenOrStaff />
    </AppProviders>
  );
}

/** Min log is the citizens' own page: never behind the staff session. */
function CitizenOrStaff() {
  return usePath() === MINLOG_PATH ? <MinLogPage /> : <SessionGate />;
}

/**
 * Renders exactly one of: loading, start page, lock screen, restricted-session task, app shell.
 * While locked the shell and every data view are unmounted (not hidden behind an overlay).
 */
function SessionGate() {
  const t = useT();
  const session = useSession();
  const path = usePath();
  if (session.isPending) {
    return (
      <div className="center-screen">
        <Loading label={t('app.loading')} />
      </div>
    );
  }
  const state = session.data;
  if (state?.status === 'locked') return <LockScreen user={state.user} />;
  if (state?.status === 'restricted') return <RestrictedSession restriction={state.restriction} />;
  if (state?.status === 'active') {
    return (
      <AppShell me={state.me}>
        <Routes me={state.me} />
      </AppShell>
    );
  }
  // Anonymous, or the session could not be read: the start page with the login form (or the reset-code form).
  return <StartPage>{path === RESET_PATH ? <ResetPasswordPanel /> : <LoginPanel />}</StartPage>;
}
