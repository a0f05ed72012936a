// The auth feature's public surface: what the app layer may use.
export { LoginPanel, RESET_PATH } from './components/LoginPanel.tsx';
export { LockScreen } from './components/LockScreen.tsx';
export { RestrictedSession } from './components/RestrictedSession.tsx';
export { ResetPasswordPanel } from './components/ResetPasswordPanel.tsx';
export { useSession, sessionQueryKey } from './api/session.ts';
export { useLogout } from './api/logout.ts';
export type { Me, User, Role, SessionState } from './api/types.ts';
