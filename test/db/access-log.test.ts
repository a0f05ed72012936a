import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAccessRecords,
  accessLogMaintenance,
  applyRetention,
  ensureSystem,
  searchAccessLog,
  searchAccessLogLogged,
  setRetention,
  approveRetention,
  getRetention,
  verifyAccessLog,
  writeCheckpoint,
  type AccessRecord,
} from '../../src/modules/audit/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { TEST_MUNICIPALITY, identityDeps, seedUsers } from '../support/fixtures.ts';

const KEY = Buffer.alloc(32, 7);
const M = TEST_MUNICIPALITY;

function record(i: number, time: Date, extra: Partial<AccessRecord> = {}): AccessRecord {
  return { id: `r-${i}`, time, system: 'sbsys', user: { id: 'user1', unit: 'borgerservice' }, action: 'view', subject: { cpr: '6701901234' }, case: { id: 'S-1', kle: '32.06.04' }, ...extra };
}

async function append(t: TestDb, records: AccessRecord[], now?: Date) {
  return t.db.transaction().execute((trx) => appendAccessRecords(trx, M, records, { ...(now ? { now: () => now } : {}), checkpoint: { key: KEY, every: 5 } }));
}

/** Runs statements with the append-only triggers off, as a superuser tampering with the table would. */
async function tamper(t: TestDb, statement: string): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql.raw(statement).execute(trx);
  });
}

