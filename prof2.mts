import { sql } from 'kysely';
import { withScratchDb } from './bench/support.ts';
import { generateRows } from './bench/db-write.ts';
import { appendAccessRecords, validateRecord, parseBatch, ensureAccessLogPartitions } from './src/modules/audit/index.ts';
await withScratchDb(async (s) => {
  const rows = generateRows(20000, 1);
  const end = Date.now();
  const recs = rows.map((r, n) => (validateRecord({ id: r.id, time: new Date(end - (20000 - n) * 100).toISOString(), system: 'sbsys', user: { id: r.user_id, unit: r.unit }, action: r.action, ...(r.subject_cpr ? { subject: { cpr: r.subject_cpr } } : {}), ...(r.query ? { query: r.query } : {}), ...(r.case_id ? { case: { id: r.case_id, kle: r.case_kle } } : {}), purpose: r.purpose }, { key: 'sbsys' }, new Date()) as any).record);
  await ensureAccessLogPartitions(s.db, [new Date()]);
  const orig = s.db;
  for (let round = 0; round < 2; round++) {
    const t0 = performance.now();
    for (let i = 0; i < 20000; i += 1000) await s.db.transaction().execute((trx) => appendAccessRecords(trx, `7${round}00`, recs.slice(i, i + 1000)));
    console.log(`append: ${(20000 / ((performance.now() - t0) / 1000)).toFixed(0)} rec/s`);
  }
  // time a bare statement round trip
  let t = performance.now();
  for (let i = 0; i < 200; i++) await sql`select 1`.execute(s.db);
  console.log(`select 1: ${((performance.now() - t) / 200).toFixed(3)} ms`);
});
