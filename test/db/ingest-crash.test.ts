import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSystem, verifyAccessLog } from '../../src/modules/audit/index.ts';
import { createTestDb, onServer, type TestDb } from '../support/db.ts';
import { TEST_MUNICIPALITY } from '../support/fixtures.ts';

const server = resolve(import.meta.dirname, '../support/ingest-server.ts');
const KEY = Buffer.alloc(32, 9);

if (!onServer) console.info('ingest-crash: skipped on PGlite — a PGlite database cannot be shared by a second process; run the db tier with DATABASE_URL to include it.');

function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, DATABASE_URL: databaseUrl, SKJOLD_SECRET_KEY: KEY.toString('base64'), SKJOLD_MUNICIPALITY: TEST_MUNICIPALITY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('ingest server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`ingest server exited early (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolvePromise({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

describe('ingest survives SIGKILL (LOG-6: acknowledged = committed)', () => {
  let t: TestDb;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t.drop();
  });

  it.skipIf(!onServer)('loses no acknowledged record when the server is killed mid-ingest, and the chain verifies', async () => {
    const { credential } = await registerSystem(t.db, TEST_MUNICIPALITY, 'sbsys', 'SBSYS');
    const started = await startServer(t.url!);
    child = started.child;
    const acknowledged = new Set<string>();
    const unacknowledged: string[][] = [];
    let batchNo = 0;
    let killed = false;
    const sendLoop = async (lane: number) => {
      while (!killed) {
        const ids = Array.from({ length: 250 }, (_, i) => `crash-${lane}-${batchNo}-${i}`);
        batchNo++;
        const body = ids
          .map((id) => JSON.stringify({ id, time: new Date().toISOString(), system: 'sbsys', user: { id: 'ab1234' }, action: 'view', subject: { cpr: '6701901234' } }))
          .join('\n');
        try {
          const res = await fetch(`${started.url}/api/log/records`, { method: 'POST', headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/x-ndjson' }, body });
          const json = (await res.json()) as { accepted: number; rejected: unknown[] };
          if (res.status !== 200 || json.accepted !== ids.length) throw new Error(`unexpected answer ${res.status}`);
          for (const id of ids) acknowledged.add(id);
        } catch (error) {
          if (!killed) throw error;
          unacknowledged.push(ids);
        }
      }
    };
    const lanes = [0, 1, 2].map(sendLoop);
    // Let several batches commit, then kill the process with requests in flight.
    while (acknowledged.size < 5_000) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    child.kill('SIGKILL');
    await Promise.all(lanes);

    const stored = new Set((await t.db.selectFrom('access_log').select('record_id').execute()).map((r) => r.record_id));
    for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
    // A batch in flight at the kill is stored entirely or not at all.
    for (const ids of unacknowledged) expect([0, ids.length]).toContain(ids.filter((id) => stored.has(id)).length);
    expect(await verifyAccessLog(t.db, TEST_MUNICIPALITY, KEY)).toMatchObject({ ok: true, records: stored.size });
  });
});
