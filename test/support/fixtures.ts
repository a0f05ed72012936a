// A small municipality for db-tier tests: one unit, a few employees with login identities and passwords.
import type { Db } from '../../src/db/index.ts';
import { ensureAccountsForEmployees, provisionPassword, type IdentityDeps } from '../../src/modules/identity/index.ts';

/** The municipality every fixture lives in. */
export const TEST_MUNICIPALITY = '0336';
/** The password every fixture user has. */
export const TEST_PASSWORD = 'Korrekt-hest-batteri-42';

/** A test clock that tests can move forward. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

/** A clock starting now that only moves when told. */
export function testClock(start = new Date()): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

/** Identity deps over a test database with a fixed key and a controllable clock. */
export function identityDeps(db: Db, clock: TestClock = testClock()): IdentityDeps {
  return { db: db.db, municipality: TEST_MUNICIPALITY, secretKey: Buffer.alloc(32, 7), now: clock.now };
}

/** Seeds one unit and `count` employees (user1…userN, roles employee) with accounts and TEST_PASSWORD. */
export async function seedUsers(deps: IdentityDeps, count = 3, options: { roles?: string[] } = {}): Promise<string[]> {
  const db = deps.db;
  await db.insertInto('municipality').values({ code: TEST_MUNICIPALITY, name: 'Stevns' }).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('org_unit').values({ municipality: TEST_MUNICIPALITY, id: 'borgerservice', name: 'Borgerservice', parent_id: null, serves_authority: null }).onConflict((oc) => oc.doNothing()).execute();
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `user${i}`;
    ids.push(id);
    await db
      .insertInto('employee')
      .values({ municipality: TEST_MUNICIPALITY, id, username: id, full_name: `Test Bruger ${i}`, cpr: `6${i % 10}0190${String(1000 + i).slice(-4)}`, unit_id: 'borgerservice', manager_id: null, title: 'Sagsbehandler', roles: options.roles ?? ['employee'], street: 'Testvej 1', postcode: '4660', city: 'Store Heddinge', employed_from: '2020-01-01', employed_until: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await ensureAccountsForEmployees(db, TEST_MUNICIPALITY);
  for (const id of ids) await provisionPassword(deps, id, TEST_PASSWORD, { mustChange: false });
  return ids;
}

/** Sets the MFA policy (default fixture: none needed from 127.0.0.0/8). */
export async function setMfaPolicy(deps: IdentityDeps, policy: 'always' | 'untrusted-network', trusted: string[] = []): Promise<void> {
  await deps.db
    .insertInto('auth_policy')
    .values({ municipality: TEST_MUNICIPALITY, mfa_policy: policy, trusted_networks: trusted })
    .onConflict((oc) => oc.column('municipality').doUpdateSet({ mfa_policy: policy, trusted_networks: trusted }))
    .execute();
}
