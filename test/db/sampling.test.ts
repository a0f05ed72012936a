import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import { appendAccessRecords, type AccessRecord } from '../../src/modules/audit/index.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import {
  addDays,
  danishDate,
  danishMidnight,
  drawNextDate,
  drawSample,
  pickIndices,
  replaySample,
  sampleWindow,
  SamplingError,
  seededRandom,
  type SamplingDeps,
} from '../../src/modules/sampling/index.ts';
import { buildTestApp, cookieFrom, sameOrigin } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, TEST_MUNICIPALITY as M, TEST_PASSWORD, testClock } from '../support/fixtures.ts';

const H = 3600_000;

describe('random sampling of the log (CTL-1)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  let sampling: SamplingDeps;
  let today: string;

  beforeEach(async () => {
    t = await createTestDb();
    deps = identityDeps(t, testClock());
    sampling = { db: t.db, municipality: M, now: deps.now };
    await seedUsers(deps, 4);
    await t.db.insertInto('org_unit').values([
      { municipality: M, id: 'jobcenter', name: 'Jobcenter', parent_id: null, serves_authority: null },
      { municipality: M, id: 'tom-enhed', name: 'Tom enhed', parent_id: null, serves_authority: null },
    ]).execute();
    await t.db.updateTable('employee').set({ unit_id: 'jobcenter' }).where('id', '=', 'user3').execute();
    await t.db.updateTable('employee').set({ roles: ['security'] }).where('id', '=', 'user4').execute();
    today = danishDate(deps.now());
    // user1 and user2: 4 lookups on each of the three days before today; plus lookups outside the window.
    const records: AccessRecord[] = [];
    for (const user of ['user1', 'user2']) {
      for (let day = 1; day <= 3; day++) {
        for (let i = 0; i < 4; i++) {
          records.push({ id: `${user}-${day}-${i}`, time: new Date(danishMidnight(addDays(today, -day)).getTime() + (8 + i) * H), system: 'skjold', user: { id: user, unit: 'borgerservice' }, action: 'view', subject: { cpr: `670190${1000 + i}` } });
        }
      }
      records.push({ id: `${user}-old`, time: new Date(danishMidnight(addDays(today, -4)).getTime() + 12 * H), system: 'skjold', user: { id: user }, action: 'view', subject: { cpr: '6701909999' } });
      records.push({ id: `${user}-today`, time: new Date(danishMidnight(today).getTime() + 60_000), system: 'skjold', user: { id: user }, action: 'view', subject: { cpr: '6701909998' } });
    }
    await appendAccessRecords(t.db, M, records);
  });
  afterEach(async () => t.drop());

  const count = async (table: 'control_case' | 'control_case_record' | 'sample_draw') => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);

  it('takes 5–6 lookups per employee from the three days before, opens a sample case for each, records the seed', async () => {
    const sample = await drawSample(sampling, { actorId: 'user4', trigger: 'manual', targets: { kind: 'units', ids: ['borgerservice'] }, employeesPerSample: 5 });
    expect(sample.selection.map((s) => s.userId)).toEqual(['user1', 'user2']); // only those with lookups are eligible
    expect(sample.poolSize).toBe(2);
    expect(sample.seed).toMatch(/^[0-9a-f]{64}$/);
    const window = sampleWindow(today);
    for (const s of sample.selection) {
      expect([5, 6]).toContain(s.records.length);
      expect(new Set(s.records.map((r) => r.seq)).size).toBe(s.records.length);
      for (const r of s.records) {
        expect(new Date(r.time).getTime()).toBeGreaterThanOrEqual(window.from.getTime());
        expect(new Date(r.time).getTime()).toBeLessThan(window.to.getTime());
      }
    }
    const cases = await t.db.selectFrom('control_case').select(['id', 'kind', 'user_id', 'employee_id', 'status']).orderBy('id').execute();
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(cases).toEqual(sample.selection.map((s) => ({ id: s.caseId, kind: 'sample', user_id: s.userId, employee_id: s.userId, status: 'awaiting-explanation' })).sort(byId));
    const covered = await t.db.selectFrom('control_case_record').select(['case_id', 'log_seq']).execute();
    expect(covered).toHaveLength(sample.selection.reduce((n, s) => n + s.records.length, 0));
    // The covered records really are that employee's.
    const owners = await t.db.selectFrom('access_log').select(['seq', 'user_id']).where('seq', 'in', covered.map((c) => c.log_seq)).execute();
    const caseUser = new Map(sample.selection.map((s) => [s.caseId, s.userId]));
    for (const c of covered) expect(owners.find((o) => Number(o.seq) === Number(c.log_seq))!.user_id).toBe(caseUser.get(c.case_id));
  });

  it('is reproducible from the recorded seed, yet a new draw gets a new seed', async () => {
    const first = await drawSample(sampling, { actorId: 'user4', trigger: 'manual', employeesPerSample: 1 });
    // Records arriving later (a late ingest into the window) do not change the replay: the log bound is recorded.
    await appendAccessRecords(t.db, M, [{ id: 'late', time: new Date(danishMidnight(addDays(today, -2)).getTime() + 13 * H), system: 'skjold', user: { id: 'user1' }, action: 'view', subject: { cpr: '6701901234' } }]);
    const replay = await replaySample(t.db, M, first.id);
    expect(replay?.matches).toBe(true);
    expect(replay?.selection).toEqual(first.selection.map((s) => ({ userId: s.userId, seqs: s.records.map((r) => r.seq) })));
    const seeds = new Set([first.seed]);
    for (let i = 0; i < 5; i++) seeds.add((await drawSample(sampling, { actorId: 'user4', trigger: 'manual', employeesPerSample: 1 })).seed);
    expect(seeds.size).toBe(6);
    // Same seed → same choices; another seed → (almost surely) others.
    const a = pickIndices(seededRandom('ab'.repeat(32), 'x'), 100, 6);
    expect(pickIndices(seededRandom('ab'.repeat(32), 'x'), 100, 6)).toEqual(a);
    expect(pickIndices(seededRandom('cd'.repeat(32), 'x'), 100, 6)).not.toEqual(a);
  });

  it('refuses a sample for an empty unit or a unit without lookups, with a reason, storing nothing', async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof SamplingError ? e.code : String(e)));
    expect(await refusal(drawSample(sampling, { actorId: 'user4', trigger: 'manual', targets: { kind: 'units', ids: ['tom-enhed'] } }))).toBe('empty_unit');
    expect(await refusal(drawSample(sampling, { actorId: 'user4', trigger: 'manual', targets: { kind: 'units', ids: ['jobcenter'] } }))).toBe('no_lookups');
    expect(await refusal(drawSample(sampling, { actorId: 'user4', trigger: 'manual', targets: { kind: 'units', ids: ['findes-ikke'] } }))).toBe('unknown_target');
    expect(await refusal(drawSample(sampling, { actorId: 'user4', trigger: 'manual', sampleDate: addDays(today, 1) }))).toBe('invalid_date');
    expect(await count('control_case')).toBe(0);
    expect(await count('sample_draw')).toBe(0);
  });

  it('keeps draws append-only', async () => {
    const sample = await drawSample(sampling, { actorId: 'user4', trigger: 'manual' });
    await expect(t.db.updateTable('sample_draw').set({ seed: '0'.repeat(64) }).where('id', '=', sample.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('sample_draw').where('id', '=', sample.id).execute()).rejects.toThrow(/append-only/);
  });

  it('draws next dates uniformly within the window, never beyond it', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const next = drawNextDate('2026-01-01', 1, 180);
      expect(next > '2026-01-01' && next <= addDays('2026-01-01', 180)).toBe(true);
      seen.add(next);
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  describe('routes (security staff only)', () => {
    let app: SkjoldApp;
    beforeEach(async () => {
      await setMfaPolicy(deps, 'untrusted-network', ['127.0.0.0/8']);
      app = await buildTestApp(t, deps);
    });
    afterEach(async () => app.close());
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: sameOrigin, payload: { username, password: TEST_PASSWORD }, remoteAddress: '127.0.0.1' });
      return cookieFrom(res.headers['set-cookie'], 'skjold_session')!;
    };

    it('hides the schedule and samples from everyone but security staff', async () => {
      const employee = await login('user1');
      for (const [method, url] of [['GET', '/api/sampling/schedule'], ['GET', '/api/sampling/samples'], ['POST', '/api/sampling/samples'], ['PUT', '/api/sampling/schedule']] as const) {
        const res = method === 'GET' ? await app.inject({ method, url, headers: { cookie: employee } }) : await app.inject({ method, url, headers: { ...sameOrigin, cookie: employee }, payload: {} });
        expect(res.statusCode, url).toBe(403);
      }
      expect((await app.inject({ method: 'GET', url: '/api/sampling/schedule' })).statusCode).toBe(401);
    });

    it('configures the schedule, draws now, lists and replays; refuses an empty unit with 422', async () => {
      const security = await login('user4');
      const initial = (await app.inject({ method: 'GET', url: '/api/sampling/schedule', headers: { cookie: security } })).json();
      expect(initial).toMatchObject({ configured: false, maxIntervalDays: 180, nextSampleDate: null });
      const tooLong = await app.inject({ method: 'PUT', url: '/api/sampling/schedule', headers: { ...sameOrigin, cookie: security }, payload: { enabled: true, minIntervalDays: 1, maxIntervalDays: 200, targets: { kind: 'all', ids: [] }, employeesPerSample: 2 } });
      expect(tooLong.statusCode).toBe(400);
      const set = await app.inject({ method: 'PUT', url: '/api/sampling/schedule', headers: { ...sameOrigin, cookie: security }, payload: { enabled: true, minIntervalDays: 1, maxIntervalDays: 180, targets: { kind: 'units', ids: ['borgerservice'] }, employeesPerSample: 2 } });
      expect(set.statusCode, set.body).toBe(200);
      const schedule = set.json();
      expect(schedule.nextSampleDate > today && schedule.nextSampleDate <= addDays(today, 180)).toBe(true);
      const events = await t.db.selectFrom('security_event').select(['type', 'details']).where('type', '=', 'config.changed').execute();
      expect(JSON.stringify(events)).not.toContain(schedule.nextSampleDate);

      const empty = await app.inject({ method: 'POST', url: '/api/sampling/samples', headers: { ...sameOrigin, cookie: security }, payload: { targets: { kind: 'units', ids: ['tom-enhed'] } } });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().error).toMatchObject({ code: 'empty_unit' });
      expect(empty.json().error.message).toMatch(/ingen medarbejdere/);

      const drawn = await app.inject({ method: 'POST', url: '/api/sampling/samples', headers: { ...sameOrigin, cookie: security }, payload: {} });
      expect(drawn.statusCode).toBe(201);
      const sample = drawn.json();
      expect(sample.selection).toHaveLength(2);
      const after = (await app.inject({ method: 'GET', url: '/api/sampling/schedule', headers: { cookie: security } })).json();
      expect(after.lastSampleDate).toBe(today);
      expect(after.nextSampleDate > today).toBe(true);
      const list = (await app.inject({ method: 'GET', url: '/api/sampling/samples', headers: { cookie: security } })).json();
      expect(list.samples.map((s: { id: string }) => s.id)).toEqual([sample.id]);
      const one = (await app.inject({ method: 'GET', url: `/api/sampling/samples/${sample.id}`, headers: { cookie: security } })).json();
      expect(one.replayMatches).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/api/sampling/samples/SP-nope', headers: { cookie: security } })).statusCode).toBe(404);
    });
  });
});
