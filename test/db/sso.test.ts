import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { assuranceFromClaim, loginWithPassword, type IdentityDeps } from '../../src/modules/identity/index.ts';
import { buildTestApp, cookieFrom } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, testClock } from '../support/fixtures.ts';
import { followIdpRedirects, LOA_CLAIM, startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

describe('staff SSO over OpenID Connect against a real local IdP (AUTH-1, AUTH-2, AUTH-4)', () => {
  let idp: TestIdp;
  let t: TestDb;
  let deps: IdentityDeps;
  let app: SkjoldApp;

  beforeAll(async () => {
    idp = await startTestIdp({
      accounts: {
        'sub-1': { preferred_username: 'user1', name: 'Test Bruger 1', [LOA_CLAIM]: 'Substantial' },
        'sub-2': { preferred_username: 'USER2', name: 'Test Bruger 2', [LOA_CLAIM]: 'low' },
        'sub-3': { preferred_username: 'user3', name: 'Test Bruger 3', [LOA_CLAIM]: 'https://data.gov.dk/concept/core/nsis/loa/High' },
        'sub-x': { preferred_username: 'ukendt.person', name: 'Ukendt', [LOA_CLAIM]: 'Substantial' },
      },
    });
  });
  afterAll(async () => idp.close());

  beforeEach(async () => {
    t = await createTestDb();
    deps = identityDeps(t, testClock());
    await seedUsers(deps, 3);
    // Password logins would need a local second factor; an NSIS Substantial SSO login must not.
    await setMfaPolicy(deps, 'always');
    app = await buildTestApp(t, deps, idp.env);
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  /** Start → IdP (logs in `subject`) → callback, like a browser; returns the callback answer and what it took. */
  const ssoLogin = async (subject: string) => {
    idp.nextLogin = subject;
    const start = await app.inject({ method: 'GET', url: '/api/auth/sso/start' });
    expect(start.statusCode).toBe(302);
    const stateCookie = cookieFrom(start.headers['set-cookie'], 'skjold_sso')!;
    expect(String(start.headers['set-cookie'])).toMatch(/HttpOnly/);
    const callbackUrl = await followIdpRedirects(idp, String(start.headers.location));
    const callbackPath = callbackUrl.slice(new URL(callbackUrl).origin.length);
    const callback = await app.inject({ method: 'GET', url: callbackPath, headers: { cookie: stateCookie } });
    return { start, callback, callbackPath, stateCookie, session: cookieFrom(callback.headers['set-cookie'], 'skjold_session') };
  };
  const attempts = () => t.db.selectFrom('login_attempt').select(['factor', 'outcome', 'reason', 'user_id', 'username_tried']).orderBy('id').execute();

  it('tells the start page whether SSO is configured', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: true });
    const plain = await buildTestApp(t, deps);
    expect((await plain.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: false });
    expect((await plain.inject({ method: 'GET', url: '/api/auth/sso/start' })).headers.location).toBe('/?login=failed');
    await plain.close();
  });

  it('redirects to the IdP with PKCE, state and nonce kept server-side (hashed reference, sealed values)', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/auth/sso/start' });
    const location = new URL(String(start.headers.location));
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    const token = cookieFrom(start.headers['set-cookie'], 'skjold_sso')!.split('=')[1]!;
    const row = await t.db.selectFrom('auth_challenge').selectAll().where('purpose', '=', 'sso').executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
    expect(JSON.stringify(row.data)).not.toContain(location.searchParams.get('state')!);
    expect(new Date(row.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('logs a Substantial user in: session cookie, /me works, no local MFA asked, sso_subject stored', async () => {
    const { callback, session } = await ssoLogin('sub-1');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    expect(session).toBeDefined();
    expect(String(callback.headers['set-cookie'])).toMatch(/skjold_session=[^;]+;.*HttpOnly.*SameSite=Strict/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe('user1');
    const row = await t.db.selectFrom('user_session').select(['second_factor', 'assurance', 'restriction']).executeTakeFirstOrThrow();
    expect(row).toEqual({ second_factor: 'sso', assurance: 'substantial', restriction: null });
    const account = await t.db.selectFrom('user_account').select('sso_subject').where('id', '=', 'user1').executeTakeFirstOrThrow();
    expect(account.sso_subject).toBe('sub-1');
    expect(await attempts()).toEqual([{ factor: 'sso', outcome: 'accepted', reason: 'ok', user_id: 'user1', username_tried: 'user1' }]);

    // Later logins map by the subject, even when the IdP's user name changes.
    idp.accounts.set('sub-1', { ...idp.accounts.get('sub-1')!, preferred_username: 'omdoebt' });
    try {
      const again = await ssoLogin('sub-1');
      expect(again.callback.headers.location).toBe('/');
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: again.session! } })).json().user.id).toBe('user1');
    } finally {
      idp.accounts.set('sub-1', { ...idp.accounts.get('sub-1')!, preferred_username: 'user1' });
    }
  });

  it('accepts the assurance claim as a URI: High', async () => {
    const { callback } = await ssoLogin('sub-3');
    expect(callback.headers.location).toBe('/');
    const row = await t.db.selectFrom('user_session').select(['second_factor', 'assurance']).executeTakeFirstOrThrow();
    expect(row).toEqual({ second_factor: 'sso', assurance: 'high' });
  });

  it('refuses a Low login and records it as assurance-too-low', async () => {
    const { callback, session } = await ssoLogin('sub-2');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/?login=failed');
    expect(session).toBeUndefined();
    expect(await attempts()).toEqual([{ factor: 'sso', outcome: 'rejected', reason: 'assurance-too-low', user_id: 'user2', username_tried: 'user2' }]);
    expect(await t.db.selectFrom('user_session').select('token_hash').execute()).toHaveLength(0);
  });

  it('refuses a replayed callback (same URL, same state cookie) as a rejected attempt', async () => {
    const first = await ssoLogin('sub-1');
    expect(first.callback.headers.location).toBe('/');
    const replay = await app.inject({ method: 'GET', url: first.callbackPath, headers: { cookie: first.stateCookie } });
    expect(replay.headers.location).toBe('/?login=failed');
    expect(cookieFrom(replay.headers['set-cookie'], 'skjold_session')).toBeUndefined();
    const noCookie = await app.inject({ method: 'GET', url: first.callbackPath });
    expect(noCookie.headers.location).toBe('/?login=failed');
    expect((await attempts()).map((a) => [a.outcome, a.reason])).toEqual([
      ['accepted', 'ok'],
      ['rejected', 'sso-state-invalid'],
      ['rejected', 'sso-state-invalid'],
    ]);
  });

  it('refuses a callback whose state does not match the cookie, and an IdP error', async () => {
    const a = await app.inject({ method: 'GET', url: '/api/auth/sso/start' });
    const b = await ssoLogin('sub-1');
    // The callback from login b, presented with login a's state cookie: the state does not match.
    const swapped = await app.inject({ method: 'GET', url: b.callbackPath, headers: { cookie: cookieFrom(a.headers['set-cookie'], 'skjold_sso')! } });
    expect(swapped.headers.location).toBe('/?login=failed');
    const denied = await ssoLogin('deny');
    expect(denied.callback.headers.location).toBe('/?login=failed');
    expect((await attempts()).map((r) => r.reason)).toEqual(['ok', 'sso-state-mismatch', 'idp-error']);
    expect(b.callback.headers.location).toBe('/');
  });

  it('refuses SSO for a user locked after 5 wrong passwords, registering the attempt with factor sso', async () => {
    const elsewhere = { ip: '192.0.2.50', workstation: 'ip:192.0.2.50' };
    for (let i = 0; i < 5; i++) expect(await loginWithPassword(deps, elsewhere, 'user1', 'forkert-kode-123')).toEqual({ status: 'failed' });
    const { callback, session } = await ssoLogin('sub-1');
    expect(callback.headers.location).toBe('/?login=failed');
    expect(session).toBeUndefined();
    const last = (await attempts()).at(-1);
    expect(last).toMatchObject({ factor: 'sso', outcome: 'rejected', reason: 'locked-user', username_tried: 'user1' });
  });

  it('refuses an IdP user with no Skjold account', async () => {
    const { callback, session } = await ssoLogin('sub-x');
    expect(callback.headers.location).toBe('/?login=failed');
    expect(session).toBeUndefined();
    expect(await attempts()).toEqual([{ factor: 'sso', outcome: 'rejected', reason: 'unknown-user', user_id: null, username_tried: 'ukendt.person' }]);
  });

  it('never puts personal data in the redirect URLs', async () => {
    const ok = await ssoLogin('sub-1');
    const low = await ssoLogin('sub-2');
    for (const url of [ok.callback.headers.location, low.callback.headers.location, ok.start.headers.location]) {
      expect(String(url)).not.toMatch(/user1|user2|Bruger/);
    }
  });
});

