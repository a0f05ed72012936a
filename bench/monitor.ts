// monitor: the same month of generated normal work (bench/detection.ts) ingested through the full ingest path in
// batches of 1,000 twice in the same run — into one municipality with the monitoring off, and into an identical copy
// with startMonitor running every shipped rule as records arrive (polling, as in the server). The rules-on time runs
// until the monitor has caught up with the last record. Figure: records/s with rules, and its ratio to rules off.
import { ensureSystem, ingestBatch } from '../src/modules/audit/index.ts';
import { ensureDefaultRules, startMonitor } from '../src/modules/control/index.ts';
import { generateDemo, type DemoData } from '../src/modules/demo/index.ts';
import { generateLog, MUNICIPALITY, writeMunicipality } from './detection.ts';
import { formatRate, formatRatio, intFromEnv, log, perSecond, withScratchDb } from './support.ts';

/** One line for the usage listing. */
export const description = 'ingest with every shipped monitoring rule running vs rules off, same data, same run';

const COPY = '0101';
const BATCH = 1_000;

function copyFor(data: DemoData, code: string): DemoData {
  const json = JSON.stringify(data).replaceAll(`"municipality":"${MUNICIPALITY}"`, `"municipality":"${code}"`).replaceAll(`"home_municipality":"${MUNICIPALITY}"`, `"home_municipality":"${code}"`);
  const copy = JSON.parse(json) as DemoData;
  copy.municipality = { code, name: 'Kopi' };
  return copy;
}

/** Runs monitor on the configured database and returns the figure. */
export async function run(): Promise<string> {
  const seed = intFromEnv('BENCH_SEED', 20261101);
  const data = generateDemo({ municipality: MUNICIPALITY, seed, citizens: intFromEnv('BENCH_CITIZENS', 4000), employees: intFromEnv('BENCH_EMPLOYEES', 80) });
  const gen = generateLog(data, seed);
  const items = gen.records.map((r) => ({ ...r, time: r.time.toISOString() }));
  const now = new Date('2026-11-01T12:00:00Z');
  return withScratchDb(async (scratch) => {
    const db = scratch.db;
    const deps = { db, secretKey: Buffer.alloc(32, 9), now: () => now };
    const ingestAll = async (code: string) => {
      for (let i = 0; i < items.length; i += BATCH) {
        const summary = await ingestBatch(deps, { municipality: code, key: 'sbsys' }, items.slice(i, i + BATCH));
        if (summary.rejected.length) throw new Error(`ingest rejected ${summary.rejected.length} records: ${summary.rejected[0]!.reason}`);
      }
    };
    for (const copy of [data, copyFor(data, COPY)]) {
      await writeMunicipality(db, copy);
      await ensureSystem(db, copy.municipality.code, 'sbsys', 'SBSYS');
      await ensureDefaultRules(db, copy.municipality.code, now);
    }
    log(`monitor: ${items.length} records per run, batches of ${BATCH}, on ${scratch.engine}`);

    const t0 = performance.now();
    await ingestAll(MUNICIPALITY);
    const offMs = performance.now() - t0;
    log(`monitor: rules off: ${(offMs / 1000).toFixed(1)} s (${formatRate(perSecond(items.length, offMs))} records/s)`);

    const t1 = performance.now();
    const monitor = startMonitor({ db, municipalities: [COPY], pollMs: 200, now: () => now, remindEveryMs: 3_600_000 });
    try {
      await ingestAll(COPY);
      for (;;) {
        const cursor = await db.selectFrom('monitoring_cursor').select('last_seq').where('municipality', '=', COPY).executeTakeFirst();
        if (Number(cursor?.last_seq ?? 0) >= items.length) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await monitor.stop();
    }
    const onMs = performance.now() - t1;
    const alerts = await db.selectFrom('alert').select('id').where('municipality', '=', COPY).execute();
    const onRate = perSecond(items.length, onMs);
    log(`monitor: rules on: ${(onMs / 1000).toFixed(1)} s (${formatRate(onRate)} records/s), ${alerts.length} alerts`);
    return `${formatRate(onRate)} records/s with rules, ratio ${formatRatio(offMs / onMs)}`;
  });
}
