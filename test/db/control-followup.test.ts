import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseReviewer, closeCase, explainCase, listControlCases, openControlCase, reviewCase, sendReminders, type ControlDeps } from '../../src/modules/control/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { TEST_MUNICIPALITY as M } from '../support/fixtures.ts';
import { append, cpr, rec, seedControlWorld, staff, user } from './control-world.ts';

const NOW = new Date('2026-06-08T10:00:00Z');

describe('follow-up of control cases (CTL-1, CTL-3)', () => {
  let t: TestDb;
  let deps: ControlDeps;
  let clock: Date;
  beforeEach(async () => {
    t = await createTestDb();
    await seedControlWorld(t.db);
    clock = NOW;
    deps = { db: t.db, municipality: M, now: () => clock };
  });
  afterEach(async () => t.drop());

  const openFor = async (employee: string) => {
    const seqs = await append(t.db, [rec(user(employee), '2026-06-02T10:00:00+02:00', { subject: { cpr: cpr.stranger } }), rec(user(employee), '2026-06-02T10:05:00+02:00', { subject: { cpr: cpr.vip } })]);
    return t.db.transaction().execute((trx) => openControlCase(trx, { municipality: M, kind: 'alert', userId: user(employee), records: seqs.map((seq, i) => ({ seq, time: new Date(i === 0 ? '2026-06-02T08:00:00Z' : '2026-06-02T08:05:00Z') })), now: clock }));
  };
  const snapshot = async (id: string) => t.db.selectFrom('control_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('reviewer: the manager; for a manager the next manager up; never the employee; none at the top', async () => {
    expect(await chooseReviewer(t.db, M, staff.anna, NOW)).toBe(staff.leader);
    expect(await chooseReviewer(t.db, M, staff.leader, NOW)).toBe(staff.director);
    expect(await chooseReviewer(t.db, M, staff.director, NOW)).toBeUndefined();
    // A manager who has left is skipped.
    await t.db.updateTable('employee').set({ employed_until: '2026-01-01' }).where('id', '=', staff.leader).execute();
    expect(await chooseReviewer(t.db, M, staff.anna, NOW)).toBe(staff.director);
  });

  it('explain → manager satisfied closes it; alerts of one user join the open case', async () => {
    const first = await openFor(staff.anna);
    const second = await openFor(staff.anna);
    expect(first.created).toBe(true);
    expect(second).toEqual({ caseId: first.caseId, created: false });
    const mine = await listControlCases(deps, { employeeId: staff.anna });
    expect(mine).toHaveLength(1);
    expect(mine[0]!.records).toHaveLength(4);
    expect(JSON.stringify(mine)).not.toContain(cpr.vip);

    const r = await explainCase(deps, { id: staff.anna }, first.caseId, 'Borgeren ringede og bad om hjælp til flytning.');
    expect(r).toEqual({ status: 'awaiting-review', reviewerId: staff.leader });
    expect(await listControlCases(deps, { reviewerId: staff.leader, status: ['awaiting-review'] })).toHaveLength(1);
    await reviewCase(deps, { id: staff.leader }, first.caseId, 'satisfied', null);
    expect(await snapshot(first.caseId)).toMatchObject({ status: 'closed-explained', closed_by: staff.leader });
    const steps = await t.db.selectFrom('control_case_event').select('step').where('case_id', '=', first.caseId).orderBy('id').execute();
    expect(steps.map((s) => s.step)).toEqual(['opened', 'records-added', 'explained', 'reviewed']);
    await expect(t.db.deleteFrom('control_case_event').execute()).rejects.toThrow(/append-only/);
    // A new alert after that opens a new case.
    expect((await openFor(staff.anna)).created).toBe(true);
  });

  it('not satisfied → security closes as misuse with the follow-up noted', async () => {
    const { caseId } = await openFor(staff.bo);
    await explainCase(deps, { id: staff.bo }, caseId, 'Jeg var nysgerrig efter at have set ham i avisen.');
    await expect(reviewCase(deps, { id: staff.leader }, caseId, 'not-satisfied', 'kort')).rejects.toMatchObject({ code: 'invalid', field: 'note' });
    await reviewCase(deps, { id: staff.leader }, caseId, 'not-satisfied', 'Opslaget havde intet sagligt formål.');
    expect((await snapshot(caseId)).status).toBe('awaiting-security');
    await expect(closeCase(deps, { id: staff.security }, caseId, 'misuse', '')).rejects.toMatchObject({ code: 'invalid' });
    await closeCase(deps, { id: staff.security }, caseId, 'misuse', 'Samtale med medarbejder og skriftlig advarsel; HR orienteret.');
    expect(await snapshot(caseId)).toMatchObject({ status: 'closed-misuse', closed_by: staff.security });
  });

  it('bad input is refused clearly and changes nothing: empty explanation, wrong employee, self-review', async () => {
    const { caseId } = await openFor(staff.leader);
    const before = await snapshot(caseId);
    await expect(explainCase(deps, { id: staff.leader }, caseId, '   ')).rejects.toMatchObject({ code: 'invalid', field: 'explanation' });
    await expect(explainCase(deps, { id: staff.anna }, caseId, 'Det var en fejl, undskyld.')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await snapshot(caseId)).toEqual(before);
    await explainCase(deps, { id: staff.leader }, caseId, 'Opslag i forbindelse med klagesag nr. 12.');
    const explained = await snapshot(caseId);
    expect(explained.reviewer_id).toBe(staff.director);
    await expect(reviewCase(deps, { id: staff.leader }, caseId, 'satisfied', null)).rejects.toMatchObject({ code: 'self_review' });
    await expect(reviewCase(deps, { id: staff.anna }, caseId, 'satisfied', null)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(closeCase(deps, { id: staff.security }, caseId, 'explained', 'Lukket uden ledergennemgang')).rejects.toMatchObject({ code: 'wrong_state' });
    expect(await snapshot(caseId)).toEqual(explained);
    await expect(explainCase(deps, { id: staff.leader }, 'no-such-case', 'Forklaring på ti tegn')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reminds after the deadline and escalates to the manager\'s manager and security after a second one', async () => {
    const { caseId } = await openFor(staff.anna);
    expect(await sendReminders(deps, new Date(NOW.getTime() + 6 * 86_400_000))).toEqual({ reminded: 0, escalated: 0 });
    expect(await sendReminders(deps, new Date(NOW.getTime() + 8 * 86_400_000))).toEqual({ reminded: 1, escalated: 0 });
    expect(await sendReminders(deps, new Date(NOW.getTime() + 9 * 86_400_000))).toEqual({ reminded: 0, escalated: 0 });
    expect(await sendReminders(deps, new Date(NOW.getTime() + 15 * 86_400_000))).toEqual({ reminded: 0, escalated: 1 });
    expect(await sendReminders(deps, new Date(NOW.getTime() + 30 * 86_400_000))).toEqual({ reminded: 0, escalated: 0 });
    const notes = await t.db.selectFrom('notification').select(['recipient_user_id', 'recipient_role', 'kind']).orderBy('id').execute();
    expect(notes).toEqual([
      { recipient_user_id: staff.anna, recipient_role: null, kind: 'control-case' },
      { recipient_user_id: staff.anna, recipient_role: null, kind: 'control-reminder' },
      { recipient_user_id: staff.director, recipient_role: null, kind: 'control-escalation' },
      { recipient_user_id: null, recipient_role: 'security', kind: 'control-escalation' },
    ]);
    expect((await snapshot(caseId)).escalated_at).not.toBeNull();
  });
});
