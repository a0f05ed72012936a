import type { Transaction } from 'kysely';
import * as oidc from 'openid-client';
import type { SsoConfig } from '../../config/index.ts';
import type { Database } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import type { ClientContext, IdentityDeps } from './context.ts';
import { guardedAttempt } from './lockout.ts';
import { usernameKey } from './login.ts';
import { createSession } from './sessions.ts';
import { decryptSecret, encryptSecret, hashToken, newToken } from './tokens.ts';

/** The NSIS assurance level claim (OS2faktor, MitID Erhverv brokers). */
export const NSIS_LOA_CLAIM = 'https://data.gov.dk/concept/core/nsis/loa';

/** NSIS assurance levels, lowest first. */
export type Assurance = 'low' | 'substantial' | 'high';

/** The result of an SSO callback: a new session, or a refusal that carries no detail. */
export type SsoLoginResult = { status: 'ok'; sessionToken: string } | { status: 'failed' };

/** Staff SSO against the municipality's OpenID Connect provider (AUTH-1, AUTH-2). */
export interface SsoService {
  /** Starts a login: the IdP address to send the browser to, and the token for the HttpOnly state cookie. */
  begin(deps: IdentityDeps): Promise<{ redirectUrl: string; challengeToken: string }>;
  /** Finishes a login from the callback's query string; every refusal is a rejected attempt under the lockout rules. */
  complete(deps: IdentityDeps, client: ClientContext, challengeToken: string | undefined, query: string): Promise<SsoLoginResult>;
}

// Long enough to type a password and approve MitID at the IdP; the state is one-time either way.
const SSO_CHALLENGE_SECONDS = 600;
// The lock key used when a callback cannot be tied to any user identity (bad state, IdP error).
const UNKNOWN_SSO_KEY = '(sso)';

/** Reads the NSIS loa claim: 'Low' / 'Substantial' / 'High' in any case, or a URI ending in /low, /substantial or /high. */
export function assuranceFromClaim(value: unknown): Assurance | null {
  if (typeof value !== 'string') return null;
  const match = /^(low|substantial|high)$/i.exec(value.trim()) ?? /^[a-z][a-z0-9+.-]*:\S*\/(low|substantial|high)$/i.exec(value.trim());
  return match ? (match[1]!.toLowerCase() as Assurance) : null;
}

interface SealedState {
  state: string;
  nonce: string;
  verifier: string;
}

interface SsoAccount {
  id: string;
  username: string;
  sso_subject: string | null;
  status: 'active' | 'disabled';
  employed_until: string | null;
}

type Executor = IdentityDeps['db'] | Transaction<Database>;

/** Unseals the stored state/nonce/verifier; undefined if missing or sealed with another key (treated as a bad state). */
function openSealedState(deps: IdentityDeps, sealed: unknown): SealedState | undefined {
  if (typeof sealed !== 'string') return undefined;
  try {
    const value = JSON.parse(decryptSecret(deps.secretKey, sealed)) as Partial<SealedState>;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.verifier === 'string' ? (value as SealedState) : undefined;
  } catch {
    return undefined;
  }
}

async function findSsoAccount(db: Executor, deps: IdentityDeps, subject: string, username: string | null): Promise<SsoAccount | undefined> {
  const base = () =>
    db
      .selectFrom('user_account as a')
      .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'a.municipality').onRef('e.id', '=', 'a.id'))
      .select(['a.id', 'a.username', 'a.sso_subject', 'a.status', 'e.employed_until'])
      .where('a.municipality', '=', deps.municipality);
  const bySubject = await base().where('a.sso_subject', '=', subject).executeTakeFirst();
  if (bySubject || !username) return bySubject;
  return base().where('a.username', '=', usernameKey(username)).executeTakeFirst();
}

function claimString(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' && value.length <= 200 ? value.trim() : null;
}

