import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import { buildTestApp, cookieFrom, sameOrigin } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, testClock, TEST_PASSWORD, type TestClock } from '../support/fixtures.ts';

describe('auth over HTTP (AUTH-1, AUTH-6, AUTH-9)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  let clock: TestClock;
  let app: SkjoldApp;
  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock();
    deps = identityDeps(t, clock);
    await seedUsers(deps, 2);
    await t.db.updateTable('employee').set({ roles: ['employee', 'it-admin', 'security'] }).where('id', '=', 'user2').execute();
    await setMfaPolicy(deps, 'untrusted-network', ['127.0.0.0/8']);
    app = await buildTestApp(t, deps);
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  const login = async (username = 'user1', password = TEST_PASSWORD, remoteAddress = '127.0.0.1') => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: sameOrigin, payload: { username, password }, remoteAddress });
    return { res, cookie: cookieFrom(res.headers['set-cookie'], 'skjold_session') };
  };

  it('logs in with an HttpOnly SameSite=Strict session cookie and answers /me', async () => {
    const { res, cookie } = await login();
    expect(res.statusCode).toBe(200);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie! } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: 'user1', unit: { name: 'Borgerservice' } }, session: { idleTimeoutSeconds: 900 } });
  });

  it('gives the same 401 body for a wrong password and an unknown user', async () => {
    const a = await login('user1', 'forkert-kode-123');
    const b = await login('findes-ikke', 'forkert-kode-123');
    expect(a.res.statusCode).toBe(401);
    expect(b.res.statusCode).toBe(401);
    expect(a.res.body).toEqual(b.res.body);
    expect(a.cookie).toBeUndefined();
  });

  it('refuses state-changing requests without same-origin proof (CSRF) and changes nothing', async () => {
    const crossSite = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, payload: { username: 'user1', password: TEST_PASSWORD } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('csrf');
    const noProof = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: { username: 'user1', password: TEST_PASSWORD } });
    expect(noProof.statusCode).toBe(403);
    const foreignOrigin = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example', host: 'skjold.stevns.dk', 'content-type': 'application/json' }, payload: { username: 'user1', password: TEST_PASSWORD } });
    expect(foreignOrigin.statusCode).toBe(403);
    const rightOrigin = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://skjold.stevns.dk', host: 'skjold.stevns.dk', 'content-type': 'application/json' }, payload: { username: 'user1', password: TEST_PASSWORD }, remoteAddress: '127.0.0.1' });
    expect(rightOrigin.statusCode).toBe(200);
    expect(await t.db.selectFrom('login_attempt').select('id').execute()).toHaveLength(1);
  });

  it('rejects forged and malformed session cookies with 401, never 500', async () => {
    for (const cookie of ['skjold_session=forged', 'skjold_session=', `skjold_session=${'A'.repeat(5000)}`, 'skjold_session=%00%ff']) {
      const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('answers malformed and oversized bodies with a clear 4xx and records nothing', async () => {
    const cases = [
      { payload: '{"username":', type: 'application/json' },
      { payload: JSON.stringify({ username: 'user1' }), type: 'application/json' },
      { payload: JSON.stringify({ username: 'x'.repeat(300), password: 'y' }), type: 'application/json' },
      { payload: JSON.stringify({ username: 'user1', password: 'x'.repeat(2 * 1024 * 1024) }), type: 'application/json' },
      { payload: 'username=user1', type: 'application/x-www-form-urlencoded' },
    ];
    for (const c of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'same-origin', 'content-type': c.type }, payload: c.payload });
      expect(res.statusCode, c.payload.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toBeTruthy();
    }
    expect(await t.db.selectFrom('login_attempt').select('id').execute()).toHaveLength(0);
  });

  it('locks the screen on the server after the idle period: 423 until the password is typed again', async () => {
    const { cookie } = await login();
    clock.advance(16 * 60_000);
    const locked = await app.inject({ method: 'GET', url: '/api/admin/locks', headers: { cookie: cookie! } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('session_locked');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie! } });
    expect(me.statusCode).toBe(200); // the lock screen may still know who is locked out
    expect(me.json().session.locked).toBe(true);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/unlock', headers: { ...sameOrigin, cookie: cookie! }, payload: { password: 'forkert-kode-123' } });
    expect(bad.statusCode).toBe(401);
    const good = await app.inject({ method: 'POST', url: '/api/auth/unlock', headers: { ...sameOrigin, cookie: cookie! }, payload: { password: TEST_PASSWORD } });
    expect(good.statusCode).toBe(200);
  });

  it('keeps administration to administrators, and an idle policy outside 5–20 minutes is refused unchanged', async () => {
    const employee = await login('user1');
    expect((await app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: employee.cookie! } })).statusCode).toBe(403);
    const admin = await login('user2');
    const users = await app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: admin.cookie! } });
    expect(users.statusCode).toBe(200);
    expect(users.json().total).toBe(2);
    const tooLong = await app.inject({ method: 'PUT', url: '/api/admin/auth-policy', headers: { ...sameOrigin, cookie: admin.cookie! }, payload: { idleTimeoutMinutes: 60 } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0].field).toBe('body.idleTimeoutMinutes');
    const ok = await app.inject({ method: 'PUT', url: '/api/admin/auth-policy', headers: { ...sameOrigin, cookie: admin.cookie! }, payload: { idleTimeoutMinutes: 5 } });
    expect(ok.json().idleTimeoutMinutes).toBe(5);
    const events = await app.inject({ method: 'GET', url: '/api/security-events?type=config.changed', headers: { cookie: admin.cookie! } });
    expect(events.json().events[0]).toMatchObject({ type: 'config.changed', actorId: 'user2' });
  });

  it('lets an administrator unlock a locked user only with a cause', async () => {
    for (let i = 0; i < 5; i++) await login('user1', 'forkert-kode-123');
    expect((await login('user1')).res.statusCode).toBe(401);
    const admin = await login('user2', TEST_PASSWORD, '127.0.0.2'); // from the administrator's own workstation
    const noCause = await app.inject({ method: 'POST', url: '/api/admin/locks/clear', headers: { ...sameOrigin, cookie: admin.cookie! }, payload: { kind: 'user', key: 'user1', cause: '' } });
    expect(noCause.statusCode).toBe(400);
    // The security staff and the user are told.
    const notices = (await app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: admin.cookie! } })).json().notifications;
    expect(notices.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['lockout.user', 'lockout.workstation']));
    const forUser = await t.db.selectFrom('notification').select('recipient_user_id').where('recipient_user_id', '=', 'user1').execute();
    expect(forUser).toHaveLength(1);
    // The workstation 127.0.0.1 got locked too (5 failures from it); clear both.
    const locks = (await app.inject({ method: 'GET', url: '/api/admin/locks', headers: { cookie: admin.cookie! } })).json().locks;
    expect(locks.map((l: { kind: string }) => l.kind).sort()).toEqual(['user', 'workstation']);
    for (const lock of locks) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/locks/clear', headers: { ...sameOrigin, cookie: admin.cookie! }, payload: { kind: lock.kind, key: lock.key, cause: 'Brugeren har bekræftet fejltastning over telefon' } });
      expect(res.statusCode).toBe(200);
    }
    expect((await login('user1')).res.statusCode).toBe(200);
  });
});
