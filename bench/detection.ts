// detection: a generated, seeded municipality (the demo generator) with a month of normal work — teams share
// caseloads, substitutes cover sister teams, family members of case citizens are looked up, walk-ins at the counter
// have no case — and injected misuse of every anti-snooping scenario. Explanations and every shipped rule run over
// it; the figure is recall over the injected misuse, precision of the alerts, and the share of normal lookups explained.
// BENCH_CITIZENS, BENCH_EMPLOYEES and BENCH_SEED change the size and the seed.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { defaultHiddenCaseTypes, ensureDefaultHiddenCaseTypes } from '../src/modules/access/index.ts';
import { appendAccessRecords, type AccessRecord } from '../src/modules/audit/index.ts';
import { addToWatchlist, danishHolidays, ensureDefaultRules, runMonitoring } from '../src/modules/control/index.ts';
import { generateDemo, type DemoData } from '../src/modules/demo/index.ts';
import { writeDemoData } from '../src/modules/demo/index.ts';
import { Random } from '../src/modules/demo/random.ts';
import { intFromEnv, log, withScratchDb } from './support.ts';

/** One line for the usage listing. */
export const description = 'recall, precision and explained share of the monitoring over a synthetic month with injected misuse';

/** The municipality the benchmarks build. */
export const MUNICIPALITY = '0336';
const REFERENCE = '2026-11-01';
const DAY_MS = 86_400_000;

/** A generated log: normal records, injected misuse (by scenario, each instance a set of record ids), and the watch list. */
export interface GeneratedLog {
  records: AccessRecord[];
  normalIds: Set<string>;
  monthStart: Date;
  misuse: { scenario: string; ids: string[] }[];
  watchlist: string[];
}

