import type { Transaction } from 'kysely';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Database, LoginFactor } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import type { ClientContext, IdentityDeps } from './context.ts';
import { guardedAttempt, type CheckResult } from './lockout.ts';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';
import { getAuthPolicy, mfaRequired } from './policy.ts';
import { createSession, endAllSessions, type SessionRestriction } from './sessions.ts';
import { decryptSecret, encryptSecret, hashToken, newToken } from './tokens.ts';

/** The result of a login step. Every refusal is the same `failed`, whatever the cause (AUTH-4). */
export type LoginResult =
  | { status: 'ok'; sessionToken: string; restriction: SessionRestriction | null }
  | { status: 'mfa_required'; challengeToken: string; methods: ('totp' | 'webauthn' | 'recovery')[] }
  | { status: 'failed' };

const MFA_CHALLENGE_SECONDS = 300;

/** The part of IdentityDeps that storing a password needs. */
export type PasswordDeps = Pick<IdentityDeps, 'db' | 'municipality' | 'now'>;

/** Normalises a typed user identity into its lock key. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 200);
}

interface AccountRow {
  id: string;
  username: string;
  password_hash: string | null;
  must_change_password: boolean;
  status: 'active' | 'disabled';
  roles: string[];
  employed_until: string | null;
}

async function findAccount(trx: Transaction<Database>, deps: IdentityDeps, by: { username: string } | { id: string }): Promise<AccountRow | undefined> {
  let q = trx
    .selectFrom('user_account as a')
    .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'a.municipality').onRef('e.id', '=', 'a.id'))
    .select(['a.id', 'a.username', 'a.password_hash', 'a.must_change_password', 'a.status', 'e.roles', 'e.employed_until'])
    .where('a.municipality', '=', deps.municipality);
  q = 'username' in by ? q.where('a.username', '=', by.username) : q.where('a.id', '=', by.id);
  return q.executeTakeFirst();
}

function accountUsable(account: AccountRow, now: Date): string | null {
  if (account.status !== 'active') return 'account-disabled';
  if (account.employed_until && account.employed_until < now.toISOString().slice(0, 10)) return 'employment-ended';
  return null;
}

async function secondFactors(trx: Transaction<Database>, deps: IdentityDeps, userId: string): Promise<('totp' | 'webauthn' | 'recovery')[]> {
  const [totp, webauthn, recovery] = await Promise.all([
    trx.selectFrom('totp_credential').select('user_id').where('municipality', '=', deps.municipality).where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst(),
    trx.selectFrom('webauthn_credential').select('user_id').where('municipality', '=', deps.municipality).where('user_id', '=', userId).executeTakeFirst(),
    trx.selectFrom('recovery_code').select('user_id').where('municipality', '=', deps.municipality).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst(),
  ]);
  return [...(totp ? (['totp'] as const) : []), ...(webauthn ? (['webauthn'] as const) : []), ...(recovery ? (['recovery'] as const) : [])];
}

/** Finishes a login once every required factor has passed: a new session, login recorded. */
async function completeLogin(trx: Transaction<Database>, deps: IdentityDeps, account: AccountRow, client: ClientContext, secondFactor: string | null, restriction: SessionRestriction | null): Promise<LoginResult> {
  const sessionToken = await createSession(trx, deps, account.id, client, {
    secondFactor,
    assurance: secondFactor ? 'substantial' : 'low',
    restriction: account.must_change_password ? 'password-change' : restriction,
  });
  await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'login.succeeded', actorId: account.id, subjectId: account.id, ip: client.ip, workstation: client.workstation, details: { secondFactor } });
  return { status: 'ok', sessionToken, restriction: account.must_change_password ? 'password-change' : restriction };
}

