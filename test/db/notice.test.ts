import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import { addMonths, LOGGING_NOTICE } from '../../src/modules/instruction/index.ts';
import { buildTestApp, cookieFrom, sameOrigin } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, TEST_PASSWORD, testClock, type TestClock } from '../support/fixtures.ts';

const DAY = 24 * 3600_000;

describe('recurring logging notice (CTL-4, INS-3)', () => {
  let t: TestDb;
  let clock: TestClock;
  let deps: IdentityDeps;
  let app: SkjoldApp;

  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock(new Date('2026-03-10T09:00:00Z'));
    deps = identityDeps(t, clock);
    await seedUsers(deps, 2);
    await t.db.updateTable('employee').set({ roles: ['security'] }).where('id', '=', 'user2').execute();
    await setMfaPolicy(deps, 'untrusted-network', ['127.0.0.0/8']);
    app = await buildTestApp(t, deps);
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: sameOrigin, payload: { username, password: TEST_PASSWORD }, remoteAddress: '127.0.0.1' });
    return cookieFrom(res.headers['set-cookie'], 'skjold_session')!;
  };
  const status = async (cookie: string) => (await app.inject({ method: 'GET', url: '/api/notice/status', headers: { cookie } })).json();

  it('is due until acknowledged, then again after 2 months; acknowledgements are append-only', async () => {
    const cookie = await login('user1');
    const first = await status(cookie);
    expect(first).toMatchObject({ due: true, version: LOGGING_NOTICE.version, intervalMonths: 2, lastAcknowledgedAt: null });
    expect(first.title).toBe('Dine opslag bliver logget og kontrolleret');
    expect(first.paragraphs.join(' ')).toMatch(/stikprøver/);

    const ack = await app.inject({ method: 'POST', url: '/api/notice/acknowledge', headers: { ...sameOrigin, cookie }, payload: { version: LOGGING_NOTICE.version } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ due: false, nextDueAt: '2026-05-10T09:00:00.000Z' });
    const rows = await t.db.selectFrom('notice_acknowledgement').select(['user_id', 'notice_version']).execute();
    expect(rows).toEqual([{ user_id: 'user1', notice_version: LOGGING_NOTICE.version }]);
    await expect(t.db.deleteFrom('notice_acknowledgement').execute()).rejects.toThrow(/append-only/);

    clock.advance(60 * DAY); // 9 May: not yet two calendar months
    expect((await status(await login('user1'))).due).toBe(false);
    clock.advance(2 * DAY);
    expect((await status(await login('user1'))).due).toBe(true);
  });

  it('refuses an acknowledgement of another version and needs a session', async () => {
    const cookie = await login('user1');
    const stale = await app.inject({ method: 'POST', url: '/api/notice/acknowledge', headers: { ...sameOrigin, cookie }, payload: { version: LOGGING_NOTICE.version + 1 } });
    expect(stale.statusCode).toBe(409);
    expect(await t.db.selectFrom('notice_acknowledgement').select('id').execute()).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/api/notice/status' })).statusCode).toBe(401);
  });

  it('lets security staff set the interval (1–12 months), recorded as config.changed', async () => {
    const employee = await login('user1');
    expect((await app.inject({ method: 'PUT', url: '/api/notice/settings', headers: { ...sameOrigin, cookie: employee }, payload: { intervalMonths: 6 } })).statusCode).toBe(403);
    const security = await login('user2');
    expect((await app.inject({ method: 'PUT', url: '/api/notice/settings', headers: { ...sameOrigin, cookie: security }, payload: { intervalMonths: 13 } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: '/api/notice/settings', headers: { ...sameOrigin, cookie: security }, payload: { intervalMonths: 6 } })).json()).toEqual({ intervalMonths: 6 });
    expect((await status(employee)).intervalMonths).toBe(6);
    const events = await t.db.selectFrom('security_event').select(['type', 'actor_id']).where('type', '=', 'config.changed').execute();
    expect(events).toEqual([{ type: 'config.changed', actor_id: 'user2' }]);
  });

  it('adds calendar months, clamping to the end of a short month', () => {
    expect(addMonths(new Date('2026-12-31T10:00:00Z'), 2).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-01-15T10:00:00Z'), 12).toISOString()).toBe('2027-01-15T10:00:00.000Z');
  });
});
