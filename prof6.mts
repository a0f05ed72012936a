import { sql } from 'kysely';
import { withScratchDb } from './bench/support.ts';
import { ensureAccessLogPartitions } from './src/modules/audit/index.ts';
await withScratchDb(async (s) => {
  await ensureAccessLogPartitions(s.db, [new Date()]);
  const mk = (m: string, n: number) => Array.from({ length: 1000 }, (_, i) => ({ municipality: m, seq: n * 1000 + i + 1, system: 'sbsys', record_id: `id-${n}-${i}`, time: new Date().toISOString(), received_at: new Date().toISOString(), user_id: 'ab0001', user_unit: 'borgerservice', workstation: 'BS-PC-01', ip: '10.0.0.1', action: 'view', subject_cpr: '6701901234', query: null, result_count: null, case_id: 'S-2026-00001', case_kle: '32.06.04', case_facet: null, case_status: 'open', purpose: 'boligydelse', outcome: 'ok', prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) }));
  const cols = ['municipality','seq','system','record_id','time','received_at','user_id','user_unit','workstation','ip','action','subject_cpr','query','result_count','case_id','case_kle','case_facet','case_status','purpose','outcome','prev_hash','hash'] as const;
  const types = ['char(4)','bigint','text','text','timestamptz','timestamptz','text','text','text','text','text','char(10)','text','integer','text','text','text','text','text','text','char(64)','char(64)'];
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    for (let n = 0; n < 10; n++) {
      const json = JSON.stringify(mk('1111', round * 100 + n));
      await sql`insert into access_log (${sql.raw(cols.join(','))}) select ${sql.raw(cols.join(','))} from json_to_recordset(${json}::json) as r(${sql.raw(cols.map((c, i) => `${c} ${types[i]}`).join(','))})`.execute(s.db);
    }
    const a = (performance.now() - t) / 10;
    t = performance.now();
    for (let n = 0; n < 10; n++) {
      const rows = mk('2222', round * 100 + n);
      const arrays = cols.map((c, i) => sql`${rows.map((r) => r[c])}::${sql.raw(types[i]!)}[]`);
      await sql`insert into access_log (${sql.raw(cols.join(','))}) select * from unnest(${sql.join(arrays)})`.execute(s.db);
    }
    const b = (performance.now() - t) / 10;
    t = performance.now();
    for (let n = 0; n < 10; n++) {
      const json = JSON.stringify(mk('3333', round * 100 + n));
      await sql`insert into access_log (${sql.raw(cols.join(','))}) select ${sql.raw(cols.join(','))} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(cols.map((c, i) => `${c} ${types[i]}`).join(','))})`.execute(s.db);
    }
    const c = (performance.now() - t) / 10;
    console.log(`per 1000: json ${a.toFixed(1)} ms, unnest ${b.toFixed(1)} ms, jsonb ${c.toFixed(1)} ms`);
  }
});
