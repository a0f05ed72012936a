import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginWithPassword, MAX_CONSECUTIVE_FAILURES, type IdentityDeps } from '../../src/modules/identity/index.ts';
import { createTestDb, onServer, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy } from '../support/fixtures.ts';

const run = promisify(execFile);
const worker = resolve(import.meta.dirname, '../support/burst-worker.ts');
const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');

async function wrongPasswordChecks(t: TestDb): Promise<number> {
  const rows = await t.db.selectFrom('login_attempt').select('reason').where('username_tried', '=', 'user1').execute();
  return rows.filter((r) => r.reason === 'wrong-password').length;
}

describe('lockout under concurrency (AUTH-4)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  beforeEach(async () => {
    t = await createTestDb();
    deps = identityDeps(t);
    await seedUsers(deps, 1);
    await setMfaPolicy(deps, 'untrusted-network', ['10.0.0.0/8']);
  });
  afterEach(async () => t.drop());

  it('lets at most 5 of a parallel burst reach the password check (one process)', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginWithPassword(deps, { ip: `10.3.0.${i}`, workstation: `ws:p-${i}` }, 'user1', 'forkert-kode-123')),
    );
    expect(results.every((r) => r.status === 'failed')).toBe(true);
    expect(await wrongPasswordChecks(t)).toBe(MAX_CONSECUTIVE_FAILURES);
  });

  it.skipIf(!onServer)('lets at most 5 through when 4 Skjold processes burst at one PostgreSQL', async () => {
    const outputs = await Promise.all(
      [1, 2, 3, 4].map((w) => run(tsx, [worker, t.url!, 'user1', 'forkert-kode-123', '15', String(w)], { timeout: 60_000 })),
    );
    const statuses = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
    expect(statuses).toHaveLength(60);
    expect(statuses.every((s) => s === 'failed')).toBe(true);
    expect(await wrongPasswordChecks(t)).toBe(MAX_CONSECUTIVE_FAILURES);
    const locked = await t.db.selectFrom('login_attempt').select('reason').where('reason', '=', 'locked-user').execute();
    expect(locked).toHaveLength(60 - MAX_CONSECUTIVE_FAILURES);
  });
});
