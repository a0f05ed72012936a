import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, decideGrant, defaultHiddenCaseTypes, ensureDefaultHiddenCaseTypes, GrantError, grantsCsv, listGrants, loadPolicy, requestGrant, revokeGrant, secondApproveGrant, type GrantDeps } from '../../src/modules/access/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, testClock, TEST_MUNICIPALITY, type TestClock } from '../support/fixtures.ts';

const who = (id: string) => ({ id, ip: '10.0.0.1', workstation: 'ip:10.0.0.1' });
const base = { granteeKind: 'user' as const, granteeId: 'user1', authority: 'municipality', canSearch: true, canEnter: false, canDelete: false, justification: 'Behandler boligstøtte i Borgerservice' };

describe('grant procedure (ACC-1, ACC-7, ACC-8, ACC-10, ACC-12)', () => {
  let t: TestDb;
  let clock: TestClock;
  let deps: GrantDeps;
  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock(new Date('2026-06-01T08:00:00Z'));
    const identity = identityDeps(t, clock);
    await seedUsers(identity, 4); // user1 employee, user2 manager, user3 authorizer, user4 security
    await ensureDefaultHiddenCaseTypes(t.db, TEST_MUNICIPALITY, defaultHiddenCaseTypes);
    deps = { db: t.db, municipality: TEST_MUNICIPALITY, now: clock.now };
  });
  afterEach(async () => t.drop());

  const policyOf = () => loadPolicy(t.db, { municipality: TEST_MUNICIPALITY, userId: 'user1', unitId: 'borgerservice', roles: ['employee'] }, clock.now());

  it('a right is in force only once decided by someone else; revocation stops it on the next request', async () => {
    const id = await requestGrant(deps, who('user2'), { ...base, scope: '32.03', level: 'content' });
    expect(decide(await policyOf(), 'view', { kle: '32.03.12', authority: 'municipality' })).toBe(false);
    await expect(decideGrant(deps, who('user2'), id, true, null)).rejects.toMatchObject({ code: 'self_approval' });
    await decideGrant(deps, who('user3'), id, true, 'Passer til opgaverne');
    expect(decide(await policyOf(), 'view', { kle: '32.03.12', authority: 'municipality' })).toBe(true);
    await expect(decideGrant(deps, who('user3'), id, false, null)).rejects.toMatchObject({ code: 'wrong_state' });

    clock.advance(86_400_000);
    await revokeGrant(deps, who('user2'), id, 'Jobskifte til Jobcenter');
    expect(decide(await policyOf(), 'view', { kle: '32.03.12', authority: 'municipality' })).toBe(false);

    // ACC-7: as it stood on the day in between, and who granted it.
    const thatDay = await listGrants(deps, { view: 'in-force', at: new Date('2026-06-01T12:00:00Z') });
    expect(thatDay).toHaveLength(1);
    expect(thatDay[0]).toMatchObject({ grantee: { name: 'Test Bruger 1' }, scope: '32.03', requestedBy: 'Test Bruger 2', decidedBy: 'Test Bruger 3' });
    expect(await listGrants(deps, { view: 'in-force' })).toHaveLength(0);
    const csv = grantsCsv(thatDay);
    expect(csv.split('\n')[0]).toContain('bevilget_af');
    expect(csv).toContain('"Test Bruger 3"');
    const events = await t.db.selectFrom('security_event').select(['type', 'details']).where('type', '=', 'grant.changed').execute();
    expect(events.map((e) => (e.details as { step: string }).step)).toEqual(['requested', 'approved', 'revoked']);
  });

  it('a hidden case type needs a second approval by a third person (four eyes)', async () => {
    const id = await requestGrant(deps, who('user2'), { ...base, scope: '34.10.30', level: 'content' });
    await decideGrant(deps, who('user3'), id, true, null);
    expect(decide(await policyOf(), 'know', { kle: '34.10.30', authority: 'municipality' })).toBe(false);
    await expect(secondApproveGrant(deps, who('user3'), id)).rejects.toMatchObject({ code: 'same_person' });
    await expect(secondApproveGrant(deps, who('user2'), id)).rejects.toMatchObject({ code: 'same_person' });
    await secondApproveGrant(deps, who('user4'), id);
    expect(decide(await policyOf(), 'view', { kle: '34.10.30', authority: 'municipality' })).toBe(true);
    const pending = await listGrants(deps, { view: 'pending' });
    expect(pending).toHaveLength(0);
  });

  it('another authority needs the second approval too; an ordinary one does not', async () => {
    const committee = await requestGrant(deps, who('user2'), { ...base, scope: '*', authority: 'boern-og-unge-udvalget', level: 'content' });
    const ordinary = await requestGrant(deps, who('user2'), { ...base, scope: '23', level: 'content' });
    const rows = await t.db.selectFrom('access_grant').select(['id', 'needs_second_approval']).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.needs_second_approval]))).toEqual({ [committee]: true, [ordinary]: false });
  });

  it('a time-limited substitute right stops by itself, and may not run longer than the limit', async () => {
    const id = await requestGrant(deps, who('user2'), { ...base, scope: '32.03', level: 'content', validUntil: new Date('2026-06-15T00:00:00Z') });
    await decideGrant(deps, who('user3'), id, true, 'Dækker for kollega under ferie');
    expect(decide(await policyOf(), 'view', { kle: '32.03.12', authority: 'municipality' })).toBe(true);
    clock.advance(15 * 86_400_000);
    expect(decide(await policyOf(), 'view', { kle: '32.03.12', authority: 'municipality' })).toBe(false);
    await expect(requestGrant(deps, who('user2'), { ...base, scope: '32.03', level: 'content', validUntil: new Date('2027-06-15T00:00:00Z') })).rejects.toMatchObject({ code: 'invalid', field: 'validUntil' });
  });

  it('refuses a request without justification, with an unknown KLE or grantee, and stores nothing', async () => {
    const bad = [
      { ...base, scope: '32.03', level: 'content' as const, justification: 'fordi' },
      { ...base, scope: '99.99', level: 'content' as const },
      { ...base, scope: '32.3', level: 'content' as const },
      { ...base, granteeId: 'findes-ikke', scope: '32.03', level: 'content' as const },
    ];
    for (const input of bad) await expect(requestGrant(deps, who('user2'), input)).rejects.toBeInstanceOf(GrantError);
    expect(await t.db.selectFrom('access_grant').select('id').execute()).toHaveLength(0);
    expect(await t.db.selectFrom('security_event').select('id').execute()).toHaveLength(0);
  });
});
