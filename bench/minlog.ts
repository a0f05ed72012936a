// minlog: with 10 million access-log records of 20,000 persons over six months, the time for one citizen's Min log
// page (newest 50, unit and system names decoded, via readMinLog) for 200 random citizens; the figure is the p95.
// Rows are generated on the server with INSERT … SELECT generate_series, in chunks. BENCH_RECORDS and BENCH_PERSONS
// override the sizes; on PGlite the default is scaled down to 1,000,000 records (said so in the output).
import { sql } from 'kysely';
import { ensureAccessLogPartitions } from '../src/modules/audit/index.ts';
import { MIN_LOG_PAGE_SIZE, readMinLog } from '../src/modules/citizen/index.ts';
import { intFromEnv, log, now, withScratchDb } from './support.ts';

/** One line for the usage listing. */
export const description = "p95 time for a citizen's Min log page (newest 50, names decoded) among 10 million records";

const MUNICIPALITY = '0336';
const SPAN_MS = 182 * 24 * 3600 * 1000;
const QUERIES = 200;
const UNITS = 40;

function cprOf(person: number): string {
  return `6${String(person).padStart(9, '0')}`;
}

/** Runs minlog on the configured database and returns the figure. */
export async function run(): Promise<string> {
  return withScratchDb(async (scratch) => {
    const onPglite = scratch.kind === 'pglite';
    const total = intFromEnv('BENCH_RECORDS', onPglite ? 1_000_000 : 10_000_000);
    const persons = intFromEnv('BENCH_PERSONS', 20_000);
    if (onPglite && process.env.BENCH_RECORDS === undefined) log('minlog: on PGlite the default is scaled down to 1,000,000 records (set BENCH_RECORDS to change it)');
    const end = Date.now();
    const start = end - SPAN_MS;
    const days: Date[] = [];
    for (let t = start; t <= end + 31 * 24 * 3600 * 1000; t += 24 * 3600 * 1000) days.push(new Date(t));
    await ensureAccessLogPartitions(scratch.db, days);

    // The organisation and the sending systems the names are decoded from.
    await scratch.db.insertInto('municipality').values({ code: MUNICIPALITY, name: 'Stevns' }).execute();
    await scratch.db.insertInto('org_unit').values(Array.from({ length: UNITS }, (_, i) => ({ municipality: MUNICIPALITY, id: `u-${i}`, name: `Enhed ${i}`, parent_id: null, serves_authority: null }))).execute();
    await scratch.db
      .insertInto('log_system')
      .values([
        { municipality: MUNICIPALITY, key: 'sbsys', name: 'SBSYS' },
        { municipality: MUNICIPALITY, key: 'kmd-nova', name: 'KMD Nova' },
        { municipality: MUNICIPALITY, key: 'opus-ydelse', name: 'OPUS Ydelse' },
        { municipality: MUNICIPALITY, key: 'skjold', name: 'Skjold' },
      ])
      .execute();

    const chunk = onPglite ? 100_000 : 500_000;
    const t0 = now();
    for (let from = 1; from <= total; from += chunk) {
      const to = Math.min(total, from + chunk - 1);
      // One in five records names a unit Skjold does not know (shown as the system's name).
      await sql`
        insert into access_log (municipality, seq, system, record_id, time, received_at, user_id, user_unit, workstation, ip, action,
                                subject_cpr, query, result_count, case_id, case_kle, case_facet, case_status, purpose, outcome, prev_hash, hash)
        select ${MUNICIPALITY}, g, (array['sbsys','kmd-nova','opus-ydelse','skjold'])[1 + g % 4], 'r-' || g,
               to_timestamp(${start / 1000}::float8 + g * ${SPAN_MS / 1000 / total}::float8), to_timestamp(${start / 1000}::float8 + g * ${SPAN_MS / 1000 / total}::float8),
               'ab' || lpad(((g * 7919) % 500)::text, 4, '0'), case when g % 5 = 0 then 'ext-' || (g % 13) else 'u-' || (g % ${UNITS}) end,
               'BS-PC-' || (g % 60), '10.20.' || (g % 256) || '.' || (1 + g % 254),
               case when g % 4 = 0 then 'search' else 'view' end,
               '6' || lpad((((g * 2654435761) % 4294967291) % ${persons})::text, 9, '0'),
               null, null, 'S-2026-' || lpad((g % 100000)::text, 5, '0'), '32.06.04', null, 'open',
               (array['Ansøgning om boligstøtte','Opfølgning på sygedagpenge','Borgerhenvendelse','Pas og kørekort'])[1 + g % 4], 'ok',
               md5(g::text) || md5((g + 1)::text), md5((g + 1)::text) || md5(g::text)
        from generate_series(${from}::bigint, ${to}::bigint) as g`.execute(scratch.db);
      if (to % (chunk * 4) === 0 || to === total) log(`  minlog: ${to} of ${total} records (${(Number(now() - t0) / 1e9).toFixed(0)} s)`);
    }
    await sql`analyze access_log`.execute(scratch.db);
    await sql`analyze org_unit`.execute(scratch.db);
    await sql`analyze log_system`.execute(scratch.db);

    let seed = 42;
    const nextPerson = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % persons;
    };
    const page = async (person: number) => (await readMinLog(scratch.db, MUNICIPALITY, cprOf(person), { limit: MIN_LOG_PAGE_SIZE })).entries.length;
    for (let i = 0; i < 20; i++) await page(nextPerson()); // warm-up
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < QUERIES; i++) {
      const person = nextPerson();
      const t = now();
      rows += await page(person);
      samples.push(Number(now() - t) / 1e6);
    }
    samples.sort((a, b) => a - b);
    const p95 = samples[Math.ceil(samples.length * 0.95) - 1]!;
    const p50 = samples[Math.floor(samples.length / 2)]!;
    log(`minlog: ${QUERIES} citizens, ${rows} entries shown, p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${samples[samples.length - 1]!.toFixed(2)} ms on ${scratch.engine}${onPglite ? ` (scaled: ${total} records)` : ''}`);
    return `p95 ${p95.toFixed(2)} ms over ${total} records`;
  });
}
