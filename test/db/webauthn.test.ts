import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import { hashToken } from '../../src/modules/identity/tokens.ts';
import { buildTestApp, cookieFrom, sameOrigin } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, testClock, TEST_PASSWORD, type TestClock } from '../support/fixtures.ts';
import { SoftAuthenticator } from '../support/webauthn-authenticator.ts';

const ORIGIN = 'https://skjold.stevns.dk';

describe('WebAuthn enrolment and login as second factor (AUTH-2, AUTH-4)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  let clock: TestClock;
  let app: SkjoldApp;
  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock();
    deps = identityDeps(t, clock);
    await seedUsers(deps, 2);
    await setMfaPolicy(deps, 'always');
    app = await buildTestApp(t, deps, { SKJOLD_PUBLIC_URL: ORIGIN });
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  const post = (url: string, cookie: string | undefined, payload: object = {}) => app.inject({ method: 'POST', url, headers: { ...sameOrigin, ...(cookie ? { cookie } : {}) }, payload });
  const password = async (username = 'user1') => {
    const res = await post('/api/auth/login', undefined, { username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    return { body: res.json(), session: cookieFrom(res.headers['set-cookie'], 'skjold_session'), mfa: cookieFrom(res.headers['set-cookie'], 'skjold_mfa') };
  };
  const attempts = () => t.db.selectFrom('login_attempt').select(['factor', 'outcome', 'reason']).where('factor', '=', 'webauthn').orderBy('id').execute();

  /** Password login (no factor yet → enrolment-only session), then registers `key`. */
  const enrol = async (key: SoftAuthenticator) => {
    const first = await password();
    expect(first.body).toEqual({ status: 'ok', restriction: 'mfa-enrolment' });
    const options = await post('/api/auth/webauthn/register/options', first.session);
    expect(options.statusCode).toBe(200);
    expect(options.json().rp).toEqual({ name: 'Skjold', id: 'skjold.stevns.dk' });
    const verify = await post('/api/auth/webauthn/register/verify', first.session, key.register(options.json()));
    expect(verify.statusCode).toBe(200);
    return { session: first.session!, challenge: options.json().challenge as string, recoveryCodes: verify.json().recoveryCodes as string[] };
  };
  /** A pending password step and fresh assertion options for it. */
  const pendingLogin = async () => {
    const step = await password();
    expect(step.body).toEqual({ status: 'mfa_required', methods: ['webauthn', 'recovery'] });
    const options = await post('/api/auth/webauthn/login/options', step.mfa);
    expect(options.statusCode).toBe(200);
    return { mfa: step.mfa!, options: options.json() as { challenge: string; allowCredentials: { id: string }[] } };
  };

  it('registers a security key on the enrolment session, then logs in with it as the second factor', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    const { session, challenge, recoveryCodes } = await enrol(key);
    expect(recoveryCodes).toHaveLength(10);
    // The restriction is lifted; the challenge was stored hashed and is used up.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(200);
    const stored = await t.db.selectFrom('auth_challenge').selectAll().where('purpose', '=', 'webauthn-register').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(hashToken(challenge));
    expect(stored[0]!.used_at).not.toBeNull();
    const events = await t.db.selectFrom('security_event').select(['type', 'details']).where('type', '=', 'mfa.enrolled').execute();
    expect(events).toEqual([{ type: 'mfa.enrolled', details: { factor: 'webauthn' } }]);

    const { mfa, options } = await pendingLogin();
    expect(options.allowCredentials.map((c) => c.id)).toEqual([key.credentialId.toString('base64url')]);
    const done = await post('/api/auth/webauthn/login/verify', mfa, key.assert(options));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ status: 'ok', restriction: null });
    const cookie = cookieFrom(done.headers['set-cookie'], 'skjold_session')!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.id).toBe('user1');
    const row = await t.db.selectFrom('user_session').select(['second_factor', 'assurance']).where('second_factor', '=', 'webauthn').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row).toEqual({ second_factor: 'webauthn', assurance: 'substantial' });
    expect(await attempts()).toEqual([{ factor: 'webauthn', outcome: 'accepted', reason: 'ok' }]);
    const credential = await t.db.selectFrom('webauthn_credential').select(['counter']).executeTakeFirstOrThrow();
    expect(Number(credential.counter)).toBe(1);
  });

  it('refuses registration without a session, and a registration response to a foreign challenge', async () => {
    expect((await post('/api/auth/webauthn/register/options', undefined)).statusCode).toBe(401);
    const first = await password();
    const forged = new SoftAuthenticator(ORIGIN).register({ challenge: 'bm90LWlzc3VlZC1ieS1za2pvbGQ' });
    const res = await post('/api/auth/webauthn/register/verify', first.session, forged);
    expect(res.statusCode).toBe(400);
    expect(await t.db.selectFrom('webauthn_credential').select('credential_id').execute()).toHaveLength(0);
  });

  it('refuses a replayed assertion (same challenge), with the old or a new pending login', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    await enrol(key);
    const first = await pendingLogin();
    const assertion = key.assert(first.options);
    expect((await post('/api/auth/webauthn/login/verify', first.mfa, assertion)).statusCode).toBe(200);
    expect((await post('/api/auth/webauthn/login/verify', first.mfa, assertion)).statusCode).toBe(401);
    const second = await password();
    const replay = await post('/api/auth/webauthn/login/verify', second.mfa, assertion);
    expect(replay.statusCode).toBe(401);
    expect(cookieFrom(replay.headers['set-cookie'], 'skjold_session')).toBeUndefined();
    expect((await attempts()).map((a) => a.reason)).toEqual(['ok', 'webauthn-challenge-invalid']);
  });

  it('refuses an assertion signed by a different key and counts it towards the lock', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    await enrol(key);
    const impostor = new SoftAuthenticator(ORIGIN, { credentialId: key.credentialId });
    const { mfa, options } = await pendingLogin();
    const res = await post('/api/auth/webauthn/login/verify', mfa, impostor.assert(options));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('login_failed');
    expect(await attempts()).toEqual([{ factor: 'webauthn', outcome: 'rejected', reason: 'wrong-webauthn' }]);
    const counter = await t.db.selectFrom('lockout_counter').select('consecutive_failures').where('kind', '=', 'user').where('key', '=', 'user1').executeTakeFirstOrThrow();
    expect(counter.consecutive_failures).toBe(1);
  });

  it('refuses a signature counter that does not grow (cloned authenticator)', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    await enrol(key);
    const first = await pendingLogin();
    expect((await post('/api/auth/webauthn/login/verify', first.mfa, key.assert(first.options))).statusCode).toBe(200);
    const second = await pendingLogin();
    expect((await post('/api/auth/webauthn/login/verify', second.mfa, key.assert(second.options, { counter: 1 }))).statusCode).toBe(401);
    expect((await attempts()).map((a) => a.reason)).toEqual(['ok', 'webauthn-counter-regression']);
  });

  it('locks the user after 5 bad assertions: the right key is then refused too', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    await enrol(key);
    const impostor = new SoftAuthenticator(ORIGIN, { credentialId: key.credentialId });
    const step = await password();
    for (let i = 0; i < 5; i++) {
      const options = (await post('/api/auth/webauthn/login/options', step.mfa)).json();
      expect((await post('/api/auth/webauthn/login/verify', step.mfa, impostor.assert(options))).statusCode).toBe(401);
    }
    const options = (await post('/api/auth/webauthn/login/options', step.mfa)).json();
    const good = await post('/api/auth/webauthn/login/verify', step.mfa, key.assert(options));
    expect(good.statusCode).toBe(401);
    expect((await attempts()).map((a) => a.reason)).toEqual([...Array(5).fill('wrong-webauthn'), 'locked-user']);
    const lock = await t.db.selectFrom('lockout_counter').select('locked_at').where('kind', '=', 'user').where('key', '=', 'user1').executeTakeFirstOrThrow();
    expect(lock.locked_at).not.toBeNull();
  });

  it('refuses an assertion to a challenge older than 5 minutes', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    await enrol(key);
    const { mfa, options } = await pendingLogin();
    clock.advance(5 * 60_000 + 1000);
    expect((await post('/api/auth/webauthn/login/verify', mfa, key.assert(options))).statusCode).toBe(401);
    const challenge = await t.db.selectFrom('auth_challenge').select(['expires_at', 'created_at']).where('purpose', '=', 'webauthn-login').executeTakeFirstOrThrow();
    expect(new Date(challenge.expires_at).getTime() - clock.now().getTime()).toBeLessThan(0);
  });
});
