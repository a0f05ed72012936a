// The vocabulary of security events (AUTH-8), with no imports so the web app can share it.

/** The typed vocabulary of security events; never free strings. */
export const securityEventTypes = [
  'login.succeeded',
  'login.failed',
  'login.blocked',
  'lockout.engaged',
  'lockout.cleared',
  'session.locked',
  'session.unlocked',
  'session.ended',
  'logout',
  'password.changed',
  'password.reset-issued',
  'password.reset-used',
  'mfa.enrolled',
  'mfa.removed',
  'mfa.recovery-codes-issued',
  'grant.changed',
  'config.changed',
  'export',
] as const;

/** A security event type. */
export type SecurityEventType = (typeof securityEventTypes)[number];