/** Step one: user identity and password. Leads to a session, a second-factor challenge, or `failed`. */
export async function loginWithPassword(deps: IdentityDeps, client: ClientContext, username: string, password: string): Promise<LoginResult> {
  const key = usernameKey(username);
  const result = await guardedAttempt<LoginResult>(deps, client, { usernameKey: key, factor: 'password' }, async (trx): Promise<CheckResult<LoginResult>> => {
    const account = await findAccount(trx, deps, { username: key });
    const passwordOk = await verifyPassword(account?.password_hash, password);
    if (!account) return { ok: false, reason: 'unknown-user', userId: null };
    if (!passwordOk) return { ok: false, reason: 'wrong-password', userId: account.id };
    const unusable = accountUsable(account, deps.now());
    if (unusable) return { ok: false, reason: unusable, userId: account.id };
    const policy = await getAuthPolicy(trx, deps.municipality);
    if (!mfaRequired(policy, client.ip, account.roles)) {
      return { ok: true, userId: account.id, resetCounters: true, value: await completeLogin(trx, deps, account, client, null, null) };
    }
    const methods = await secondFactors(trx, deps, account.id);
    if (methods.length === 0) {
      // MFA is required but none enrolled yet: a session that may only enrol a second factor.
      return { ok: true, userId: account.id, resetCounters: true, value: await completeLogin(trx, deps, account, client, null, 'mfa-enrolment') };
    }
    const challengeToken = newToken();
    await trx
      .insertInto('auth_challenge')
      .values({ token_hash: hashToken(challengeToken), municipality: deps.municipality, purpose: 'mfa', user_id: account.id, expires_at: new Date(deps.now().getTime() + MFA_CHALLENGE_SECONDS * 1000), used_at: null })
      .execute();
    // The password alone does not reset the counters: a stolen password must not buy unlimited second-factor guesses.
    return { ok: true, userId: account.id, resetCounters: false, value: { status: 'mfa_required', challengeToken, methods } };
  });
  return result.ok ? result.value : { status: 'failed' };
}

/** Checks a TOTP code, refusing codes from a time step already used (replay), atomically. */
async function checkTotp(trx: Transaction<Database>, deps: IdentityDeps, userId: string, code: string): Promise<boolean> {
  const cred = await trx.selectFrom('totp_credential').selectAll().where('municipality', '=', deps.municipality).where('user_id', '=', userId).executeTakeFirst();
  if (!cred || !/^\d{6}$/.test(code)) return false;
  const secret = decryptSecret(deps.secretKey, cred.secret_encrypted);
  const result = await verifyTotp({ secret, token: code, epoch: Math.floor(deps.now().getTime() / 1000), epochTolerance: 30, afterTimeStep: Number(cred.last_used_step) });
  if (!result.valid || !('timeStep' in result)) return false;
  const used = await trx
    .updateTable('totp_credential')
    .set({ last_used_step: result.timeStep, confirmed_at: cred.confirmed_at ?? deps.now() })
    .where('municipality', '=', deps.municipality)
    .where('user_id', '=', userId)
    .where('last_used_step', '<', result.timeStep)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** Uses one recovery code, once. */
async function checkRecoveryCode(trx: Transaction<Database>, deps: IdentityDeps, userId: string, code: string): Promise<boolean> {
  const normalised = code.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[a-z0-9]{10,32}$/.test(normalised)) return false;
  const used = await trx
    .updateTable('recovery_code')
    .set({ used_at: deps.now() })
    .where('municipality', '=', deps.municipality)
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashToken(normalised))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** Step two: a TOTP or recovery code for a pending challenge. Failures count towards the same lock. */
export async function completeSecondFactor(deps: IdentityDeps, client: ClientContext, challengeToken: string | undefined, factor: 'totp' | 'recovery', code: string): Promise<LoginResult> {
  if (!challengeToken) return { status: 'failed' };
  const challenge = await deps.db
    .selectFrom('auth_challenge as c')
    .innerJoin('user_account as a', (j) => j.onRef('a.municipality', '=', 'c.municipality').onRef('a.id', '=', 'c.user_id'))
    .select(['c.token_hash', 'c.user_id', 'a.username'])
    .where('c.token_hash', '=', hashToken(challengeToken))
    .where('c.purpose', '=', 'mfa')
    .where('c.municipality', '=', deps.municipality)
    .where('c.used_at', 'is', null)
    .where('c.expires_at', '>', deps.now())
    .executeTakeFirst();
  if (!challenge?.user_id) return { status: 'failed' };
  const userId = challenge.user_id;
  const result = await guardedAttempt<LoginResult>(deps, client, { usernameKey: usernameKey(challenge.username), factor: factor as LoginFactor }, async (trx) => {
    const ok = factor === 'totp' ? await checkTotp(trx, deps, userId, code.trim()) : await checkRecoveryCode(trx, deps, userId, code);
    if (!ok) return { ok: false, reason: factor === 'totp' ? 'wrong-totp' : 'wrong-recovery-code', userId };
    const consumed = await trx.updateTable('auth_challenge').set({ used_at: deps.now() }).where('token_hash', '=', challenge.token_hash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) return { ok: false, reason: 'challenge-used', userId };
    const account = await findAccount(trx, deps, { id: userId });
    const unusable = account ? accountUsable(account, deps.now()) : 'unknown-user';
    if (!account || unusable) return { ok: false, reason: unusable ?? 'unknown-user', userId };
    return { ok: true, userId, resetCounters: true, value: await completeLogin(trx, deps, account, client, factor, null) };
  });
  return result.ok ? result.value : { status: 'failed' };
}

