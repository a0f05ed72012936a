// The identity module: personal logins, second factors, lockout, sessions and screen lock (AUTH-1..8).
export type { IdentityDeps, ClientContext } from './context.ts';
export { MAX_CONSECUTIVE_FAILURES } from './context.ts';
export { roles, isRole, type Role } from './roles.ts';
export { hashPassword, verifyPassword, passwordProblems, argon2Params } from './passwords.ts';
export { clearLockout, listLocks } from './lockout.ts';
export { getAuthPolicy, mfaRequired, inNetworks, defaultAuthPolicy, type AuthPolicy, type MfaPolicy } from './policy.ts';
export { checkSession, endSession, type SessionUser, type SessionCheck, type SessionRestriction } from './sessions.ts';
export {
  loginWithPassword,
  completeSecondFactor,
  unlockSession,
  beginTotpEnrolment,
  confirmTotpEnrolment,
  changePassword,
  provisionPassword,
  issuePasswordReset,
  redeemPasswordReset,
  usernameKey,
  WeakPasswordError,
  type LoginResult,
} from './login.ts';
export { ensureAccountsForEmployees, accountIdByUsername, hasPassword } from './accounts.ts';
export { loadSecretKey } from './secret-key.ts';
export { provisionDemoIdentity, demoTrustedNetworks } from './demo.ts';
export { listUsers, updateAuthPolicy, type UserOverview } from './admin.ts';
export { createSsoService, assuranceFromClaim, NSIS_LOA_CLAIM, type SsoService, type SsoLoginResult, type Assurance } from './sso.ts';
export { relyingPartyFrom, beginWebauthnRegistration, finishWebauthnRegistration, beginWebauthnLogin, completeWebauthnLogin, type RelyingParty } from './webauthn.ts';
export { listNotifications, markNotificationRead, type NotificationView } from './notifications.ts';