/** Creates the SSO service for one configured IdP; discovery happens on first use and is retried after a failure. */
export function createSsoService(settings: SsoConfig): SsoService {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      // Plain http only ever passes config validation for a loopback IdP (development and tests).
      const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
      const config = await oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, { execute, timeout: 10 });
      config.timeout = 10;
      return config;
    })().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };

  /** Exchanges the code and validates the ID token; returns the claims, or the refusal reason. */
  const exchange = async (sealed: SealedState, query: URLSearchParams): Promise<{ claims: Record<string, unknown> } | { reason: string }> => {
    if (query.has('error')) return { reason: 'idp-error' };
    if (query.get('state') !== sealed.state) return { reason: 'sso-state-mismatch' };
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch {
      return { reason: 'idp-unavailable' };
    }
    try {
      const callbackUrl = new URL(settings.redirectUri);
      callbackUrl.search = query.toString();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: sealed.verifier, expectedState: sealed.state, expectedNonce: sealed.nonce, idTokenExpected: true });
      const idClaims = tokens.claims();
      if (!idClaims) return { reason: 'sso-invalid-response' };
      let claims: Record<string, unknown> = { ...idClaims };
      // Some IdPs put profile claims only in userinfo; the ID token's own claims always win.
      if ((claimString(claims, settings.usernameClaim) === null || claims[NSIS_LOA_CLAIM] === undefined) && tokens.access_token) {
        try {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...info, ...claims };
        } catch {
          /* without userinfo the ID token decides alone */
        }
      }
      return { claims };
    } catch {
      return { reason: 'sso-invalid-response' };
    }
  };

  return {
    async begin(deps) {
      const config = await configuration();
      const sealed: SealedState = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const challengeToken = newToken();
      await deps.db
        .insertInto('auth_challenge')
        .values({
          token_hash: hashToken(challengeToken),
          municipality: deps.municipality,
          purpose: 'sso',
          user_id: null,
          // The verifier is a secret: sealed with the instance key like TOTP seeds.
          data: JSON.stringify({ sealed: encryptSecret(deps.secretKey, JSON.stringify(sealed)) }) as unknown as Record<string, unknown>,
          expires_at: new Date(deps.now().getTime() + SSO_CHALLENGE_SECONDS * 1000),
          used_at: null,
        })
        .execute();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(sealed.verifier),
        code_challenge_method: 'S256',
        state: sealed.state,
        nonce: sealed.nonce,
      });
      return { redirectUrl: url.href, challengeToken };
    },

    async complete(deps, client, challengeToken, query) {
      // 1. The one-time state: claimed atomically, so a replayed callback finds it used.
      let outcome: { claims: Record<string, unknown> } | { reason: string } = { reason: 'sso-state-invalid' };
      if (challengeToken && challengeToken.length <= 200 && query.length <= 8192) {
        const claimed = await deps.db
          .updateTable('auth_challenge')
          .set({ used_at: deps.now() })
          .where('token_hash', '=', hashToken(challengeToken))
          .where('purpose', '=', 'sso')
          .where('municipality', '=', deps.municipality)
          .where('used_at', 'is', null)
          .where('expires_at', '>', deps.now())
          .returning('data')
          .executeTakeFirst();
        const sealed = openSealedState(deps, claimed?.data?.sealed);
        // 2. Code exchange and ID token validation, outside the database transaction (network I/O).
        if (sealed) outcome = await exchange(sealed, new URLSearchParams(query));
      }

      // 3. Map to a Skjold account; the lock key is that account's user identity (or the claimed one).
      const claims = 'claims' in outcome ? outcome.claims : null;
      const subject = claims && typeof claims.sub === 'string' ? claims.sub : null;
      const claimedUsername = claims ? claimString(claims, settings.usernameClaim) : null;
      const preview = subject ? await findSsoAccount(deps.db, deps, subject, claimedUsername) : undefined;
      const lockKey = preview ? usernameKey(preview.username) : claimedUsername ? usernameKey(claimedUsername) : UNKNOWN_SSO_KEY;

      const result = await guardedAttempt<string>(deps, client, { usernameKey: lockKey, factor: 'sso' }, async (trx) => {
        if (!claims || !subject) return { ok: false, reason: 'reason' in outcome ? outcome.reason : 'sso-invalid-response', userId: null };
        const account = await findSsoAccount(trx, deps, subject, claimedUsername);
        if (!account) return { ok: false, reason: 'unknown-user', userId: null };
        if (account.sso_subject !== null && account.sso_subject !== subject) return { ok: false, reason: 'sso-subject-mismatch', userId: account.id };
        if (account.status !== 'active') return { ok: false, reason: 'account-disabled', userId: account.id };
        if (account.employed_until && account.employed_until < deps.now().toISOString().slice(0, 10)) return { ok: false, reason: 'employment-ended', userId: account.id };
        const assurance = assuranceFromClaim(claims[NSIS_LOA_CLAIM]);
        if (assurance === null) return { ok: false, reason: 'assurance-missing', userId: account.id };
        // Access to sensitive data requires NSIS Substantial or higher; a Low login gets nothing.
        if (assurance === 'low') return { ok: false, reason: 'assurance-too-low', userId: account.id };
        if (account.sso_subject === null) {
          await trx.updateTable('user_account').set({ sso_subject: subject }).where('municipality', '=', deps.municipality).where('id', '=', account.id).where('sso_subject', 'is', null).execute();
        }
        // The IdP's Substantial/High login is the second factor: no local MFA on top.
        const sessionToken = await createSession(trx, deps, account.id, client, { secondFactor: 'sso', assurance, restriction: null });
        await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'login.succeeded', actorId: account.id, subjectId: account.id, ip: client.ip, workstation: client.workstation, details: { secondFactor: 'sso', assurance } });
        return { ok: true, userId: account.id, resetCounters: true, value: sessionToken };
      });
      return result.ok ? { status: 'ok', sessionToken: result.value } : { status: 'failed' };
    },
  };
}
