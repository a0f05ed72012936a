import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySecurityEvents } from '../../src/modules/audit/index.ts';
import { clearLockout, loginWithPassword, MAX_CONSECUTIVE_FAILURES, type IdentityDeps } from '../../src/modules/identity/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, TEST_MUNICIPALITY, TEST_PASSWORD } from '../support/fixtures.ts';

const pc = (n: number) => ({ ip: `10.0.0.${n}`, workstation: `ip:10.0.0.${n}` });
const admin = { id: 'user3', ip: '10.9.9.9', workstation: 'ip:10.9.9.9' };

describe('lockout (AUTH-3, AUTH-4)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  beforeEach(async () => {
    t = await createTestDb();
    deps = identityDeps(t);
    await seedUsers(deps, 8);
    await setMfaPolicy(deps, 'untrusted-network', ['10.0.0.0/8']);
  });
  afterEach(async () => t.drop());

  it('refuses the right password after 5 wrong ones, until an administrator unlocks with a cause', async () => {
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) {
      expect((await loginWithPassword(deps, pc(i + 1), 'user1', 'forkert-kode-123')).status).toBe('failed');
    }
    // A different workstation does not help: the user identity itself is locked.
    expect((await loginWithPassword(deps, pc(50), 'user1', TEST_PASSWORD)).status).toBe('failed');
    expect((await loginWithPassword(deps, pc(51), 'USER1 ', TEST_PASSWORD)).status).toBe('failed');

    expect(await clearLockout(deps, admin, { kind: 'user', key: 'user1' }, 'Brugeren havde glemt caps lock; identitet bekræftet telefonisk')).toBe(true);
    expect((await loginWithPassword(deps, pc(50), 'user1', TEST_PASSWORD)).status).toBe('ok');

    const attempts = await t.db.selectFrom('login_attempt').selectAll().where('username_tried', '=', 'user1').orderBy('id').execute();
    expect(attempts.map((a) => a.reason)).toEqual(['wrong-password', 'wrong-password', 'wrong-password', 'wrong-password', 'wrong-password', 'locked-user', 'locked-user', 'ok']);
    expect(attempts[0]).toMatchObject({ ip: '10.0.0.1', workstation: 'ip:10.0.0.1', factor: 'password', outcome: 'rejected' });
    const events = await t.db.selectFrom('security_event').select(['type', 'details']).orderBy('id').execute();
    expect(events.map((e) => e.type)).toContain('lockout.engaged');
    expect(events.find((e) => e.type === 'lockout.cleared')?.details).toMatchObject({ cause: expect.stringContaining('caps lock') });
    const notices = await t.db.selectFrom('notification').selectAll().execute();
    expect(notices.map((n) => n.recipient_role ?? n.recipient_user_id).sort()).toEqual(['security', 'user1']);
    expect(await verifySecurityEvents(t.db, TEST_MUNICIPALITY)).toMatchObject({ ok: true });
  });

  it('a successful login in between resets the count: only consecutive failures lock', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_CONSECUTIVE_FAILURES - 1; i++) await loginWithPassword(deps, pc(1), 'user1', 'forkert-kode-123');
      expect((await loginWithPassword(deps, pc(1), 'user1', TEST_PASSWORD)).status).toBe('ok');
    }
  });

  it('locks a workstation after 5 rejected attempts across different user identities', async () => {
    for (const user of ['user1', 'user2', 'user3', 'user4', 'nobody-at-all']) {
      expect((await loginWithPassword(deps, pc(7), user, 'forkert-kode-123')).status).toBe('failed');
    }
    // user5 has the right password, but the workstation is locked.
    expect((await loginWithPassword(deps, pc(7), 'user5', TEST_PASSWORD)).status).toBe('failed');
    // From another workstation user5 gets in: neither user5 nor that workstation is locked.
    expect((await loginWithPassword(deps, pc(8), 'user5', TEST_PASSWORD)).status).toBe('ok');
    expect(await clearLockout(deps, admin, { kind: 'workstation', key: 'ip:10.0.0.7' }, 'Vikar tastede forkert; afklaret med teamleder')).toBe(true);
    expect((await loginWithPassword(deps, pc(7), 'user5', TEST_PASSWORD)).status).toBe('ok');
  });

  it('answers a locked or unknown account exactly like a wrong password', async () => {
    const unknown = await loginWithPassword(deps, pc(1), 'findes-ikke', 'forkert-kode-123');
    const wrong = await loginWithPassword(deps, pc(2), 'user1', 'forkert-kode-123');
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) await loginWithPassword(deps, pc(3), 'user2', 'forkert-kode-123');
    const locked = await loginWithPassword(deps, pc(4), 'user2', TEST_PASSWORD);
    expect(unknown).toEqual({ status: 'failed' });
    expect(wrong).toEqual(unknown);
    expect(locked).toEqual(unknown);
    // Unknown identities are locked too, so an attacker cannot tell them apart by the lock.
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) await loginWithPassword(deps, pc(10 + i), 'findes-ikke', 'x');
    const row = await t.db.selectFrom('lockout_counter').selectAll().where('key', '=', 'findes-ikke').executeTakeFirstOrThrow();
    expect(row.locked_at).not.toBeNull();
  });

  it('refuses to unlock what is not locked, and records nothing then', async () => {
    expect(await clearLockout(deps, admin, { kind: 'user', key: 'user1' }, 'ingen grund')).toBe(false);
    const events = await t.db.selectFrom('security_event').select('type').where('type', '=', 'lockout.cleared').execute();
    expect(events).toEqual([]);
  });

  it('throttles a source that keeps failing, escalating, kept in the database', async () => {
    const users = ['user1', 'user2', 'user3', 'user4', 'user5', 'user6', 'user7', 'user8'];
    // Spread over workstations so the workstation lock does not engage first; one source address.
    let n = 0;
    for (let i = 0; i < 11; i++) {
      await loginWithPassword(deps, { ip: '10.1.1.1', workstation: `ws:pc-${n++}` }, users[i % 4]!, 'forkert-kode-123');
    }
    const throttle = await t.db.selectFrom('source_throttle').selectAll().where('source', '=', '10.1.1.1').executeTakeFirstOrThrow();
    expect(throttle.failures).toBe(11);
    expect(throttle.blocked_until).not.toBeNull();
    // While throttled, even a correct password from that source is refused — and not counted against the user.
    expect((await loginWithPassword(deps, { ip: '10.1.1.1', workstation: 'ws:pc-new' }, 'user8', TEST_PASSWORD)).status).toBe('failed');
    const counter = await t.db.selectFrom('lockout_counter').selectAll().where('key', '=', 'user8').executeTakeFirst();
    expect(counter).toBeUndefined();
    const last = await t.db.selectFrom('login_attempt').select('reason').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last.reason).toBe('throttled');
  });
});
