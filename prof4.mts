import { sql } from 'kysely';
import { withScratchDb } from './bench/support.ts';
import { generateRows } from './bench/db-write.ts';
import { appendAccessRecords, validateRecord, ensureAccessLogPartitions } from './src/modules/audit/index.ts';
await withScratchDb(async (s) => {
  const N = 20000;
  const rows = generateRows(N, 1);
  const end = Date.now();
  const recs = rows.map((r, n) => (validateRecord({ id: r.id, time: new Date(end - (N - n) * 100).toISOString(), system: 'sbsys', user: { id: r.user_id, unit: r.unit }, action: r.action, ...(r.subject_cpr ? { subject: { cpr: r.subject_cpr } } : {}), ...(r.query ? { query: r.query } : {}), ...(r.case_id ? { case: { id: r.case_id, kle: r.case_kle } } : {}), purpose: r.purpose }, { key: 'sbsys' }, new Date()) as any).record);
  await ensureAccessLogPartitions(s.db, [new Date()]);
  await s.db.transaction().execute((trx) => appendAccessRecords(trx, `7000`, recs.slice(0, 2000)));
  const orig = (s.db as any).getExecutor();
  const times = new Map<string, number>();
  const proto = Object.getPrototypeOf(orig);
  const origExec = proto.executeQuery;
  proto.executeQuery = async function (q: any, ...rest: any[]) {
    const t = performance.now();
    try { return await origExec.call(this, q, ...rest); } finally {
      const key = q.sql.trim().slice(0, 40).replace(/\s+/g, ' ');
      times.set(key, (times.get(key) ?? 0) + performance.now() - t);
    }
  };
  const t0 = performance.now();
  for (let i = 2000; i < N; i += 1000) await s.db.transaction().execute((trx) => appendAccessRecords(trx, `7000`, recs.slice(i, i + 1000)));
  const total = performance.now() - t0;
  const batches = (N - 2000) / 1000;
  console.log(`total per batch ${(total / batches).toFixed(1)} ms`);
  for (const [k, v] of times) console.log(`${(v / batches).toFixed(2)} ms  ${k}`);
});
