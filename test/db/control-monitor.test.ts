import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  addToWatchlist, approveRule, dryRunRule, explainRange, listAlerts, parseRuleDefinition, proposeRule, rerunMonitoring, resolveRule, runMonitoring, SHIPPED_RULES, startMonitor,
} from '../../src/modules/control/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { TEST_MUNICIPALITY as M } from '../support/fixtures.ts';
import { append, cpr, rec, seedControlWorld, staff, user } from './control-world.ts';

// Tuesday 2 June 2026, 10:00 in Copenhagen (08:00Z): within opening hours.
const DAY = '2026-06-02';
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00+02:00`;
const NOW = new Date('2026-06-08T12:00:00Z');

describe('monitoring: explanations and shipped rules (CTL-2)', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
    await seedControlWorld(t.db);
    // History: the log covers 100 days back; the active users looked something up 10 days ago, "sleepy" 90 days ago.
    await append(t.db, [
      rec(user(staff.leader), '2026-02-20T09:00:00+01:00', { subject: { cpr: cpr.client } }),
      rec(user(staff.dormant), '2026-03-04T09:00:00+01:00', { subject: { cpr: cpr.client } }),
      ...[staff.anna, staff.bo, staff.bfWorker, staff.leader].map((e) => rec(user(e), '2026-05-22T09:00:00+02:00', { subject: { cpr: cpr.client } })),
      rec(user(staff.bfWorker), '2026-05-22T09:05:00+02:00', { subject: { cpr: cpr.clientChild }, case: { id: 'S6', kle: '34.10.30', status: 'open' } }),
    ]);
    await runMonitoring(t.db, M, { now: NOW });
    await t.db.deleteFrom('alert').execute();
  });
  afterEach(async () => t.drop());

  it('each shipped rule fires on its scenario and not on normal explained lookups', async () => {
    await addToWatchlist({ db: t.db, municipality: M, now: () => NOW }, staff.security, cpr.vip, 'Kendt person');
    const anna = user(staff.anna);
    const bo = user(staff.bo);
    const scenario: Record<string, Parameters<typeof rec>[]> = {
      normal: [
        [anna, at('10:00'), { subject: { cpr: cpr.client }, case: { id: 'S1', kle: '23.05.10', status: 'open' } }],
        [anna, at('10:01'), { subject: { cpr: cpr.clientChild } }],
        [user(staff.bfWorker), at('10:02'), { subject: { cpr: cpr.clientChild }, case: { id: 'S6', kle: '34.10.30', status: 'open' } }],
        [anna, at('10:03'), { subject: { cpr: cpr.moved } }],
        [anna, at('10:04'), { subject: { cpr: cpr.deceased } }],
        [anna, at('10:05'), { action: 'search', query: 'Hansen', resultCount: 30 }],
        [anna, at('10:06'), { subject: { cpr: cpr.client } }],
      ],
      watchlist: [[anna, at('10:10'), { subject: { cpr: cpr.vip } }]],
      'outside-hours': [[bo, '2026-06-06T22:00:00+02:00', { subject: { cpr: cpr.stranger } }], [bo, at('10:00', '2026-06-05'), { subject: { cpr: cpr.stranger } }]],
      'closed-sensitive-case': [[bo, at('10:20'), { subject: { cpr: cpr.closed }, case: { id: 'S2', kle: '34.10.30', status: 'closed' } }]],
      'other-municipality': [[user(staff.bfWorker), at('10:21'), { subject: { cpr: cpr.moved } }]],
      self: [[anna, at('10:22'), { subject: { cpr: cpr.anna } }]],
      family: [[anna, at('10:23'), { subject: { cpr: cpr.annaSpouse }, case: { id: 'S5', kle: '23.05.10', status: 'open' } }]],
      coworker: [[anna, at('10:24'), { subject: { cpr: cpr.bo } }]],
      neighbour: [[anna, at('10:25'), { subject: { cpr: cpr.neighbour } }]],
      'protected-or-deceased': [[bo, at('10:26'), { subject: { cpr: cpr.protectedP } }], [user(staff.bfWorker), at('10:27'), { subject: { cpr: cpr.deceased } }]],
      fishing: [[bo, at('10:45'), { action: 'search', query: 'Ha*', resultCount: 50 }]],
      'departed-account': [[user(staff.departed), at('10:29'), { subject: { cpr: cpr.client } }]],
      'dormant-account': [[user(staff.dormant), at('10:30'), { subject: { cpr: cpr.client } }]],
      'first-sensitive': [[user(staff.director), at('10:31'), { subject: { cpr: cpr.clientChild }, case: { id: 'S6', kle: '34.10.30', status: 'open' } }]],
    };
    const seqs: Record<string, number[]> = {};
    for (const [name, records] of Object.entries(scenario)) seqs[name] = await append(t.db, records.map((r) => rec(...r)));
    const result = await runMonitoring(t.db, M, { now: NOW });
    expect(result.ran).toBe(true);

    const alerts = await listAlerts(t.db, M);
    const fired = (rule: string) => alerts.filter((a) => a.rule === rule).flatMap((a) => a.logSeqs);
    for (const { key } of SHIPPED_RULES) {
      if (key === 'volume') continue; // below: needs many persons
      const expected = seqs[key]!;
      for (const s of expected) expect(fired(key), `${key} fires on its scenario`).toContain(s);
    }
    expect(fired('neighbour')).not.toContain(seqs.normal![0]);
    const flaggedNormal = alerts.flatMap((a) => a.logSeqs).filter((s) => seqs.normal!.includes(s));
    expect(flaggedNormal, 'normal explained lookups raise nothing').toEqual([]);
    // Every alert reason is plain Danish, and the user's alerts are grouped into one case.
    expect(alerts.find((a) => a.rule === 'watchlist')!.reason).toBe('Opslag på en person på overvågningslisten');
    const annaCases = new Set(alerts.filter((a) => a.userId === anna).map((a) => a.controlCaseId));
    expect(annaCases.size).toBe(1);
    const cases = await t.db.selectFrom('control_case').selectAll().where('user_id', '=', anna).execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ kind: 'alert', status: 'awaiting-explanation', employee_id: staff.anna });

    // Explanations were stored with a Danish detail.
    const ex = await t.db.selectFrom('lookup_explanation').selectAll().where('log_seq', 'in', seqs.normal!.filter((_, i) => i !== 5)).orderBy('log_seq').execute();
    expect(ex.map((e) => e.kind)).toEqual(['case-assigned', 'case-family', 'case-assigned', 'case-unit', 'case-unit', 'case-assigned']);
    expect(ex[0]!.detail).toContain('sagsbehandler på sag');

    // A re-run over the period adds no alert and no case record twice.
    const countAlerts = async () => Number((await sql<{ n: number }>`select count(*)::int as n from alert`.execute(t.db)).rows[0]!.n);
    const countRecords = async () => Number((await sql<{ n: number }>`select count(*)::int as n from control_case_record`.execute(t.db)).rows[0]!.n);
    const before = [await countAlerts(), await countRecords()];
    await rerunMonitoring(t.db, M, { from: new Date('2026-06-01T00:00:00Z'), to: NOW }, { now: NOW, chunk: 7 });
    expect([await countAlerts(), await countRecords()]).toEqual(before);
  });

  it('the volume rule fires on many distinct persons compared with the normal of the user and peers', async () => {
    const rule = resolveRule('volume-test', 1, parseRuleDefinition({ kind: 'volume', distinctPersons: 4, windowMinutes: 60, peerFactor: 1 }));
    const persons = [cpr.stranger, cpr.neighbour, cpr.farStreet, cpr.vip, cpr.protectedP];
    const bo = await append(t.db, persons.map((p, i) => rec(user(staff.bo), at(`11:${String(10 + i).padStart(2, '0')}`), { subject: { cpr: p } })));
    const normal = await append(t.db, [rec(user(staff.anna), at('11:00'), { subject: { cpr: cpr.client } }), rec(user(staff.anna), at('11:05'), { subject: { cpr: cpr.stranger } })]);
    await runMonitoring(t.db, M, { now: NOW, rules: [rule] });
    const alerts = await listAlerts(t.db, M);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'volume-test', userId: user(staff.bo), severity: 'high' });
    expect(alerts[0]!.logSeqs).toEqual(bo);
    expect(alerts[0]!.logSeqs).not.toContain(normal[0]);
  });

  it('explanations are computed set-based for a whole range in one statement', async () => {
    const records = Array.from({ length: 200 }, (_, i) => rec(user(staff.anna), at('12:00'), { id: `bulk-${i}`, subject: { cpr: i % 2 ? cpr.client : cpr.stranger } }));
    const seqs = await append(t.db, records);
    const stored = await explainRange(t.db, M, seqs[0]!, seqs[seqs.length - 1]!);
    expect(stored).toBe(100);
    expect(await explainRange(t.db, M, seqs[0]!, seqs[seqs.length - 1]!)).toBe(0);
  });

  it('four eyes on rule changes; a rule matching everything and an unparsable rule are refused; dry run', async () => {
    const deps = { db: t.db, municipality: M, now: () => NOW };
    await append(t.db, [rec(user(staff.anna), at('10:00'), { subject: { cpr: cpr.client } }), rec(user(staff.bo), '2026-06-06T22:00:00+02:00', { subject: { cpr: cpr.stranger } })]);
    await runMonitoring(t.db, M, { now: NOW });
    await expect(proposeRule(deps, staff.security, 'bad', { kind: 'telepathy' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(proposeRule(deps, staff.security, 'bad', { kind: 'volume', distinctPersons: 'many' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(proposeRule(deps, staff.security, 'Bad Key', { kind: 'self' })).rejects.toMatchObject({ code: 'invalid', field: 'key' });
    expect(await t.db.selectFrom('monitoring_rule').select('key').where('status', '=', 'proposed').execute()).toHaveLength(0);

    // Everything is "outside hours" when no day has opening hours and no grace: refused on activation.
    const all = await proposeRule(deps, staff.security, 'outside-hours', { kind: 'outside-hours', graceMinutes: 0, defaultHours: {} });
    expect(all.version).toBe(2);
    await expect(approveRule(deps, staff.security, 'outside-hours', all.version)).rejects.toMatchObject({ code: 'self_approval' });
    await expect(approveRule(deps, staff.leader, 'outside-hours', all.version)).rejects.toMatchObject({ code: 'matches_everything' });
    const active = await t.db.selectFrom('monitoring_rule').select(['version', 'status']).where('key', '=', 'outside-hours').orderBy('version').execute();
    expect(active).toEqual([{ version: 1, status: 'active' }, { version: 2, status: 'proposed' }]);

    const dry = await dryRunRule(deps, 'outside-hours', 30, 1);
    expect(dry.flagged).toBeGreaterThanOrEqual(1);
    expect(dry.share).toBeLessThan(0.5);
    expect(dry.alerts.some((a) => a.userId === user(staff.bo))).toBe(true);

    await t.db.deleteFrom('monitoring_rule').where('key', '=', 'outside-hours').where('version', '=', 2).execute();
    const narrower = await proposeRule(deps, staff.security, 'outside-hours', { kind: 'outside-hours', graceMinutes: 60 });
    await approveRule(deps, staff.leader, 'outside-hours', narrower.version, 'Flekstid');
    const after = await t.db.selectFrom('monitoring_rule').select(['version', 'status', 'approved_by']).where('key', '=', 'outside-hours').orderBy('version').execute();
    expect(after).toEqual([{ version: 1, status: 'retired', approved_by: 'skjold:installation' }, { version: narrower.version, status: 'active', approved_by: staff.leader }]);
  });

  it('startMonitor picks up new records within a poll, and two monitors never process a range twice', async () => {
    const logger = { info: () => undefined, error: (o: object) => console.error(JSON.stringify(o)) };
    const a = startMonitor({ db: t.db, municipalities: [M], pollMs: 20, now: () => NOW, logger });
    const b = startMonitor({ db: t.db, municipalities: [M], pollMs: 20, now: () => NOW, logger });
    let seq: number | undefined;
    try {
      [seq] = await append(t.db, [rec(user(staff.anna), at('10:10'), { subject: { cpr: cpr.anna } })]);
      const deadline = Date.now() + 10_000;
      let alerts = await listAlerts(t.db, M);
      while (alerts.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        alerts = await listAlerts(t.db, M);
      }
      expect(alerts.map((x) => x.rule)).toEqual(['self']);
    } finally {
      await a.stop();
      await b.stop();
    }
    const records = await t.db.selectFrom('control_case_record').select('log_seq').where('log_seq', '=', seq!).execute();
    expect(records).toHaveLength(1);
  });
});
