import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import { ensureSystem, registerSystem, verifyAccessLog } from '../../src/modules/audit/index.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import { buildTestApp, cookieFrom, sameOrigin } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { TEST_MUNICIPALITY, TEST_PASSWORD, identityDeps, seedUsers, setMfaPolicy } from '../support/fixtures.ts';

const CPR = '6701901234';

function rec(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, time: new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00'), system: 'sbsys', user: { id: 'user1', unit: 'borgerservice' }, action: 'view', subject: { cpr: CPR }, case: { id: 'S-1', kle: '32.06.04', status: 'open' }, ...extra };
}
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe('ingest over HTTP (LOG-6) and log search/export (LOG-3, LOG-5)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  let app: SkjoldApp;
  let credential: string;
  beforeEach(async () => {
    t = await createTestDb();
    deps = identityDeps(t);
    await seedUsers(deps, 2);
    await t.db.updateTable('employee').set({ roles: ['employee', 'security'] }).where('id', '=', 'user2').execute();
    await setMfaPolicy(deps, 'untrusted-network', ['127.0.0.0/8']);
    ({ credential } = await registerSystem(t.db, TEST_MUNICIPALITY, 'sbsys', 'SBSYS'));
    await ensureSystem(t.db, TEST_MUNICIPALITY, 'skjold', 'Skjold');
    app = await buildTestApp(t, deps);
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  const post = (payload: string, type = 'application/x-ndjson', auth: string | undefined = `Bearer ${credential}`) =>
    app.inject({ method: 'POST', url: '/api/log/records', headers: { 'content-type': type, ...(auth ? { authorization: auth } : {}) }, payload });
  const stored = async () => (await t.db.selectFrom('access_log').select('record_id').execute()).map((r) => r.record_id).sort();

  it('accepts JSON Lines and JSON arrays, and is idempotent on (system, id)', async () => {
    const first = await post(lines([rec('a'), rec('b'), rec('c', { subject: undefined, action: 'search', query: 'Jensen, Storegade', resultCount: 14 })]));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const again = await post(JSON.stringify([rec('a'), rec('b'), rec('d')]), 'application/json');
    expect(again.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await stored()).toEqual(['a', 'b', 'c', 'd']);
    expect(await verifyAccessLog(t.db, TEST_MUNICIPALITY, deps.secretKey)).toMatchObject({ ok: true, records: 4 });
  });

  it('stores the valid records of a mixed batch and names each invalid one without echoing personal data', async () => {
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const batch = [
      rec('ok-1'),
      rec('bad-cpr', { subject: { cpr: '3102901234' } }),
      rec('hyphen-cpr', { subject: { cpr: '670190-1234' } }),
      rec('future', { time: future }),
      rec('other-system', { system: 'kmd-nova' }),
      rec('no-user', { user: undefined }),
      rec('bad-action', { action: 'peek' }),
      rec('bad-kle', { case: { kle: '32.6' } }),
      rec('unknown-kle', { case: { kle: '99.01.01' } }),
      rec('no-offset', { time: '2026-01-10T10:00:00' }),
      rec('impossible-date', { time: '2026-02-30T10:00:00+01:00' }),
      rec('neither', { subject: undefined }),
      rec('nul-byte', { purpose: 'a\u0000b' }),
      rec('', {}),
      rec('ok-2', { outcome: 'denied', time: new Date().toISOString() }),
    ];
    const body = `${lines(batch.slice(0, 5))}\n{"id": "broken json\n${lines(batch.slice(5))}`;
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    const result = res.json() as { accepted: number; duplicates: number; rejected: { index: number; id?: string; reason: string }[] };
    expect(result.accepted).toBe(2);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.id ?? `#${r.index}`, r.reason]));
    expect(reasons['bad-cpr']).toMatch(/^subject\.cpr: /);
    expect(reasons['hyphen-cpr']).toMatch(/^subject\.cpr: /);
    expect(reasons['future']).toMatch(/future/);
    expect(reasons['other-system']).toMatch(/^system: /);
    expect(reasons['no-user']).toBe('user: is required');
    expect(reasons['bad-action']).toMatch(/^action: must be one of/);
    expect(reasons['bad-kle']).toMatch(/^case\.kle: /);
    expect(reasons['unknown-kle']).toMatch(/not a known KLE/);
    expect(reasons['no-offset']).toMatch(/^time: /);
    expect(reasons['impossible-date']).toMatch(/^time: /);
    expect(reasons['neither']).toMatch(/subject .* or query/);
    expect(reasons['nul-byte']).toMatch(/^purpose: /);
    expect(reasons['#5']).toBe('is not valid JSON');
    expect(result.rejected.find((r) => r.index === 14)?.reason).toMatch(/^id: /);
    expect(result.rejected).toHaveLength(14);
    expect(res.body).not.toContain(CPR);
    expect(res.body).not.toContain('3102901234');
    expect(await stored()).toEqual(['ok-1', 'ok-2']);
  });

  it('refuses a batch over 10,000 records or 5 MB with 413 and stores nothing', async () => {
    const many = await post(lines(Array.from({ length: 10_001 }, (_, i) => rec(`m-${i}`))));
    expect(many.statusCode).toBe(413);
    expect(many.json().error.message).toMatch(/10\.000 poster/);
    const big = await post(lines(Array.from({ length: 3_000 }, (_, i) => rec(`b-${i}`, { purpose: 'x'.repeat(1900) }))));
    expect(big.statusCode).toBe(413);
    const huge = await post('x'.repeat(25 * 1024 * 1024));
    expect(huge.statusCode).toBe(413);
    expect(await stored()).toEqual([]);
  });

  it('answers a missing, wrong or inactive credential with 401, and bad bodies with 4xx, never 500', async () => {
    for (const auth of ['Bearer skl_wrong', 'Bearer nonsense', 'Bearer ', `Bearer ${credential}x`]) {
      const res = await post(lines([rec('x')]), 'application/x-ndjson', auth);
      expect(res.statusCode, auth).toBe(401);
      expect(res.json().error.code).toBe('invalid_credential');
    }
    for (const auth of ['', `Basic ${credential}`]) {
      const res = await post(lines([rec('x')]), 'application/x-ndjson', auth);
      expect(res.statusCode, auth).toBe(401);
    }
    await t.db.updateTable('log_system').set({ active: false }).where('key', '=', 'sbsys').execute();
    expect((await post(lines([rec('x')]))).statusCode).toBe(401);
    await t.db.updateTable('log_system').set({ active: true }).where('key', '=', 'sbsys').execute();
    expect((await post('{"not": "an array"}', 'application/json')).statusCode).toBe(400);
    expect((await post('[{"id":', 'application/json')).statusCode).toBe(400);
    expect((await post('id=1', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    expect((await post(JSON.stringify([null, 1, 'x', []]), 'application/json')).json().rejected).toHaveLength(4);
    expect(await stored()).toEqual([]);
  });

  it('lets only the security staff search and export, and logs both', async () => {
    await post(lines([rec('a'), rec('b', { subject: { cpr: '6802901234' } })]));
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: sameOrigin, payload: { username, password: TEST_PASSWORD }, remoteAddress: '127.0.0.1' });
      return cookieFrom(res.headers['set-cookie'], 'skjold_session')!;
    };
    const employee = await login('user1');
    const security = await login('user2');
    const search = (cookie: string, body: unknown) => app.inject({ method: 'POST', url: '/api/log/search', headers: { ...sameOrigin, cookie }, payload: body as object });
    expect((await search(employee, { cpr: CPR })).statusCode).toBe(403);
    const res = await search(security, { cpr: CPR });
    expect(res.statusCode).toBe(200);
    expect(res.json().entries).toHaveLength(1);
    expect(res.json().entries[0]).toMatchObject({ id: 'a', system: { name: 'SBSYS' }, user: { name: 'Test Bruger 1' }, unit: { name: 'Borgerservice' } });
    expect((await search(security, { cpr: '67019012' })).statusCode).toBe(400);

    const csv = await app.inject({ method: 'POST', url: '/api/log/export', headers: { ...sameOrigin, cookie: security }, payload: { filters: { system: 'sbsys' }, format: 'csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
    const jsonl = await app.inject({ method: 'POST', url: '/api/log/export', headers: { ...sameOrigin, cookie: security }, payload: { filters: { cpr: CPR, system: 'sbsys' }, format: 'jsonl' } });
    expect(jsonl.body.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a']);

    const own = await t.db.selectFrom('access_log').select(['action', 'user_id', 'subject_cpr', 'query']).where('system', '=', 'skjold').orderBy('seq').execute();
    expect(own.map((r) => [r.action, r.user_id, r.subject_cpr])).toEqual([
      ['search', 'user2', CPR],
      ['export', 'user2', null],
      ['export', 'user2', CPR],
    ]);
    const events = await t.db.selectFrom('security_event').select(['type', 'actor_id']).where('type', '=', 'export').execute();
    expect(events).toHaveLength(2);
    const verify = await app.inject({ method: 'GET', url: '/api/log/verify', headers: { cookie: security } });
    expect(verify.json()).toMatchObject({ ok: true, records: 5 });
  });
});
