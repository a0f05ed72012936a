// Running the rules (CTL-2, CTL-3): explanations first, then every active rule over a seq range, alerts upserted
// idempotently (rule + user + anchor) and grouped into one control case per user. A cursor per municipality lets
// several processes cooperate (an advisory lock claims the next range); re-runs over a period add nothing twice.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { explainRange } from './explanations.ts';
import { fishingCandidate, ruleHits, type EvalRange } from './evaluate.ts';
import { openControlCase, sendReminders } from './followup.ts';
import { loadActiveRules, ensureDefaultRules } from './rule-admin.ts';
import type { ActiveRule } from './rules.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Most records one monitoring step processes (the rest waits for the next poll). */
export const MAX_RECORDS_PER_RUN = 20_000;

/** What one monitoring run did. */
export interface MonitorResult {
  fromSeq: number;
  toSeq: number;
  explained: number;
  /** Alerts created or extended with new lookups. */
  alerts: number;
  /** Control cases opened (a user's existing open case is reused). */
  casesOpened: number;
  /** False when another process held the municipality's monitor lock (nothing done). */
  ran: boolean;
}

/** Options of runMonitoring: an explicit range (else: from the cursor), the clock, and the rules (else: the active ones). */
export interface MonitorOptions {
  fromSeq?: number;
  toSeq?: number;
  now?: Date;
  rules?: readonly ActiveRule[];
  maxRecords?: number;
}

/** Evaluates the rules over one range and writes alerts and cases, inside the given transaction. */
async function evaluateRange(trx: Transaction<Database>, range: EvalRange, rules: readonly ActiveRule[]): Promise<{ alerts: number; casesOpened: number }> {
  const m = range.municipality;
  const touched: { id: string; user_id: string; log_seqs: number[] }[] = [];
  const profile = process.env.SKJOLD_MONITOR_PROFILE ? (label: string, t: number) => process.stderr.write(`monitor: ${label} ${(performance.now() - t).toFixed(0)} ms\n`) : undefined;
  for (const rule of rules) {
    const key = rule.key;
    const started = performance.now();
    const { rows } = await sql<{ id: string; user_id: string; log_seqs: number[] }>`
      with hits as (${ruleHits(rule, range)}),
      g as (select user_id, anchor, array_agg(distinct seq order by seq) as seqs from hits group by user_id, anchor)
      insert into alert (municipality, id, rule_key, rule_version, user_id, severity, reason, log_seqs, created_at, control_case_id, idempotency_key)
      select ${m}, gen_random_uuid()::text, ${key}, ${rule.version}, user_id, ${rule.severity}, ${rule.reason}, seqs, ${range.now}, null, ${key} || '|' || user_id || '|' || anchor from g
      on conflict (municipality, idempotency_key) do update
        set log_seqs = (select array_agg(distinct s order by s) from unnest(alert.log_seqs || excluded.log_seqs) as u(s))
        where not (excluded.log_seqs <@ alert.log_seqs)
      returning id, user_id, log_seqs`.execute(trx);
    touched.push(...rows);
    profile?.(key, started);
  }
  if (touched.length === 0) return { alerts: 0, casesOpened: 0 };
  // Group per user: the lookups not yet in any case of the user go to the user's open case (or a new one).
  const byUser = new Map<string, { alertIds: string[]; seqs: Set<number> }>();
  for (const a of touched) {
    const entry = byUser.get(a.user_id) ?? { alertIds: [], seqs: new Set<number>() };
    entry.alertIds.push(a.id);
    for (const s of a.log_seqs) entry.seqs.add(Number(s));
    byUser.set(a.user_id, entry);
  }
  const allSeqs = [...new Set(touched.flatMap((a) => a.log_seqs.map(Number)))];
  const { rows: covered } = await sql<{ seq: number; time: Date; in_case: boolean }>`
    select a.seq, a.time, exists (select 1 from control_case_record r join control_case c on c.municipality = r.municipality and c.id = r.case_id
                                  where r.municipality = a.municipality and r.log_seq = a.seq and c.user_id = a.user_id and c.kind = 'alert') as in_case
    from access_log a where a.municipality = ${m} and a.seq = any(${allSeqs}::bigint[])`.execute(trx);
  const info = new Map(covered.map((r) => [Number(r.seq), r]));
  let casesOpened = 0;
  for (const [userId, entry] of byUser) {
    const records = [...entry.seqs].map((s) => info.get(s)).filter((r): r is NonNullable<typeof r> => r !== undefined && !r.in_case).map((r) => ({ seq: Number(r.seq), time: new Date(r.time) }));
    if (records.length === 0) continue;
    const { caseId, created } = await openControlCase(trx, { municipality: m, kind: 'alert', userId, records, now: range.now, details: { alerts: entry.alertIds.length } });
    if (created) casesOpened++;
    await trx.updateTable('alert').set({ control_case_id: caseId }).where('municipality', '=', m).where('id', 'in', entry.alertIds).where('control_case_id', 'is', null).execute();
  }
  return { alerts: touched.length, casesOpened };
}