/** Reopens a screen-locked session with the password (and the second factor the session was opened with). */
export async function unlockSession(deps: IdentityDeps, client: ClientContext, sessionHash: string, password: string, totpCode?: string): Promise<boolean> {
  const session = await deps.db
    .selectFrom('user_session as s')
    .innerJoin('user_account as a', (j) => j.onRef('a.municipality', '=', 's.municipality').onRef('a.id', '=', 's.user_id'))
    .select(['s.user_id', 's.second_factor', 'a.username'])
    .where('s.token_hash', '=', sessionHash)
    .where('s.ended_at', 'is', null)
    .executeTakeFirst();
  if (!session) return false;
  const result = await guardedAttempt(deps, client, { usernameKey: usernameKey(session.username), factor: 'unlock' }, async (trx) => {
    const account = await findAccount(trx, deps, { id: session.user_id });
    if (!account || !(await verifyPassword(account.password_hash, password))) return { ok: false, reason: 'wrong-password', userId: session.user_id };
    if (session.second_factor === 'totp' && !(await checkTotp(trx, deps, session.user_id, totpCode ?? ''))) return { ok: false, reason: 'wrong-totp', userId: session.user_id };
    await trx.updateTable('user_session').set({ locked_at: null, last_activity_at: deps.now() }).where('token_hash', '=', sessionHash).execute();
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'session.unlocked', actorId: session.user_id, subjectId: session.user_id, ip: client.ip, workstation: client.workstation });
    return { ok: true, userId: session.user_id, resetCounters: true, value: true };
  });
  return result.ok;
}

/** Begins TOTP enrolment: a new secret (stored encrypted, unconfirmed) and its otpauth URI for the app. */
export async function beginTotpEnrolment(deps: IdentityDeps, userId: string, label: string): Promise<{ secret: string; uri: string }> {
  const secret = generateSecret();
  const sealed = encryptSecret(deps.secretKey, secret);
  await deps.db
    .insertInto('totp_credential')
    .values({ municipality: deps.municipality, user_id: userId, secret_encrypted: sealed, confirmed_at: null })
    .onConflict((oc) => oc.columns(['municipality', 'user_id']).doUpdateSet({ secret_encrypted: sealed, confirmed_at: null, last_used_step: 0 }).where('totp_credential.confirmed_at', 'is', null))
    .execute();
  return { secret, uri: generateURI({ issuer: 'Skjold', label, secret }) };
}

/** Confirms TOTP enrolment with a first code; returns fresh recovery codes (shown once) or null for a wrong code. */
export async function confirmTotpEnrolment(deps: IdentityDeps, client: ClientContext, sessionHash: string, userId: string, code: string): Promise<string[] | null> {
  return deps.db.transaction().execute(async (trx) => {
    const cred = await trx.selectFrom('totp_credential').select('confirmed_at').where('municipality', '=', deps.municipality).where('user_id', '=', userId).executeTakeFirst();
    if (!cred || cred.confirmed_at !== null) return null;
    if (!(await checkTotp(trx, deps, userId, code.trim()))) return null;
    const codes = await issueRecoveryCodes(trx, deps, userId);
    await trx.updateTable('user_session').set({ restriction: null, second_factor: 'totp', assurance: 'substantial' }).where('token_hash', '=', sessionHash).where('restriction', '=', 'mfa-enrolment').execute();
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'mfa.enrolled', actorId: userId, subjectId: userId, ip: client.ip, workstation: client.workstation, details: { factor: 'totp' } });
    return codes;
  });
}

/** Replaces a user's recovery codes with 10 new single-use ones; only their hashes are stored. */
export async function issueRecoveryCodes(trx: Transaction<Database>, deps: IdentityDeps, userId: string): Promise<string[]> {
  const codes = Array.from({ length: 10 }, () => newToken(10).replace(/[^a-zA-Z0-9]/g, 'x').toLowerCase().slice(0, 12));
  await trx.deleteFrom('recovery_code').where('municipality', '=', deps.municipality).where('user_id', '=', userId).execute();
  await trx.insertInto('recovery_code').values(codes.map((c) => ({ municipality: deps.municipality, user_id: userId, code_hash: hashToken(c), used_at: null }))).execute();
  await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'mfa.recovery-codes-issued', actorId: userId, subjectId: userId, details: { count: codes.length } });
  return codes.map((c) => `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`);
}

/** Raised when a new password breaks the password rules; the messages are for the user. */
export class WeakPasswordError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'WeakPasswordError';
  }
}

