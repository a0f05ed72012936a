import { createHmac } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import type { ClientContext, IdentityDeps } from './context.ts';
import { guardedAttempt } from './lockout.ts';
import { issueRecoveryCodes, usernameKey, type LoginResult } from './login.ts';
import { createSession } from './sessions.ts';
import { hashToken } from './tokens.ts';

/** Who the WebAuthn credentials are bound to: Skjold's public origin and its host name as RP ID. */
export interface RelyingParty {
  rpID: string;
  origin: string;
  rpName: string;
}

const WEBAUTHN_CHALLENGE_SECONDS = 300;

/** The relying party for a public URL such as https://skjold.stevns.dk. */
export function relyingPartyFrom(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Skjold' };
}

/** The WebAuthn user handle: opaque, stable per user, and carrying no personal data. */
function userHandle(deps: IdentityDeps, userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHmac('sha256', deps.secretKey).update(`webauthn-user:${deps.municipality}:${userId}`).digest());
}

/** The challenge the browser signed, read from clientDataJSON; null if it is not readable. */
function signedChallenge(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 4096) return null;
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof parsed.challenge === 'string' && parsed.challenge.length <= 200 ? parsed.challenge : null;
  } catch {
    return null;
  }
}

async function storeChallenge(deps: IdentityDeps, purpose: 'webauthn-register' | 'webauthn-login', challenge: string, userId: string, data: Record<string, string>): Promise<void> {
  await deps.db
    .insertInto('auth_challenge')
    .values({
      token_hash: hashToken(challenge),
      municipality: deps.municipality,
      purpose,
      user_id: userId,
      data: JSON.stringify(data) as unknown as Record<string, unknown>,
      expires_at: new Date(deps.now().getTime() + WEBAUTHN_CHALLENGE_SECONDS * 1000),
      used_at: null,
    })
    .execute();
}

/** Claims a WebAuthn challenge once: unused, unexpired, same purpose and user; returns its data or undefined. */
async function claimChallenge(trx: Transaction<Database>, deps: IdentityDeps, purpose: 'webauthn-register' | 'webauthn-login', challenge: string, userId: string): Promise<Record<string, unknown> | undefined> {
  const row = await trx
    .updateTable('auth_challenge')
    .set({ used_at: deps.now() })
    .where('token_hash', '=', hashToken(challenge))
    .where('purpose', '=', purpose)
    .where('municipality', '=', deps.municipality)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', deps.now())
    .returning('data')
    .executeTakeFirst();
  return row?.data;
}

async function credentialsOf(db: IdentityDeps['db'] | Transaction<Database>, deps: IdentityDeps, userId: string) {
  return db.selectFrom('webauthn_credential').selectAll().where('municipality', '=', deps.municipality).where('user_id', '=', userId).execute();
}

/** Registration step 1 for a signed-in user: creation options with a fresh single-use challenge (stored hashed). */
export async function beginWebauthnRegistration(deps: IdentityDeps, rp: RelyingParty, user: { userId: string; username: string; sessionHash: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await credentialsOf(deps.db, deps, user.userId);
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.username,
    userDisplayName: user.username,
    userID: userHandle(deps, user.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
    timeout: WEBAUTHN_CHALLENGE_SECONDS * 1000,
  });
  await storeChallenge(deps, 'webauthn-register', options.challenge, user.userId, { session: user.sessionHash });
  return options;
}

/**
 * Registration step 2: verifies the authenticator's response to a challenge issued to this session and stores the
 * credential. The first second factor also yields recovery codes (shown once) and lifts an 'mfa-enrolment'
 * restriction. Returns null when refused.
 */
export async function finishWebauthnRegistration(deps: IdentityDeps, rp: RelyingParty, client: ClientContext, user: { userId: string; sessionHash: string }, response: RegistrationResponseJSON): Promise<{ recoveryCodes: string[] } | null> {
  const challenge = signedChallenge(response.response?.clientDataJSON);
  if (!challenge) return null;
  return deps.db.transaction().execute(async (trx) => {
    const data = await claimChallenge(trx, deps, 'webauthn-register', challenge, user.userId);
    if (!data || data.session !== user.sessionHash) return null;
    let info;
    try {
      const verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false });
      if (!verification.verified) return null;
      info = verification.registrationInfo;
    } catch {
      return null;
    }
    const [totp, credentials] = await Promise.all([
      trx.selectFrom('totp_credential').select('user_id').where('municipality', '=', deps.municipality).where('user_id', '=', user.userId).where('confirmed_at', 'is not', null).executeTakeFirst(),
      credentialsOf(trx, deps, user.userId),
    ]);
    const inserted = await trx
      .insertInto('webauthn_credential')
      .values({ municipality: deps.municipality, credential_id: info.credential.id, user_id: user.userId, public_key: info.credential.publicKey, counter: info.credential.counter, transports: info.credential.transports ?? [] })
      .onConflict((oc) => oc.columns(['municipality', 'credential_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
    const firstFactor = !totp && credentials.length === 0;
    const recoveryCodes = firstFactor ? await issueRecoveryCodes(trx, deps, user.userId) : [];
    await trx.updateTable('user_session').set({ restriction: null, second_factor: 'webauthn', assurance: 'substantial' }).where('token_hash', '=', user.sessionHash).where('restriction', '=', 'mfa-enrolment').execute();
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'mfa.enrolled', actorId: user.userId, subjectId: user.userId, ip: client.ip, workstation: client.workstation, details: { factor: 'webauthn' } });
    return { recoveryCodes };
  });
}