/** The lowest seq of a search in [fromSeq, toSeq] whose fishing follow-up window is still open at `now`, if any. */
async function pendingSearch(trx: Executor, rules: readonly ActiveRule[], m: string, fromSeq: number, toSeq: number, now: Date): Promise<number | null> {
  let lowest: number | null = null;
  for (const rule of rules) {
    if (rule.definition.kind !== 'fishing') continue;
    const d = rule.definition;
    const { rows } = await sql<{ seq: number | null }>`select min(s.seq) as seq from access_log s where s.municipality = ${m} and s.seq between ${fromSeq} and ${toSeq}
      and ${fishingCandidate(d, sql`s`)} and s.time + make_interval(mins => ${d.followUpMinutes}::int) > ${now}`.execute(trx);
    const seq = rows[0]?.seq;
    if (seq !== null && seq !== undefined && (lowest === null || Number(seq) < lowest)) lowest = Number(seq);
  }
  return lowest;
}

/**
 * Processes access-log records of a municipality: explanations, then the active rules; alerts and cases.
 * Without fromSeq/toSeq it claims the next range after the cursor (at most maxRecords) under an advisory lock and
 * moves the cursor; with an explicit range it processes exactly that (idempotently) and moves the cursor only when
 * the range continues it. Returns ran: false when another process holds the lock.
 */
