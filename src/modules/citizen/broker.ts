// Citizen login with MitID through an OpenID Connect broker (NemLog-in or a certified broker) for Min log (CTL-5).
// The CPR number comes only from the broker's claim; NSIS Substantial or High is required (Low is refused).
import * as oidc from 'openid-client';
import type { CitizenBrokerConfig } from '../../config/index.ts';
import { assuranceFromClaim, NSIS_LOA_CLAIM } from '../identity/sso.ts';
import { decryptSecret, encryptSecret, hashToken, newToken } from '../identity/tokens.ts';
import { createCitizenSession, type CitizenDeps } from './sessions.ts';

/** The claim a Danish MitID broker carries the CPR number in (OIO OIDC profile). */
export const CPR_CLAIM = 'https://data.gov.dk/model/core/eid/cprNumber';

/** Why a citizen login did not succeed; safe to put in a redirect (no personal data). */
export type CitizenLoginFailure = 'failed' | 'assurance';

/** The outcome of a citizen login callback. */
export type CitizenLoginResult = { status: 'ok'; sessionToken: string } | { status: 'failed'; reason: CitizenLoginFailure };

/** The citizen login service for one configured broker. */
export interface CitizenBroker {
  /** Starts a login: where to send the browser, and the token for the short-lived state cookie. */
  begin(deps: CitizenDeps): Promise<{ redirectUrl: string; challengeToken: string }>;
  /** Finishes a login from the callback's query string: a citizen session, or a refusal without detail. */
  complete(deps: CitizenDeps, challengeToken: string | undefined, query: string): Promise<CitizenLoginResult>;
}

interface SealedState {
  state: string;
  nonce: string;
  verifier: string;
}

const CHALLENGE_SECONDS = 600;

/** Normalises the CPR claim (with or without hyphen) to 10 digits; null when it is not a CPR number. */
export function cprFromClaim(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = value.trim().replace('-', '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** Creates the broker client; discovery happens on first use and is retried after a failure. */
export function createCitizenBroker(settings: CitizenBrokerConfig): CitizenBroker {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
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

  const claimsFor = async (sealed: SealedState, query: URLSearchParams): Promise<Record<string, unknown> | undefined> => {
    if (query.has('error') || query.get('state') !== sealed.state) return undefined;
    try {
      const config = await configuration();
      const callbackUrl = new URL(settings.redirectUri);
      callbackUrl.search = query.toString();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: sealed.verifier, expectedState: sealed.state, expectedNonce: sealed.nonce, idTokenExpected: true });
      const idClaims = tokens.claims();
      if (!idClaims) return undefined;
      let claims: Record<string, unknown> = { ...idClaims };
      if ((claims[CPR_CLAIM] === undefined || claims[NSIS_LOA_CLAIM] === undefined) && tokens.access_token) {
        try {
          claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
        } catch {
          /* the ID token decides alone */
        }
      }
      return claims;
    } catch {
      return undefined;
    }
  };

  return {
    async begin(deps) {
      const config = await configuration();
      const sealed: SealedState = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const challengeToken = newToken(32);
      await deps.db
        .insertInto('citizen_login_challenge')
        .values({
          token_hash: hashToken(challengeToken),
          municipality: deps.municipality,
          sealed: encryptSecret(deps.secretKey, JSON.stringify(sealed)),
          created_at: deps.now(),
          expires_at: new Date(deps.now().getTime() + CHALLENGE_SECONDS * 1000),
          used_at: null,
        })
        .execute();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(sealed.verifier),
        code_challenge_method: 'S256',
        state: sealed.state,
        nonce: sealed.nonce,
      });
      return { redirectUrl: url.href, challengeToken };
    },

    async complete(deps, challengeToken, query) {
      if (!challengeToken || challengeToken.length > 200 || query.length > 8192) return { status: 'failed', reason: 'failed' };
      // The one-time state, claimed atomically: a replayed callback finds it used.
      const claimed = await deps.db
        .updateTable('citizen_login_challenge')
        .set({ used_at: deps.now() })
        .where('token_hash', '=', hashToken(challengeToken))
        .where('municipality', '=', deps.municipality)
        .where('used_at', 'is', null)
        .where('expires_at', '>', deps.now())
        .returning('sealed')
        .executeTakeFirst();
      if (!claimed) return { status: 'failed', reason: 'failed' };
      let sealed: SealedState;
      try {
        sealed = JSON.parse(decryptSecret(deps.secretKey, claimed.sealed)) as SealedState;
      } catch {
        return { status: 'failed', reason: 'failed' };
      }
      const claims = await claimsFor(sealed, new URLSearchParams(query));
      if (!claims) return { status: 'failed', reason: 'failed' };
      const assurance = assuranceFromClaim(claims[NSIS_LOA_CLAIM]);
      // Seeing one's own log is access to personal data: NSIS Substantial or High only.
      if (assurance !== 'substantial' && assurance !== 'high') return { status: 'failed', reason: 'assurance' };
      const cpr = cprFromClaim(claims[CPR_CLAIM]);
      if (cpr === null) return { status: 'failed', reason: 'failed' };
      const sessionToken = await createCitizenSession(deps.db, deps, cpr, assurance);
      return { status: 'ok', sessionToken };
    },
  };
}