/** Sets a user's password (checked against the rules); ends all their sessions except keepSession. */
async function storeNewPassword(trx: Transaction<Database>, deps: PasswordDeps, userId: string, newPassword: string): Promise<void> {
  const user = await trx
    .selectFrom('user_account as a')
    .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'a.municipality').onRef('e.id', '=', 'a.id'))
    .select(['a.username', 'e.full_name'])
    .where('a.municipality', '=', deps.municipality)
    .where('a.id', '=', userId)
    .executeTakeFirstOrThrow();
  const problems = passwordProblems(newPassword, { username: user.username, fullName: user.full_name });
  if (problems.length) throw new WeakPasswordError(problems);
  await trx
    .updateTable('user_account')
    .set({ password_hash: await hashPassword(newPassword), password_changed_at: deps.now(), must_change_password: false })
    .where('municipality', '=', deps.municipality)
    .where('id', '=', userId)
    .execute();
}

/** A user changes their own password: the current one is required; every session ends (sign in again). */
export async function changePassword(deps: IdentityDeps, client: ClientContext, userId: string, currentPassword: string, newPassword: string): Promise<boolean> {
  const account = await deps.db.selectFrom('user_account').select(['username']).where('municipality', '=', deps.municipality).where('id', '=', userId).executeTakeFirst();
  if (!account) return false;
  let weak: WeakPasswordError | undefined;
  const result = await guardedAttempt(deps, client, { usernameKey: usernameKey(account.username), factor: 'password' }, async (trx) => {
    const row = await findAccount(trx, deps, { id: userId });
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) return { ok: false, reason: 'wrong-password', userId };
    try {
      await storeNewPassword(trx, deps, userId, newPassword);
    } catch (error) {
      if (!(error instanceof WeakPasswordError)) throw error;
      weak = error;
      return { ok: true, userId, resetCounters: false, value: false };
    }
    await endAllSessions(trx, deps, userId, 'password-changed');
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'password.changed', actorId: userId, subjectId: userId, ip: client.ip, workstation: client.workstation });
    return { ok: true, userId, resetCounters: true, value: true };
  });
  if (weak) throw weak;
  return result.ok && result.value;
}

/** Sets a password directly, for provisioning and the demo (never over HTTP). */
export async function provisionPassword(deps: PasswordDeps, userId: string, password: string, options: { mustChange: boolean }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await storeNewPassword(trx, deps, userId, password);
    if (options.mustChange) await trx.updateTable('user_account').set({ must_change_password: true }).where('municipality', '=', deps.municipality).where('id', '=', userId).execute();
  });
}

const RESET_TOKEN_MINUTES = 60;

/**
 * An administrator issues a password reset (AUTH-5): the identity check is recorded, a one-time token valid
 * one hour is returned (stored hashed), every session of the user ends, and the user must choose a new password.
 */
export async function issuePasswordReset(deps: IdentityDeps, actor: { id: string } & ClientContext, userId: string, identityCheck: string): Promise<{ token: string; expiresAt: Date }> {
  return deps.db.transaction().execute(async (trx) => {
    const token = newToken();
    const expiresAt = new Date(deps.now().getTime() + RESET_TOKEN_MINUTES * 60_000);
    await trx.updateTable('auth_challenge').set({ used_at: deps.now() }).where('municipality', '=', deps.municipality).where('purpose', '=', 'password-reset').where('user_id', '=', userId).where('used_at', 'is', null).execute();
    await trx.insertInto('auth_challenge').values({ token_hash: hashToken(token), municipality: deps.municipality, purpose: 'password-reset', user_id: userId, expires_at: expiresAt, used_at: null }).execute();
    await trx.updateTable('user_account').set({ must_change_password: true }).where('municipality', '=', deps.municipality).where('id', '=', userId).execute();
    const ended = await endAllSessions(trx, deps, userId, 'password-reset');
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'password.reset-issued', actorId: actor.id, subjectId: userId, ip: actor.ip, workstation: actor.workstation, details: { identityCheck, sessionsEnded: ended } });
    return { token, expiresAt };
  });
}

/** The user redeems a reset token by choosing a new password; the token works once and only before it expires. */
export async function redeemPasswordReset(deps: IdentityDeps, client: ClientContext, token: string, newPassword: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('auth_challenge')
      .set({ used_at: deps.now() })
      .where('token_hash', '=', hashToken(token))
      .where('purpose', '=', 'password-reset')
      .where('municipality', '=', deps.municipality)
      .where('used_at', 'is', null)
      .where('expires_at', '>', deps.now())
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed?.user_id) return false;
    await storeNewPassword(trx, deps, claimed.user_id, newPassword);
    await endAllSessions(trx, deps, claimed.user_id, 'password-reset');
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'password.reset-used', actorId: claimed.user_id, subjectId: claimed.user_id, ip: client.ip, workstation: client.workstation });
    return true;
  });
}