describe('SSO with an IdP that releases profile claims only from userinfo', () => {
  it('reads the user name and assurance from userinfo when the ID token lacks them', async () => {
    const idp = await startTestIdp({ profileClaimsOnlyInUserinfo: true, accounts: { 'sub-1': { preferred_username: 'user1', [LOA_CLAIM]: 'Substantial' } } });
    const t = await createTestDb();
    try {
      const deps = identityDeps(t, testClock());
      await seedUsers(deps, 1);
      const app = await buildTestApp(t, deps, idp.env);
      idp.nextLogin = 'sub-1';
      const start = await app.inject({ method: 'GET', url: '/api/auth/sso/start' });
      const callbackUrl = await followIdpRedirects(idp, String(start.headers.location));
      const callback = await app.inject({ method: 'GET', url: callbackUrl.slice(new URL(callbackUrl).origin.length), headers: { cookie: cookieFrom(start.headers['set-cookie'], 'skjold_sso')! } });
      expect(callback.headers.location).toBe('/');
      expect((await t.db.selectFrom('user_session').select('assurance').executeTakeFirstOrThrow()).assurance).toBe('substantial');
      await app.close();
    } finally {
      await t.drop();
      await idp.close();
    }
  });
});

describe('SSO configuration', () => {
  const base = { SKJOLD_SSO_ISSUER: 'https://os2faktor.stevns.dk', SKJOLD_SSO_CLIENT_ID: 'skjold', SKJOLD_SSO_CLIENT_SECRET: 'hemmelig' };
  it('is off without an issuer, and defaults the redirect URI and user-name claim from the public URL', () => {
    expect(loadConfig({}).sso).toBeUndefined();
    expect(loadConfig({ ...base, SKJOLD_PUBLIC_URL: 'https://skjold.stevns.dk' }).sso).toEqual({
      issuer: 'https://os2faktor.stevns.dk',
      clientId: 'skjold',
      clientSecret: 'hemmelig',
      redirectUri: 'https://skjold.stevns.dk/api/auth/sso/callback',
      usernameClaim: 'preferred_username',
    });
  });
  it('refuses incomplete or unsafe settings with a one-line error naming the variable', () => {
    const message = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return 'no error';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    expect(message({ ...base, SKJOLD_SSO_CLIENT_SECRET: '' })).toBe('SKJOLD_SSO_CLIENT_SECRET: is required when SKJOLD_SSO_ISSUER is set');
    expect(message({ ...base, SKJOLD_SSO_ISSUER: 'http://idp.example.dk' })).toBe('SKJOLD_SSO_ISSUER: must use https:// (plain http is only for localhost)');
    expect(message({ ...base, SKJOLD_SSO_ISSUER: 'ikke en url' })).toMatch(/^SKJOLD_SSO_ISSUER: is not a valid URL/);
    expect(message({ SKJOLD_PUBLIC_URL: 'ftp://skjold' })).toMatch(/^SKJOLD_PUBLIC_URL: must start with https:\/\//);
    for (const m of [message({ ...base, SKJOLD_SSO_CLIENT_ID: ' ' }), message({ ...base, SKJOLD_SSO_USERNAME_CLAIM: 'a b' })]) expect(m).not.toContain('\n');
  });
});

describe('NSIS assurance claim parsing', () => {
  it('accepts names in any case and URIs ending in the level', () => {
    expect(assuranceFromClaim('Substantial')).toBe('substantial');
    expect(assuranceFromClaim('HIGH')).toBe('high');
    expect(assuranceFromClaim('low')).toBe('low');
    expect(assuranceFromClaim('https://data.gov.dk/concept/core/nsis/loa/Substantial')).toBe('substantial');
    expect(assuranceFromClaim('https://data.gov.dk/concept/core/nsis/loa/low')).toBe('low');
    expect(assuranceFromClaim('medium')).toBeNull();
    expect(assuranceFromClaim('substantial/extra')).toBeNull();
    expect(assuranceFromClaim(undefined)).toBeNull();
    expect(assuranceFromClaim(3)).toBeNull();
  });
});
