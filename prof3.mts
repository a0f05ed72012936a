import { sql } from 'kysely';
import { withScratchDb } from './bench/support.ts';
import { generateRows } from './bench/db-write.ts';
import { appendAccessRecords, validateRecord, ensureAccessLogPartitions } from './src/modules/audit/index.ts';
await withScratchDb(async (s) => {
  const rows = generateRows(20000, 1);
  const end = Date.now();
  const recs = rows.map((r, n) => (validateRecord({ id: r.id, time: new Date(end - (20000 - n) * 100).toISOString(), system: 'sbsys', user: { id: r.user_id, unit: r.unit }, action: r.action, ...(r.subject_cpr ? { subject: { cpr: r.subject_cpr } } : {}), ...(r.query ? { query: r.query } : {}), ...(r.case_id ? { case: { id: r.case_id, kle: r.case_kle } } : {}), purpose: r.purpose }, { key: 'sbsys' }, new Date()) as any).record);
  await ensureAccessLogPartitions(s.db, [new Date()]);
  await s.db.transaction().execute((trx) => appendAccessRecords(trx, `7000`, recs.slice(0, 2000)));
  const stmts: string[] = [];
  const { rows: x } = await sql<any>`explain (analyze, buffers) select 1`.execute(s.db);
  // Use pg_stat_statements-free approach: log durations
  await sql`set log_min_duration_statement = 0`.execute(s.db).catch(() => {});
  const timings: Record<string, number> = {};
  const db = s.db.withPlugin({
    transformQuery: (a) => a.node, transformResult: async (a) => a.result,
  } as any);
  // time appends with per-query timing via a custom executor wrapper is complex; use EXPLAIN ANALYZE on the big insert
  const slice = recs.slice(2000, 3000);
  await s.db.transaction().execute(async (trx) => {
    const json = JSON.stringify(slice.map((r: any, i: number) => ({ municipality: '7001', seq: i + 1, system: r.system, record_id: r.id, time: r.time.toISOString(), received_at: new Date().toISOString(), user_id: r.user.id, user_unit: r.user.unit, action: r.action, subject_cpr: r.subject?.cpr ?? null, query: r.query, outcome: 'ok', prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) })));
    const { rows } = await sql<any>`explain (analyze, buffers)
        with src as (select * from json_to_recordset(${json}::json) as r(municipality char(4), seq bigint, system text, record_id text, time timestamptz, received_at timestamptz,
  user_id text, user_unit text, workstation text, ip text, action text, subject_cpr char(10), query text, result_count integer,
  case_id text, case_kle text, case_facet text, case_status text, purpose text, outcome text, prev_hash char(64), hash char(64))),
        k as (insert into access_log_key (municipality, system, record_id, seq) select municipality, system, record_id, seq from src)
        insert into access_log select municipality, seq, system, record_id, time, received_at, user_id, user_unit, workstation, ip, action, subject_cpr, query, result_count, case_id, case_kle, case_facet, case_status, purpose, outcome, prev_hash, hash from src`.execute(trx);
    console.log(rows.map((r: any) => r['QUERY PLAN']).join('\n'));
  });
});
