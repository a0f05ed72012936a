import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.ts';
import { createTestDb, onServer, type TestDb } from '../support/db.ts';

const run = promisify(execFile);
const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
const cli = resolve(import.meta.dirname, '../../src/cli/index.ts');

describe('skjold log / skjold systems on the command line', () => {
  let dir: string;
  let t: TestDb | undefined;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skjold-log-cli-'));
    const base: NodeJS.ProcessEnv = { ...process.env, SKJOLD_DATA_DIR: dir, SKJOLD_MODE: 'demo', LOG_LEVEL: 'silent', SKJOLD_MUNICIPALITY: '0336' };
    delete base.DATABASE_URL;
    if (onServer) {
      t = await createTestDb();
      env = { ...base, DATABASE_URL: t.url! };
    } else env = base;
  });
  afterEach(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const skjold = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(tsx, [cli, ...args], { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const withDb = async (fn: (db: Db) => Promise<void>) => {
    const db = onServer ? await openDatabase({ url: t!.url! }) : await openDatabase({ dataDir: dir });
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };

  it('registers a system, ingests a file with one bad line, verifies, and names an altered record', async () => {
    const registered = await skjold('systems', 'register', 'sbsys', '--name', 'SBSYS');
    expect(registered.code).toBe(0);
    expect(registered.stdout).toMatch(/skl_[\w-]{40,}/);
    const file = join(dir, 'records.jsonl');
    const line = (id: string, cpr: string) => JSON.stringify({ id, time: '2026-11-20T09:14:03.120+01:00', system: 'sbsys', user: { id: 'ab1234' }, action: 'view', subject: { cpr } });
    writeFileSync(file, [line('a', '6701901234'), line('b', '6701901234'), line('c', '9999999999'), line('d', '6802901234')].join('\n'));
    const ingested = await skjold('log', 'ingest', file, '--system', 'sbsys');
    expect(ingested.code).toBe(1);
    expect(ingested.stdout).toContain('linje 3 (id c): subject.cpr');
    expect(ingested.stdout).not.toContain('9999999999');
    expect(ingested.stdout.trim().split('\n').pop()).toBe('ingest: accepted 3, duplicates 0, rejected 1');
    expect((await skjold('log', 'ingest', file, '--system', 'unknown')).code).toBe(2);

    const ok = await skjold('log', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('intakt: 3 poster');
    await withDb(async (db) => {
      await db.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`update access_log set user_id = 'someone' where seq = 2`.execute(trx);
      });
    });
    const broken = await skjold('log', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('seq 2');
  }, 300_000); // six CLI processes, each opening (and on PGlite migrating) the database
});