describe('access log: chain, append-only, verify, retention (LOG-1, LOG-2, LOG-4)', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it('stores records once per (system, id), chained in seq order, with periodic signed checkpoints', async () => {
    const now = new Date();
    const first = await append(t, [record(1, now), record(2, now), record(2, now), record(3, now)]);
    expect(first).toMatchObject({ stored: 3, duplicates: 1, status: ['stored', 'stored', 'duplicate', 'stored'], lastSeq: 3 });
    const again = await append(t, [record(1, now), record(4, now), record(5, now), record(6, now)]);
    expect(again).toMatchObject({ stored: 3, duplicates: 1, lastSeq: 6 });
    const rows = await t.db.selectFrom('access_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const checkpoints = await t.db.selectFrom('access_log_checkpoint').selectAll().execute();
    expect(checkpoints.map((c) => [c.kind, Number(c.seq)])).toEqual([['periodic', 6]]);
    expect(await verifyAccessLog(t.db, M, KEY)).toEqual({ ok: true, records: 6, checkpoints: 1, lastSeq: 6 });
  });

  it('stores awkward strings exactly as hashed (quotes, backslashes, braces, NULL, unicode)', async () => {
    const odd = ['NULL', '{a,"b"}', 'back\\slash \\"', 'linje\nskift\ttab', 'ÆØÅ æøå 😀', ' ', "o'brien", '\u2028'];
    await append(t, odd.map((text, i) => record(i + 1, new Date(), { subject: null, query: text, purpose: text, workstation: text })));
    const rows = await t.db.selectFrom('access_log').select(['query', 'purpose', 'workstation']).orderBy('seq').execute();
    expect(rows.map((r) => r.query)).toEqual(odd);
    expect(rows.map((r) => r.purpose)).toEqual(odd);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: true, records: odd.length });
  });

  it('creates monthly partitions on demand', async () => {
    await append(t, [record(1, new Date('2025-03-15T10:00:00Z')), record(2, new Date('2026-01-31T23:59:59Z')), record(3, new Date())]);
    const { rows } = await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'access_log'::regclass order by 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['access_log_p202503', 'access_log_p202601']));
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log, its keys and its checkpoints', async () => {
    await append(t, [1, 2, 3, 4, 5].map((i) => record(i, new Date())));
    const statements = [
      `update access_log set user_id = 'x'`,
      `delete from access_log`,
      `truncate access_log`,
      `update access_log_key set seq = 0`,
      `delete from access_log_key`,
      `truncate access_log_key`,
      `delete from access_log_checkpoint`,
      `update access_log_checkpoint set hash = 'x'`,
    ];
    const { rows } = await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'access_log'::regclass`.execute(t.db);
    for (const r of rows) statements.push(`delete from ${r.name}`, `truncate ${r.name}`);
    for (const statement of statements) {
      await expect(sql.raw(statement).execute(t.db), statement).rejects.toThrow(/append-only/);
    }
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: true, records: 5 });
  });

  it('names exactly the altered record, and a record deleted behind the triggers', async () => {
    await append(t, Array.from({ length: 12 }, (_, i) => record(i + 1, new Date())));
    await tamper(t, `update access_log set user_id = 'someone-else' where seq = 7`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: false, firstBrokenSeq: 7 });
    await tamper(t, `update access_log set user_id = 'user1' where seq = 7`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: true });
    await tamper(t, `delete from access_log where seq = 4`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('detects a removed tail, and a forged or removed checkpoint', async () => {
    await append(t, Array.from({ length: 6 }, (_, i) => record(i + 1, new Date())));
    await append(t, Array.from({ length: 6 }, (_, i) => record(i + 7, new Date())));
    const cps = await t.db.selectFrom('access_log_checkpoint').select(['id', 'seq']).orderBy('id').execute();
    expect(cps.map((c) => Number(c.seq))).toEqual([6, 12]);
    await tamper(t, `update access_log_checkpoint set hash = repeat('a', 64) where id = ${cps[0]!.id}`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: false, brokenCheckpoint: Number(cps[0]!.id) });
    await tamper(t, `delete from access_log_checkpoint where id = ${cps[0]!.id}`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: false, brokenCheckpoint: Number(cps[1]!.id) });
  });

  it('detects records removed after a checkpoint even when the head was rewound too', async () => {
    await append(t, Array.from({ length: 12 }, (_, i) => record(i + 1, new Date())));
    await tamper(t, `delete from access_log where seq >= 9`);
    await tamper(t, `update access_log_head set seq = 8, hash = (select hash from access_log where seq = 8)`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: false, firstBrokenSeq: 9 });
  });

  it('drops expired monthly partitions, keeps late records of newer months, and still verifies', async () => {
    const now = new Date();
    const old = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 9, 10));
    const older = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 8, 10));
    // Interleaved: records of an expired month arrive after records of a kept month (late delivery).
    await append(t, [record(1, old), record(2, old), record(3, now), record(4, old), record(5, older), record(6, now), record(7, old)], now);
    await append(t, [record(8, now), record(9, now)], now);
    await writeCheckpoint(t.db, M, KEY, { kind: 'manual' });
    const result = await applyRetention({ db: t.db, secretKey: KEY, now: () => now });
    expect(result.dropped.map((d) => d.partition).sort()).toHaveLength(2);
    const left = await t.db.selectFrom('access_log').select('seq').orderBy('seq').execute();
    expect(left.map((r) => Number(r.seq))).toEqual([3, 6, 8, 9]);
    expect(await t.db.selectFrom('access_log_key').select('record_id').execute()).toHaveLength(4);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: true, records: 4, lastSeq: 9 });
    // A later alteration is still found at its seq.
    await tamper(t, `update access_log set purpose = 'x' where seq = 6`);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: false, firstBrokenSeq: 6 });
  });

  it('maintenance creates the coming partitions and checkpoints chains that grew without one', async () => {
    const now = new Date();
    await t.db.transaction().execute((trx) => appendAccessRecords(trx, M, [record(1, now), record(2, now)]));
    await accessLogMaintenance({ db: t.db, secretKey: KEY, now: () => now });
    const cps = await t.db.selectFrom('access_log_checkpoint').select(['kind', 'seq']).execute();
    expect(cps.map((c) => [c.kind, Number(c.seq)])).toEqual([['periodic', 2]]);
    await accessLogMaintenance({ db: t.db, secretKey: KEY, now: () => now });
    expect(await t.db.selectFrom('access_log_checkpoint').select('id').execute()).toHaveLength(1);
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const name = `access_log_p${next.getUTCFullYear()}${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
    const { rows } = await sql<{ r: string | null }>`select to_regclass(${name})::text as r`.execute(t.db);
    expect(rows[0]!.r).toBe(name);
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('keeps partitions the municipality retains longer, with a recorded reason', async () => {
    const now = new Date();
    const old = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 9, 10));
    await append(t, [record(1, old), record(2, now)], now);
    await expect(setRetention(t.db, M, 12, null, 'user1')).rejects.toThrow(/begrundelse/);
    const proposal = await setRetention(t.db, M, 12, 'Tilsynssag kræver 12 måneders log', 'user1');
    // Not in force until a second person approves it (four eyes); the proposer cannot.
    expect((await getRetention(t.db, M)).months).toBe(6);
    await expect(approveRetention(t.db, M, proposal.id!, 'user1')).rejects.toThrow(/fire øjne/);
    await approveRetention(t.db, M, proposal.id!, 'user2');
    expect((await getRetention(t.db, M)).months).toBe(12);
    expect((await applyRetention({ db: t.db, secretKey: KEY, now: () => now })).dropped).toEqual([]);
    expect(await t.db.selectFrom('access_log').select('seq').execute()).toHaveLength(2);
  });

  it('searches by person, decodes codes to names, pages newest first, and logs the search itself', async () => {
    const deps = identityDeps(t);
    await seedUsers(deps, 2, { roles: ['security'] });
    await ensureSystem(t.db, M, 'sbsys', 'SBSYS');
    await ensureSystem(t.db, M, 'skjold', 'Skjold');
    const base = Date.now() - 60_000;
    await append(t, Array.from({ length: 5 }, (_, i) => record(i + 1, new Date(base + i * 1000))));
    await append(t, [record(6, new Date(base), { subject: { cpr: '6802901234' } })]);
    const first = await searchAccessLogLogged(t.db, { userId: 'user2', unitId: 'borgerservice', ip: '10.0.0.1', workstation: 'ws:PC1' }, { municipality: M, cpr: '6701901234', limit: 3 });
    expect(first.entries.map((e) => e.id)).toEqual(['r-5', 'r-4', 'r-3']);
    expect(first.entries[0]).toMatchObject({ system: { key: 'sbsys', name: 'SBSYS' }, user: { id: 'user1', name: 'Test Bruger 1' }, unit: { id: 'borgerservice', name: 'Borgerservice' }, case: { kle: '32.06.04', kleTitle: expect.any(String) } });
    const second = await searchAccessLog(t.db, { municipality: M, cpr: '6701901234', limit: 3, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.id)).toEqual(['r-2', 'r-1']);
    expect(second.nextCursor).toBeNull();
    const logged = await searchAccessLog(t.db, { municipality: M, system: 'skjold', limit: 10 });
    expect(logged.entries).toHaveLength(1);
    expect(logged.entries[0]).toMatchObject({ action: 'search', user: { id: 'user2', name: 'Test Bruger 2' }, subjectCpr: '6701901234', resultCount: 3, system: { name: 'Skjold' } });
    expect(logged.entries[0]!.query).toContain('cpr=6701901234');
    expect(await verifyAccessLog(t.db, M, KEY)).toMatchObject({ ok: true, records: 7 });
  });
});