export async function runMonitoring(db: Kysely<Database>, municipality: string, options: MonitorOptions = {}): Promise<MonitorResult> {
  const m = municipality;
  const now = options.now ?? new Date();
  if (!options.rules) await ensureDefaultRules(db, m, now);
  return db.transaction().execute(async (trx) => {
    const { rows: lock } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`skjold_monitor:${m}`})) as ok`.execute(trx);
    if (!lock[0]?.ok) return { fromSeq: 0, toSeq: 0, explained: 0, alerts: 0, casesOpened: 0, ran: false };
    await trx.insertInto('monitoring_cursor').values({ municipality: m, last_seq: 0, pending_from_seq: null }).onConflict((oc) => oc.doNothing()).execute();
    const cursor = await trx.selectFrom('monitoring_cursor').select(['last_seq', 'pending_from_seq']).where('municipality', '=', m).forUpdate().executeTakeFirstOrThrow();
    const last = Number(cursor.last_seq);
    const head = await trx.selectFrom('access_log_head').select('seq').where('municipality', '=', m).executeTakeFirst();
    const headSeq = Number(head?.seq ?? 0);
    const fromSeq = options.fromSeq ?? last + 1;
    const toSeq = Math.min(options.toSeq ?? headSeq, headSeq, fromSeq + (options.maxRecords ?? MAX_RECORDS_PER_RUN) - 1);
    const pending = cursor.pending_from_seq === null ? null : Number(cursor.pending_from_seq);
    if (toSeq < fromSeq && pending === null) return { fromSeq, toSeq, explained: 0, alerts: 0, casesOpened: 0, ran: true };
    const rules = (options.rules ?? (await loadActiveRules(trx, m))).filter((r) => r.definition.enabled !== false);
    const t0 = performance.now();
    const { rows: span } = await sql<{ lo: Date | null; hi: Date | null }>`select min(time) as lo, max(time) as hi from access_log where municipality = ${m} and seq between ${fromSeq} and ${toSeq}`.execute(trx);
    const bounds = span[0]?.lo && span[0]?.hi ? { batchFrom: new Date(span[0].lo), batchTo: new Date(span[0].hi) } : {};
    const explained = toSeq >= fromSeq ? await explainRange(trx, m, fromSeq, toSeq, bounds) : 0;
    if (process.env.SKJOLD_MONITOR_PROFILE) process.stderr.write(`monitor: explanations ${(performance.now() - t0).toFixed(0)} ms for ${toSeq - fromSeq + 1} records\n`);
    const { rows: first } = await sql<{ time: Date }>`select time from access_log where municipality = ${m} order by seq limit 1`.execute(trx);
    const logStart = first[0] ? new Date(first[0].time) : undefined;
    const continues = fromSeq <= last + 1 && toSeq > last;
    const fishingFrom = continues && pending !== null ? Math.min(pending, fromSeq) : fromSeq;
    const result = await evaluateRange(trx, { municipality: m, fromSeq, toSeq: Math.max(toSeq, fromSeq - 1), fishingFromSeq: fishingFrom, now, ...bounds, ...(logStart ? { logStart } : {}) }, rules);
    if (continues || (options.fromSeq === undefined && pending !== null)) {
      const newLast = Math.max(last, toSeq);
      const stillPending = await pendingSearch(trx, rules, m, fishingFrom, newLast, now);
      await trx.updateTable('monitoring_cursor').set({ last_seq: newLast, pending_from_seq: stillPending, updated_at: now }).where('municipality', '=', m).execute();
    }
    return { fromSeq, toSeq, explained, ...result, ran: true };
  });
}

/** Re-runs explanations and rules over the records of a period, in chunks; alerts already raised are not duplicated. */
export async function rerunMonitoring(db: Kysely<Database>, municipality: string, period: { from: Date; to: Date }, options: { now?: Date; rules?: readonly ActiveRule[]; chunk?: number } = {}): Promise<MonitorResult> {
  const range = await seqRange(db, municipality, period.from, period.to);
  const total: MonitorResult = { fromSeq: range.fromSeq, toSeq: range.toSeq, explained: 0, alerts: 0, casesOpened: 0, ran: true };
  if (range.toSeq < range.fromSeq) return total;
  const chunk = options.chunk ?? MAX_RECORDS_PER_RUN;
  for (let from = range.fromSeq; from <= range.toSeq; from += chunk) {
    const r = await runMonitoring(db, municipality, { fromSeq: from, toSeq: Math.min(range.toSeq, from + chunk - 1), maxRecords: chunk, ...(options.now ? { now: options.now } : {}), ...(options.rules ? { rules: options.rules } : {}) });
    if (!r.ran) throw new Error('the monitor of this municipality is busy; try again');
    total.explained += r.explained;
    total.alerts += r.alerts;
    total.casesOpened += r.casesOpened;
  }
  return total;
}

/** The seq range of the records whose time lies in [from, to). */
export async function seqRange(db: Executor, municipality: string, from: Date, to: Date): Promise<{ fromSeq: number; toSeq: number }> {
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`select min(seq) as lo, max(seq) as hi from access_log where municipality = ${municipality} and time >= ${from} and time < ${to}`.execute(db);
  const lo = rows[0]?.lo;
  const hi = rows[0]?.hi;
  return lo === null || lo === undefined ? { fromSeq: 1, toSeq: 0 } : { fromSeq: Number(lo), toSeq: Number(hi) };
}

/** What startMonitor needs: the database, the municipalities to watch, a clock, a logger and the poll interval. */
export interface MonitorDeps {
  db: Kysely<Database>;
  municipalities: readonly string[];
  now?: () => Date;
  pollMs?: number;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Also send reminders and escalations this often (default hourly). */
  remindEveryMs?: number;
}

/** A running monitor: stop() ends the polling and waits for the step in progress; idle() resolves once caught up. */
export interface RunningMonitor {
  stop(): Promise<void>;
  /** Resolves when a poll found nothing new to process (for tests and benchmarks). */
  idle(): Promise<void>;
}

/** Polls every second (by default) and processes new records of each municipality; several processes cooperate. */
export function startMonitor(deps: MonitorDeps): RunningMonitor {
  const pollMs = deps.pollMs ?? 1000;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];
  let lastRemind = 0;
  const step = async () => {
    let caughtUp = true;
    for (const m of deps.municipalities) {
      try {
        const r = await runMonitoring(deps.db, m, { now: deps.now?.() ?? new Date() });
        if (r.ran && r.toSeq >= r.fromSeq) {
          caughtUp = false;
          if (r.alerts > 0) deps.logger?.info({ municipality: m, fromSeq: r.fromSeq, toSeq: r.toSeq, alerts: r.alerts, casesOpened: r.casesOpened }, 'monitor: alerts');
        }
        if (!r.ran) caughtUp = false;
        const remindEvery = deps.remindEveryMs ?? 3_600_000;
        if (Date.now() - lastRemind > remindEvery) {
          lastRemind = Date.now();
          await sendReminders({ db: deps.db, municipality: m, now: deps.now ?? (() => new Date()) });
        }
      } catch (error) {
        caughtUp = false;
        deps.logger?.error({ municipality: m, err: { type: (error as Error).name, message: (error as Error).message } }, 'monitor: step failed');
      }
    }
    if (caughtUp) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };
  const loop = () => {
    if (stopped) return;
    current = step().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  loop();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      for (const w of idleWaiters) w();
    },
    idle: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
  };
}