function localTime(day: string, minutes: number): Date {
  // Europe/Copenhagen: +01:00 in winter, +02:00 from the last Sunday of March to the last Sunday of October.
  const d = new Date(`${day}T12:00:00Z`);
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return new Date(Date.UTC(y, month, last.getUTCDate() - last.getUTCDay()));
  };
  const summer = d >= lastSunday(2) && d < lastSunday(9);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:${String(Math.floor(Math.random() * 0) % 60).padStart(2, '0')}${summer ? '+02:00' : '+01:00'}`);
}

/** Builds the demo municipality's data and a month (plus sparse history) of access-log records with injected misuse. */
export function generateLog(data: DemoData, seed: number): GeneratedLog {
  const rng = new Random(seed ^ 0x5eed);
  const end = Date.parse(`${REFERENCE}T00:00:00Z`);
  const monthStart = new Date(end - 30 * DAY_MS);
  const holidays = new Set([...danishHolidays(2026), ...danishHolidays(2025)].map((h) => h.date));
  const today = REFERENCE;
  const active = data.employees.filter((e) => e.employed_until === null || e.employed_until > today);
  const byUnit = new Map<string, typeof data.cases>();
  const sisters = new Map<string, string[]>();
  for (const u of data.units) {
    const sib = data.units.filter((o) => o.id !== u.id && o.parent_id !== null && o.parent_id !== 'direktion' && (o.parent_id === u.id || u.parent_id === o.id || (o.parent_id === u.parent_id && u.parent_id !== 'direktion'))).map((o) => o.id);
    sisters.set(u.id, sib);
  }
  const liveOn = (c: DemoData['cases'][number], day: string) => c.opened_on <= day && (c.status === 'open' || (c.closed_on !== null && Date.parse(c.closed_on) >= Date.parse(day) - 50 * DAY_MS));
  for (const c of data.cases) {
    const list = byUnit.get(c.responsible_unit_id) ?? [];
    list.push(c);
    byUnit.set(c.responsible_unit_id, list);
  }
  const relations = new Map<string, string[]>();
  for (const r of data.relations) relations.set(r.cpr, [...(relations.get(r.cpr) ?? []), r.related_cpr]);
  const citizens = data.citizens;
  const caseCitizens = new Set(data.cases.map((c) => c.citizen_cpr));
  const records: AccessRecord[] = [];
  const normalIds = new Set<string>();
  let n = 0;
  const push = (r: Omit<AccessRecord, 'id' | 'system'>, normal: boolean): string => {
    const id = `b${++n}`;
    records.push({ id, system: 'sbsys', ...r });
    if (normal) normalIds.add(id);
    return id;
  };
  const workers = active.filter((e) => (byUnit.get(e.unit_id)?.length ?? 0) > 0 && !e.roles.includes('security'));
  // The employee chosen to go dormant is silent throughout the history and the month.
  const seasoned = workers.filter((w) => w.employed_from < new Date(monthStart.getTime() - 150 * DAY_MS).toISOString().slice(0, 10));
  const dormant = seasoned[rng.int(0, seasoned.length - 1)]!;
  const workDays = (from: number, to: number) => {
    const days: string[] = [];
    for (let t = from; t < to; t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      const dow = new Date(t).getUTCDay();
      if (dow === 0 || dow === 6 || holidays.has(day)) continue;
      days.push(day);
    }
    return days;
  };
  const lookup = (e: (typeof workers)[number], day: string, minute: number, normal: boolean) => {
    const own = (byUnit.get(e.unit_id) ?? []).filter((c) => liveOn(c, day));
    const sister = (sisters.get(e.unit_id) ?? []).flatMap((u) => (byUnit.get(u) ?? []).filter((c) => liveOn(c, day)));
    const time = localTime(day, minute);
    const roll = rng.next();
    if (e.unit_id === 'borgerservice' && roll < 0.04) {
      // A walk-in at the counter: no case (normal, but nothing in the data explains it).
      const c = rng.pick(citizens);
      push({ time, user: { id: e.username, unit: e.unit_id }, action: 'view', subject: { cpr: c.cpr }, purpose: 'Borgerhenvendelse' }, normal);
      return;
    }
    const mine = own.filter((c) => c.assigned_employee_id === e.id);
    const pool = roll < 0.07 && sister.length ? sister : mine.length && rng.chance(0.6) ? mine : own;
    if (pool.length === 0) return;
    const c = rng.pick(pool);
    let subject = c.citizen_cpr;
    const related = relations.get(subject);
    if (related?.length && rng.chance(0.1)) subject = rng.pick(related);
    if (rng.chance(0.1)) {
      const last = citizens.find((x) => x.cpr === c.citizen_cpr)?.last_name ?? 'Jensen';
      push({ time, user: { id: e.username, unit: e.unit_id }, action: 'search', query: last, resultCount: rng.int(1, 60) }, normal);
    }
    push({ time: new Date(time.getTime() + 60_000), user: { id: e.username, unit: e.unit_id }, action: rng.chance(0.9) ? 'view' : 'update', subject: { cpr: subject }, case: { id: c.id, kle: c.kle, status: c.status }, purpose: 'Sagsbehandling' }, normal);
  };
  const dayMinutes = (day: string) => {
    const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
    return [8 * 60 + 10, (dow === 5 ? 13 : 15) * 60 + 40] as const;
  };
  // Sparse history 90..31 days before the month (so the dormant and first-category rules have a past to look at).
  for (const day of workDays(monthStart.getTime() - 90 * DAY_MS, monthStart.getTime() - 5 * DAY_MS)) {
    for (const e of workers) {
      if (e.id === dormant.id && day > new Date(monthStart.getTime() - 75 * DAY_MS).toISOString().slice(0, 10)) continue;
      if (!rng.chance(0.3)) continue;
      const [a, b] = dayMinutes(day);
      lookup(e, day, rng.int(a, b), false);
    }
  }
  const month = workDays(monthStart.getTime(), end);
  for (const day of month) {
    const [a, b] = dayMinutes(day);
    for (const e of workers) {
      if (e.id === dormant.id) continue;
      if (rng.chance(0.08)) continue; // absent
      const count = rng.int(10, 30);
      for (let i = 0; i < count; i++) lookup(e, day, rng.int(a, b), true);
    }
  }

  // Injected misuse: five instances of every scenario, by ordinary workers, on persons nothing explains.
  const misuse: { scenario: string; ids: string[] }[] = [];
  const inject = (scenario: string, make: (k: number) => string[]) => {
    for (let k = 0; k < 5; k++) {
      const ids = make(k);
      if (ids.length) misuse.push({ scenario, ids });
    }
  };
  const someone = () => rng.pick(workers.filter((w) => w.id !== dormant.id));
  const workTime = () => {
    const day = rng.pick(month);
    const [a, b] = dayMinutes(day);
    return localTime(day, rng.int(a, b));
  };
  const unrelatedTo = (e: (typeof workers)[number], pool: readonly DemoData['citizens'][number][]) => {
    const handled = new Set([...(byUnit.get(e.unit_id) ?? []), ...(sisters.get(e.unit_id) ?? []).flatMap((u) => byUnit.get(u) ?? [])].map((c) => c.citizen_cpr));
    const fam = new Set([e.cpr, ...(relations.get(e.cpr) ?? [])]);
    const candidates = pool.filter((c) => !handled.has(c.cpr) && !fam.has(c.cpr) && !(relations.get(c.cpr) ?? []).some((r) => handled.has(r)));
    return candidates.length ? rng.pick(candidates) : undefined;
  };
  const view = (e: (typeof workers)[number], cpr: string, time = workTime(), extra: Partial<AccessRecord> = {}) => push({ time, user: { id: e.username, unit: e.unit_id }, action: 'view', subject: { cpr }, ...extra }, false);
  const noCase = citizens.filter((c) => !caseCitizens.has(c.cpr) && c.deceased_on === null && !c.address_protected && c.home_municipality === data.municipality.code);
  const watchlist = rng.shuffle(noCase).slice(0, 5).map((c) => c.cpr);
  inject('watchlist', (k) => [view(someone(), watchlist[k]!)]);
  inject('outside-hours', () => {
    const e = someone();
    const c = unrelatedTo(e, noCase);
    const day = rng.pick(month);
    return c ? [view(e, c.cpr, localTime(day, rng.chance(0.5) ? 21 * 60 + rng.int(0, 90) : 5 * 60 + rng.int(0, 60)))] : [];
  });
  inject('closed-sensitive-case', () => {
    const e = someone();
    const closed = data.cases.filter((c) => c.status === 'closed' && (c.kle.startsWith('34') || c.kle.startsWith('32')) && c.responsible_unit_id !== e.unit_id && !(sisters.get(e.unit_id) ?? []).includes(c.responsible_unit_id) && c.closed_on! < '2026-08-01');
    const c = closed.length ? rng.pick(closed) : undefined;
    return c ? [view(e, c.citizen_cpr, workTime(), { case: { id: c.id, kle: c.kle, status: 'closed' } })] : [];
  });
  inject('other-municipality', () => {
    const e = someone();
    const c = unrelatedTo(e, citizens.filter((x) => x.home_municipality !== data.municipality.code));
    return c ? [view(e, c.cpr)] : [];
  });
  inject('volume', () => {
    const e = someone();
    const t0 = workTime();
    return Array.from({ length: 25 }, (_, i) => unrelatedTo(e, noCase)).filter((c) => c !== undefined).map((c, i) => view(e, c!.cpr, new Date(t0.getTime() + i * 90_000)));
  });
  const citizenWorkers = workers.filter((w) => w.id !== dormant.id && citizens.some((c) => c.cpr === w.cpr));
  inject('self', (k) => {
    const e = citizenWorkers[k % citizenWorkers.length]!;
    return [view(e, e.cpr)];
  });
  inject('family', (k) => {
    const withFamily = citizenWorkers.filter((w) => (relations.get(w.cpr) ?? []).length > 0);
    const e = withFamily[(k * 7) % withFamily.length]!;
    return [view(e, rng.pick(relations.get(e.cpr)!))];
  });
  inject('coworker', (k) => {
    const others = workers.filter((w) => w.id !== dormant.id);
    const e = others[(k * 13) % others.length]!;
    const other = citizenWorkers.filter((w) => w.id !== e.id && w.unit_id !== e.unit_id && !caseCitizens.has(w.cpr));
    return other.length ? [view(e, rng.pick(other).cpr)] : [];
  });
  const streetName = (s: string) => s.replace(/\s+[0-9].*$/, '').toLowerCase();
  const houseNo = (s: string) => Number(/\s([0-9]{1,5})/.exec(s)?.[1] ?? -1000);
  const neighbourPairs = citizenWorkers.flatMap((e) => {
    const home = citizens.find((c) => c.cpr === e.cpr)!;
    const near = noCase.filter((c) => c.postcode === e.postcode && c.household_id !== home.household_id && streetName(c.street) === streetName(e.street) && Math.abs(houseNo(c.street) - houseNo(e.street)) <= 6);
    return near.length ? [{ e, c: near[0]! }] : [];
  });
  inject('neighbour', (k) => (neighbourPairs.length ? [view(neighbourPairs[k % neighbourPairs.length]!.e, neighbourPairs[k % neighbourPairs.length]!.c.cpr)] : []));
  inject('protected-or-deceased', (k) => {
    const e = someone();
    const c = unrelatedTo(e, citizens.filter((x) => (k % 2 === 0 ? x.address_protected : x.deceased_on !== null && x.deceased_on < '2026-09-01')));
    return c ? [view(e, c.cpr)] : [];
  });
  inject('fishing', () => {
    const e = someone();
    return [push({ time: workTime(), user: { id: e.username, unit: e.unit_id }, action: 'search', query: rng.pick(['Je*', 'Ni*', '*sen', 'An', 'Ha%']), resultCount: rng.int(80, 400) }, false)];
  });
  const departed = data.employees.filter((e) => e.employed_until !== null && e.employed_until < '2026-10-01');
  inject('departed-account', (k) => {
    const e = departed[k % departed.length];
    if (!e) return [];
    const cases = byUnit.get(e.unit_id) ?? data.cases;
    const c = rng.pick(cases);
    return [push({ time: workTime(), user: { id: e.username, unit: e.unit_id }, action: 'view', subject: { cpr: c.citizen_cpr }, case: { id: c.id, kle: c.kle, status: c.status } }, false)];
  });
  let dormantDone = false;
  inject('dormant-account', () => {
    if (dormantDone) return [];
    dormantDone = true;
    const c = rng.pick(byUnit.get(dormant.unit_id)!);
    return [push({ time: workTime(), user: { id: dormant.username, unit: dormant.unit_id }, action: 'view', subject: { cpr: c.citizen_cpr }, case: { id: c.id, kle: c.kle, status: c.status } }, false)];
  });
  inject('first-sensitive', () => {
    const e = rng.pick(workers.filter((w) => w.id !== dormant.id && (w.unit_id === 'borgerservice' || w.unit_id.startsWith('jobcenter'))));
    const sensitive = data.cases.filter((c) => c.kle === '34.10.30' || c.kle === '34.25.00');
    const c = rng.pick(sensitive);
    return [view(e, c.citizen_cpr, workTime(), { case: { id: c.id, kle: c.kle, status: c.status } })];
  });
  records.sort((a, b) => a.time.getTime() - b.time.getTime());
  return { records, normalIds, monthStart, misuse, watchlist };
}

/** Writes the demo municipality (without identities) into a database. */
export async function writeMunicipality(db: Kysely<Database>, data: DemoData): Promise<void> {
  await db.insertInto('municipality').values({ code: data.municipality.code, name: data.municipality.name }).onConflict((oc) => oc.doNothing()).execute();
  await db.transaction().execute((trx) => writeDemoData(trx, data));
  await ensureDefaultHiddenCaseTypes(db, data.municipality.code, defaultHiddenCaseTypes);
}

/** Runs detection on the configured database and returns the figure. */
export async function run(): Promise<string> {
  const seed = intFromEnv('BENCH_SEED', 20261101);
  const data = generateDemo({ municipality: MUNICIPALITY, seed, citizens: intFromEnv('BENCH_CITIZENS', 8000), employees: intFromEnv('BENCH_EMPLOYEES', 150) });
  const gen = generateLog(data, seed);
  return withScratchDb(async (scratch) => {
    const db = scratch.db;
    await writeMunicipality(db, data);
    const now = new Date(`${REFERENCE}T12:00:00Z`);
    await ensureDefaultRules(db, MUNICIPALITY, now);
    for (const cpr of gen.watchlist) await addToWatchlist({ db, municipality: MUNICIPALITY, now: () => now }, 'sikkerhed', cpr, 'Kendt person (benchmark)');
    log(`detection: ${gen.records.length} records (${gen.normalIds.size} normal in the month), ${gen.misuse.length} injected misuse instances, on ${scratch.engine}`);
    const t0 = performance.now();
    for (let i = 0; i < gen.records.length; i += 5000) await appendAccessRecords(db, MUNICIPALITY, gen.records.slice(i, i + 5000), { now: () => now });
    const t1 = performance.now();
    for (;;) {
      const r = await runMonitoring(db, MUNICIPALITY, { now });
      if (r.toSeq < r.fromSeq) break;
    }
    const t2 = performance.now();
    log(`detection: stored in ${((t1 - t0) / 1000).toFixed(1)} s, monitored in ${((t2 - t1) / 1000).toFixed(1)} s`);
    const { rows: seqRows } = await sql<{ record_id: string; seq: number; explained: boolean }>`
      select a.record_id, a.seq, exists (select 1 from lookup_explanation x where x.municipality = a.municipality and x.log_seq = a.seq) as explained
      from access_log a where a.municipality = ${MUNICIPALITY}`.execute(db);
    const seqOf = new Map(seqRows.map((r) => [r.record_id, Number(r.seq)]));
    const explainedSeq = new Set(seqRows.filter((r) => r.explained).map((r) => Number(r.seq)));
    const alerts = await db.selectFrom('alert').select(['rule_key', 'log_seqs']).where('municipality', '=', MUNICIPALITY).execute();
    const injectedSeqs = new Set(gen.misuse.flatMap((m) => m.ids.map((id) => seqOf.get(id)!)));
    const alerted = new Set(alerts.flatMap((a) => a.log_seqs.map(Number)));
    const detected = gen.misuse.filter((m) => m.ids.some((id) => alerted.has(seqOf.get(id)!)));
    const truePositive = alerts.filter((a) => a.log_seqs.some((s) => injectedSeqs.has(Number(s))));
    const byScenario = new Map<string, [number, number]>();
    for (const m of gen.misuse) {
      const e = byScenario.get(m.scenario) ?? [0, 0];
      e[1]++;
      if (detected.includes(m)) e[0]++;
      byScenario.set(m.scenario, e);
    }
    log(`detection: per scenario (detected/injected): ${[...byScenario].map(([s, [d, t]]) => `${s} ${d}/${t}`).join(', ')}`);
    const fpRules = new Map<string, number>();
    for (const a of alerts) if (!truePositive.includes(a)) fpRules.set(a.rule_key, (fpRules.get(a.rule_key) ?? 0) + 1);
    log(`detection: ${alerts.length} alerts, ${truePositive.length} on injected misuse; others by rule: ${[...fpRules].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    const normalWithSubject = gen.records.filter((r) => gen.normalIds.has(r.id) && r.subject);
    const explained = normalWithSubject.filter((r) => explainedSeq.has(seqOf.get(r.id)!)).length;
    const recall = gen.misuse.length ? detected.length / gen.misuse.length : 0;
    const precision = alerts.length ? truePositive.length / alerts.length : 0;
    const share = normalWithSubject.length ? explained / normalWithSubject.length : 0;
    log(`detection: explained ${explained} of ${normalWithSubject.length} normal lookups on a person (searches without a person are not counted)`);
    return `recall ${recall.toFixed(2)} precision ${precision.toFixed(2)} explained ${share.toFixed(2)}`;
  });
}
