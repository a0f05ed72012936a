// The shapes of the auth API (contract shared with src/http routes).
import type { Role } from '../../../../../src/modules/identity/roles.ts';

export type { Role } from '../../../../../src/modules/identity/roles.ts';

/** The signed-in staff user as the server describes them. */
export interface User {
  id: string;
  username: string;
  name: string;
  /** Role names; known ones are typed as Role, unknown future ones are kept as strings and ignored by the UI. */
  roles: (Role | (string & {}))[];
  unit: { id: string; name: string };
}

/** The answer of GET /api/auth/me. */
export interface Me {
  user: User;
  session: { locked: boolean; idleTimeoutSeconds: number };
}

/** A second factor the server may ask for. */
export type MfaMethod = 'totp' | 'webauthn' | 'recovery';

/** Something the user must do before the session may be used: choose a new password, or enrol a second factor. */
export type SessionRestriction = 'password-change' | 'mfa-enrolment';

/** The answer of POST /api/auth/login (and of a second factor); "ok" may carry a restriction. */
export type LoginResult =
  | { status: 'ok'; user?: User; restriction?: SessionRestriction | null }
  | { status: 'mfa_required'; methods: MfaMethod[] }
  | { status: 'password_change_required' };

/** Where the browser's session stands, as the UI needs it. */
export type SessionState =
  | { status: 'anonymous' }
  | { status: 'active'; me: Me }
  /** Signed in, but the server admits only the password change or the second-factor enrolment (HTTP 403 elsewhere). */
  | { status: 'restricted'; restriction: SessionRestriction }
  /** Locked by the server (AUTH-6): nothing but the lock screen may render. */
  | { status: 'locked'; user: User | null };
