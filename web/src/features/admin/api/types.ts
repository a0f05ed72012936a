// The shapes of the administrators' API (contract of src/http/routes/admin.ts).

/** A user identity as GET /api/admin/users lists it. */
export interface AdminUser {
  id: string;
  username: string;
  name: string;
  unit: string;
  roles: string[];
  status: 'active' | 'disabled';
  employedUntil: string | null;
  hasPassword: boolean;
  /** "totp" and/or "webauthn". */
  secondFactors: string[];
  locked: boolean;
}

/** One page of users and the total number that match the search. */
export interface UserPage {
  total: number;
  users: AdminUser[];
}

/** What a lock is on: a user identity or a workstation. */
export type LockKind = 'user' | 'workstation';

/** An engaged lock (AUTH-3/AUTH-4). */
export interface Lock {
  kind: LockKind;
  key: string;
  lockedAt: string;
  failures: number;
}

/** When a second factor is required (AUTH-2). */
export type MfaPolicy = 'always' | 'untrusted-network' | 'sensitive-roles';

/** The municipality's authentication policy. */
export interface AuthPolicy {
  mfaPolicy: MfaPolicy;
  trustedNetworks: string[];
  idleTimeoutMinutes: number;
  absoluteTimeoutMinutes: number;
}

/** A one-time password reset token, shown once. */
export interface PasswordResetToken {
  token: string;
  expiresAt: string;
}
