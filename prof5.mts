import { generateRows } from './bench/db-write.ts';
import { validateRecord, recordHash } from './src/modules/audit/index.ts';
const N = 10000;
const rows = generateRows(N, 1);
const end = Date.now();
const recs = rows.map((r, n) => (validateRecord({ id: r.id, time: new Date(end - (N - n) * 100).toISOString(), system: 'sbsys', user: { id: r.user_id, unit: r.unit }, action: r.action, ...(r.subject_cpr ? { subject: { cpr: r.subject_cpr } } : {}), ...(r.query ? { query: r.query } : {}), ...(r.case_id ? { case: { id: r.case_id, kle: r.case_kle } } : {}), purpose: r.purpose }, { key: 'sbsys' }, new Date()) as any).record);
for (let k = 0; k < 5; k++) {
  const t = performance.now();
  let prev = '0'.repeat(64);
  const out = [];
  for (let i = 0; i < N; i++) { const r = recs[i]; const f = { municipality: '0336', seq: i + 1, system: r.system, record_id: r.id, time: new Date(r.time.getTime()), received_at: new Date(), user_id: r.user.id, user_unit: r.user.unit ?? null, workstation: null, ip: null, action: r.action, subject_cpr: r.subject?.cpr ?? null, query: r.query ?? null, result_count: null, case_id: null, case_kle: null, case_facet: null, case_status: null, purpose: null, outcome: 'ok' }; prev = recordHash(prev, f as any); out.push({ ...f, prev_hash: prev, hash: prev }); }
  const t1 = performance.now();
  const json = JSON.stringify(out.map((f) => ({ ...f, time: f.time.toISOString(), received_at: f.received_at.toISOString() })));
  const t2 = performance.now();
  const t3 = performance.now();
  const ids = new Set(); for (const r of recs) ids.add(`${r.system}\u0000${r.id}`);
  const t4 = performance.now();
  console.log(`per 1000: hash ${((t1 - t) / 10).toFixed(2)}, json ${((t2 - t1) / 10).toFixed(2)}, set ${((t4 - t3) / 10).toFixed(2)}`);
}