/** The pending password-step challenge ('mfa') and its user, or undefined when it is unknown, used or expired. */
async function pendingMfa(deps: IdentityDeps, challengeToken: string | undefined) {
  if (!challengeToken || challengeToken.length > 200) return undefined;
  return deps.db
    .selectFrom('auth_challenge as c')
    .innerJoin('user_account as a', (j) => j.onRef('a.municipality', '=', 'c.municipality').onRef('a.id', '=', 'c.user_id'))
    .select(['c.token_hash', 'c.user_id', 'a.username'])
    .where('c.token_hash', '=', hashToken(challengeToken))
    .where('c.purpose', '=', 'mfa')
    .where('c.municipality', '=', deps.municipality)
    .where('c.used_at', 'is', null)
    .where('c.expires_at', '>', deps.now())
    .executeTakeFirst();
}

/** Login step 2a: request options for the user of a pending password step; null when there is no such step. */
export async function beginWebauthnLogin(deps: IdentityDeps, rp: RelyingParty, challengeToken: string | undefined): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const pending = await pendingMfa(deps, challengeToken);
  if (!pending?.user_id) return null;
  const credentials = await credentialsOf(deps.db, deps, pending.user_id);
  if (credentials.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: credentials.map((c) => ({ id: c.credential_id, transports: c.transports })),
    userVerification: 'preferred',
    timeout: WEBAUTHN_CHALLENGE_SECONDS * 1000,
  });
  await storeChallenge(deps, 'webauthn-login', options.challenge, pending.user_id, { mfa: pending.token_hash });
  return options;
}

/**
 * Login step 2b: checks a WebAuthn assertion as the second factor of a pending login, under the lockout guard
 * (factor 'webauthn'): a wrong, replayed or counter-regressed assertion is a rejected attempt like a wrong code.
 */
export async function completeWebauthnLogin(deps: IdentityDeps, rp: RelyingParty, client: ClientContext, challengeToken: string | undefined, response: AuthenticationResponseJSON): Promise<LoginResult> {
  const pending = await pendingMfa(deps, challengeToken);
  if (!pending?.user_id) return { status: 'failed' };
  const userId = pending.user_id;
  const challenge = signedChallenge(response.response?.clientDataJSON);
  const result = await guardedAttempt<LoginResult>(deps, client, { usernameKey: usernameKey(pending.username), factor: 'webauthn' }, async (trx) => {
    if (!challenge) return { ok: false, reason: 'wrong-webauthn', userId };
    const data = await claimChallenge(trx, deps, 'webauthn-login', challenge, userId);
    if (!data || data.mfa !== pending.token_hash) return { ok: false, reason: 'webauthn-challenge-invalid', userId };
    const stored = await trx.selectFrom('webauthn_credential').selectAll().where('municipality', '=', deps.municipality).where('user_id', '=', userId).where('credential_id', '=', String(response.id ?? '')).executeTakeFirst();
    if (!stored) return { ok: false, reason: 'wrong-webauthn', userId };
    const storedCounter = Number(stored.counter);
    let newCounter: number;
    try {
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: { id: stored.credential_id, publicKey: new Uint8Array(stored.public_key), counter: storedCounter, transports: stored.transports },
        requireUserVerification: false,
      });
      if (!verification.verified) return { ok: false, reason: 'wrong-webauthn', userId };
      newCounter = verification.authenticationInfo.newCounter;
    } catch (error) {
      // The library refuses a signature counter that did not grow: a sign of a cloned authenticator.
      const regression = error instanceof Error && /counter/i.test(error.message);
      return { ok: false, reason: regression ? 'webauthn-counter-regression' : 'wrong-webauthn', userId };
    }
    // Compare-and-set, so two parallel assertions with the same counter cannot both pass.
    const moved = await trx
      .updateTable('webauthn_credential')
      .set({ counter: newCounter })
      .where('municipality', '=', deps.municipality)
      .where('credential_id', '=', stored.credential_id)
      .where('counter', '=', storedCounter)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return { ok: false, reason: 'webauthn-counter-regression', userId };
    const consumed = await trx.updateTable('auth_challenge').set({ used_at: deps.now() }).where('token_hash', '=', pending.token_hash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) return { ok: false, reason: 'challenge-used', userId };
    const account = await trx
      .selectFrom('user_account as a')
      .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'a.municipality').onRef('e.id', '=', 'a.id'))
      .select(['a.status', 'a.must_change_password', 'e.employed_until'])
      .where('a.municipality', '=', deps.municipality)
      .where('a.id', '=', userId)
      .executeTakeFirst();
    if (!account || account.status !== 'active') return { ok: false, reason: 'account-disabled', userId };
    if (account.employed_until && account.employed_until < deps.now().toISOString().slice(0, 10)) return { ok: false, reason: 'employment-ended', userId };
    const restriction = account.must_change_password ? ('password-change' as const) : null;
    const sessionToken = await createSession(trx, deps, userId, client, { secondFactor: 'webauthn', assurance: 'substantial', restriction });
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'login.succeeded', actorId: userId, subjectId: userId, ip: client.ip, workstation: client.workstation, details: { secondFactor: 'webauthn' } });
    return { ok: true, userId, resetCounters: true, value: { status: 'ok', sessionToken, restriction } };
  });
  return result.ok ? result.value : { status: 'failed' };
}
