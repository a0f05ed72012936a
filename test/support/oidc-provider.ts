// A real OpenID Connect provider (oidc-provider) in-process on 127.0.0.1, standing in for OS2faktor / Entra ID in SSO tests.
// Interactions log in a preset account automatically, and a tiny fetch-based "browser" follows the redirects.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error -- oidc-provider ships no type declarations; the few calls below are typed by OidcProvider.
import Provider from 'oidc-provider';

/** The NSIS assurance claim the IdP releases. */
export const LOA_CLAIM = 'https://data.gov.dk/concept/core/nsis/loa';

/** The claims of one IdP account (sub is the map key). */
export type IdpAccount = Record<string, string>;

/** The running test IdP: its issuer, client credentials, accounts, and who logs in next. */
export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Accounts by subject; tests may change claims between logins. */
  accounts: Map<string, IdpAccount>;
  /** The subject the next interaction logs in, or 'deny' to make the IdP answer access_denied. */
  nextLogin: string;
  /** Environment variables that point Skjold at this IdP. */
  env: Record<string, string>;
  close(): Promise<void>;
}

interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ prompt: { name: string } }>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
}

interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

interface LoadGrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: { new (init: { clientId: string; accountId: string }): GrantLike; find(id: string): Promise<GrantLike | undefined> } };
  };
}

/** Starts the IdP on a random port with one confidential client whose redirect URI is Skjold's callback. */
export async function startTestIdp(
  options: {
    redirectUri?: string;
    accounts?: Record<string, IdpAccount>;
    profileClaimsOnlyInUserinfo?: boolean;
    /** Further claims the profile scope releases, e.g. a MitID broker's CPR claim. */
    extraProfileClaims?: string[];
  } = {},
): Promise<TestIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = options.redirectUri ?? 'http://localhost:8080/api/auth/sso/callback';
  const clientId = 'skjold-test';
  const clientSecret = 'test-klienthemmelighed-0123456789abcdef';
  const accounts = new Map(Object.entries(options.accounts ?? {}));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider: OidcProvider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', LOA_CLAIM, ...(options.extraProfileClaims ?? [])] },
    // By default profile claims go into the ID token too (as OS2faktor does); optionally only into userinfo.
    conformIdTokenClaims: options.profileClaimsOnlyInUserinfo ?? false,
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const claims = accounts.get(sub);
      return claims ? { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) } : undefined;
    },
    // First-party client: consent is implied, so interactions only ever ask for a login.
    loadExistingGrant: async (ctx: LoadGrantContext) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  const idp: TestIdp = {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    accounts,
    nextLogin: '',
    env: { SKJOLD_SSO_ISSUER: issuer, SKJOLD_SSO_CLIENT_ID: clientId, SKJOLD_SSO_CLIENT_SECRET: clientSecret, SKJOLD_SSO_REDIRECT_URI: redirectUri },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      try {
        await provider.interactionDetails(req, res);
        const result = idp.nextLogin === 'deny' ? { error: 'access_denied', error_description: 'Brugeren afbrød login.' } : { login: { accountId: idp.nextLogin } };
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      } catch (error) {
        res.statusCode = 500;
        res.end(error instanceof Error ? error.message : String(error));
      }
    })();
  });
  return idp;
}

/**
 * Plays the browser between Skjold's redirect to the IdP and the IdP's redirect back: follows redirects with a
 * cookie jar until the IdP sends the browser to the redirect URI, and returns that callback URL.
 */
export async function followIdpRedirects(idp: TestIdp, authorizationUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(idp.redirectUri)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the IdP stopped with HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the IdP');
}
