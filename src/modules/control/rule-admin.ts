// Rule administration (CTL-2): rules are versioned rows; a change is proposed by one person and activated only by
// another (four eyes), after a dry run over the last days shows it would not flag most lookups. Also the watch list.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isValidCpr, normaliseCpr } from '../reference/cpr.ts';
import { ControlError } from './errors.ts';
import { ruleHits } from './evaluate.ts';
import { seqRange } from './monitor.ts';
import { parseRuleDefinition, resolveRule, RULE_KEY, SHIPPED_RULES, type ActiveRule, type RuleDefinition } from './rules.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Share of lookups above which a rule is considered to match everything and is refused. */
export const MAX_FLAGGED_SHARE = 0.5;
/** Days a dry run looks back before activation. */
export const ACTIVATION_DRY_RUN_DAYS = 30;
/** The pseudo-users that install the shipped rules (two, so the four-eyes constraint holds for them too). */
export const SYSTEM_PROPOSER = 'skjold:standard';
/** See SYSTEM_PROPOSER. */
export const SYSTEM_APPROVER = 'skjold:installation';

/** What the rule services need. */
export interface RuleDeps {
  db: Kysely<Database>;
  municipality: string;
  now: () => Date;
}

const installed = new WeakMap<object, Set<string>>();

/** Installs the shipped rules as active version 1 for a municipality that has no rules at all. */
export async function ensureDefaultRules(db: Kysely<Database>, municipality: string, now: Date = new Date()): Promise<void> {
  const done = installed.get(db) ?? new Set<string>();
  installed.set(db, done);
  if (done.has(municipality)) return;
  const any = await db.selectFrom('monitoring_rule').select('key').where('municipality', '=', municipality).limit(1).executeTakeFirst();
  if (!any) {
    await db
      .insertInto('monitoring_rule')
      .values(SHIPPED_RULES.map((r) => ({ municipality, key: r.key, version: 1, definition: JSON.stringify(parseRuleDefinition(r.definition)), status: 'active' as const, proposed_by: SYSTEM_PROPOSER, approved_by: SYSTEM_APPROVER, created_at: now, decided_at: now, decision_note: 'Standardregel leveret med Skjold' })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  done.add(municipality);
}

/** The active rules of a municipality, parsed (a stored definition that no longer parses is skipped). */
export async function loadActiveRules(db: Executor, municipality: string): Promise<ActiveRule[]> {
  const rows = await db.selectFrom('monitoring_rule').select(['key', 'version', 'definition']).where('municipality', '=', municipality).where('status', '=', 'active').orderBy('key').execute();
  const rules: ActiveRule[] = [];
  for (const r of rows) {
    try {
      rules.push(resolveRule(r.key, r.version, parseRuleDefinition(typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition)));
    } catch {
      /* refused at proposal time; never active */
    }
  }
  return rules;
}

/** One rule version as listed to the security staff. */
export interface RuleView {
  key: string;
  version: number;
  status: 'proposed' | 'active' | 'retired' | 'rejected';
  definition: unknown;
  reason: string;
  severity: string;
  proposedBy: string;
  approvedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

/** Every rule version of a municipality, newest version first per key. */
export async function listRules(deps: RuleDeps): Promise<RuleView[]> {
  await ensureDefaultRules(deps.db, deps.municipality, deps.now());
  const rows = await deps.db.selectFrom('monitoring_rule').selectAll().where('municipality', '=', deps.municipality).orderBy('key').orderBy('version', 'desc').execute();
  return rows.map((r) => {
    const def = typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition;
    let reason = '';
    let severity = '';
    try {
      const resolved = resolveRule(r.key, r.version, parseRuleDefinition(def));
      reason = resolved.reason;
      severity = resolved.severity;
    } catch {
      /* shown as stored */
    }
    return { key: r.key, version: r.version, status: r.status, definition: def, reason, severity, proposedBy: r.proposed_by, approvedBy: r.approved_by, createdAt: new Date(r.created_at), decidedAt: r.decided_at ? new Date(r.decided_at) : null, decisionNote: r.decision_note };
  });
}

/** What a dry run found: lookups in the period, how many the rule flags, the share, and the alerts it would raise. */
export interface DryRunResult {
  days: number;
  records: number;
  flagged: number;
  share: number;
  alerts: { userId: string; records: number; seqs: number[] }[];
  /** Share of the lookups the rule's criteria match when explanations are ignored (what activation checks). */
  criteriaShare: number;
}

/** Shows what a rule (by definition) would have flagged over the last N days, without writing anything. */
export async function dryRunDefinition(db: Executor, municipality: string, key: string, definition: RuleDefinition, days: number, now: Date): Promise<DryRunResult> {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new ControlError('invalid', 'Antal dage skal være et helt tal fra 1 til 366.', 'days');
  const from = new Date(now.getTime() - days * 86_400_000);
  const range = await seqRange(db, municipality, from, now);
  const rule = resolveRule(key, 0, definition);
  const { rows: first } = await sql<{ time: Date }>`select time from access_log where municipality = ${municipality} order by seq limit 1`.execute(db);
  const logStart = first[0] ? { logStart: new Date(first[0].time) } : {};
  if (range.toSeq < range.fromSeq) return { days, records: 0, flagged: 0, share: 0, alerts: [], criteriaShare: 0 };
  const { rows } = await sql<{ user_id: string; seqs: number[] }>`
    with hits as (${ruleHits(rule, { municipality, fromSeq: range.fromSeq, toSeq: range.toSeq, now, fromTime: from, toTime: now, ...logStart })})
    select user_id, array_agg(distinct seq order by seq) as seqs from hits group by user_id, anchor order by user_id`.execute(db);
  const flagged = new Set(rows.flatMap((r) => r.seqs.map(Number))).size;
  const records = range.toSeq - range.fromSeq + 1;
  let criteria = flagged;
  if (rule.respectExplanations) {
    const raw = { ...rule, respectExplanations: false };
    const { rows: all } = await sql<{ n: number }>`
      with hits as (${ruleHits(raw, { municipality, fromSeq: range.fromSeq, toSeq: range.toSeq, now, fromTime: from, toTime: now, ...logStart })})
      select count(distinct seq)::int as n from hits`.execute(db);
    criteria = Number(all[0]?.n ?? 0);
  }
  return { days, records, flagged, share: records ? flagged / records : 0, criteriaShare: records ? criteria / records : 0, alerts: rows.map((r) => ({ userId: r.user_id, records: r.seqs.length, seqs: r.seqs.map(Number) })) };
}

/** Dry run of a stored rule (its newest version, proposed or active). */
export async function dryRunRule(deps: RuleDeps, key: string, days: number, version?: number): Promise<DryRunResult & { key: string; version: number }> {
  await ensureDefaultRules(deps.db, deps.municipality, deps.now());
  let q = deps.db.selectFrom('monitoring_rule').select(['version', 'definition']).where('municipality', '=', deps.municipality).where('key', '=', key);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new ControlError('not_found', `Reglen "${key}" findes ikke.`);
  const def = parseRuleDefinition(typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition);
  return { key, version: row.version, ...(await dryRunDefinition(deps.db, deps.municipality, key, def, days, deps.now())) };
}

/** Proposes a new rule or a new version of one (refused when it does not parse); returns the version. */
export async function proposeRule(deps: RuleDeps, actorId: string, key: string, definition: unknown): Promise<{ key: string; version: number }> {
  if (!RULE_KEY.test(key)) throw new ControlError('invalid', 'Regelnøglen skal være små bogstaver, tal og bindestreger (fx "vip-opslag").', 'key');
  const parsed = parseRuleDefinition(definition);
  await ensureDefaultRules(deps.db, deps.municipality, deps.now());
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`skjold_rule:${deps.municipality}:${key}`}))`.execute(trx);
    const pending = await trx.selectFrom('monitoring_rule').select('version').where('municipality', '=', deps.municipality).where('key', '=', key).where('status', '=', 'proposed').executeTakeFirst();
    if (pending) throw new ControlError('duplicate', `Reglen "${key}" har allerede et forslag (version ${pending.version}), der afventer godkendelse.`);
    const max = await trx.selectFrom('monitoring_rule').select(sql<number>`coalesce(max(version), 0)`.as('v')).where('municipality', '=', deps.municipality).where('key', '=', key).executeTakeFirst();
    const version = Number(max?.v ?? 0) + 1;
    await trx.insertInto('monitoring_rule').values({ municipality: deps.municipality, key, version, definition: JSON.stringify(parsed), status: 'proposed', proposed_by: actorId, approved_by: null, created_at: deps.now(), decided_at: null, decision_note: null }).execute();
    return { key, version };
  });
}

/**
 * Activates a proposed version (never by its proposer). Refused when a dry run over the last ACTIVATION_DRY_RUN_DAYS
 * days flags more than half of the lookups. The previous active version is retired.
 */
export async function approveRule(deps: RuleDeps, actorId: string, key: string, version: number, note: string | null = null): Promise<DryRunResult> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('monitoring_rule').selectAll().where('municipality', '=', deps.municipality).where('key', '=', key).where('version', '=', version).forUpdate().executeTakeFirst();
    if (!row) throw new ControlError('not_found', `Reglen "${key}" version ${version} findes ikke.`);
    if (row.status !== 'proposed') throw new ControlError('wrong_state', 'Kun et forslag, der afventer godkendelse, kan godkendes.');
    if (row.proposed_by === actorId) throw new ControlError('self_approval', 'En regelændring skal godkendes af en anden person end den, der foreslog den (fire øjne).');
    const def = parseRuleDefinition(typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition);
    const dry = await dryRunDefinition(trx, deps.municipality, key, def, ACTIVATION_DRY_RUN_DAYS, deps.now());
    if (def.enabled !== false && dry.records > 0 && dry.criteriaShare > MAX_FLAGGED_SHARE) {
      throw new ControlError('matches_everything', `Reglens kriterier rammer ${Math.round(dry.criteriaShare * 100)} % af de ${dry.records} opslag de seneste ${ACTIVATION_DRY_RUN_DAYS} dage; en regel må højst ramme ${MAX_FLAGGED_SHARE * 100} %. Gør kriterierne snævrere.`);
    }
    const now = deps.now();
    await trx.updateTable('monitoring_rule').set({ status: 'retired', decided_at: now }).where('municipality', '=', deps.municipality).where('key', '=', key).where('status', '=', 'active').execute();
    await trx.updateTable('monitoring_rule').set({ status: 'active', approved_by: actorId, decided_at: now, decision_note: note }).where('municipality', '=', deps.municipality).where('key', '=', key).where('version', '=', version).execute();
    return dry;
  });
}

/** Rejects a proposed version (never by its proposer). */
export async function rejectRule(deps: RuleDeps, actorId: string, key: string, version: number, note: string | null): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('monitoring_rule').select(['status', 'proposed_by']).where('municipality', '=', deps.municipality).where('key', '=', key).where('version', '=', version).forUpdate().executeTakeFirst();
    if (!row) throw new ControlError('not_found', `Reglen "${key}" version ${version} findes ikke.`);
    if (row.status !== 'proposed') throw new ControlError('wrong_state', 'Kun et forslag, der afventer godkendelse, kan afvises.');
    if (row.proposed_by === actorId) throw new ControlError('self_approval', 'Et forslag afgøres af en anden person end forslagsstilleren.');
    await trx.updateTable('monitoring_rule').set({ status: 'rejected', decided_at: deps.now(), decision_note: note }).where('municipality', '=', deps.municipality).where('key', '=', key).where('version', '=', version).execute();
  });
}

/** A watch-list entry as listed: the CPR masked (birth date only). */
export interface WatchlistView {
  id: string;
  cprMasked: string;
  name: string | null;
  reason: string;
  addedBy: string;
  addedAt: Date;
}

/** Adds a known person to the watch list (CPR given in the body, validated); returns the entry id. */
export async function addToWatchlist(deps: RuleDeps, actorId: string, cpr: string, reason: string): Promise<string> {
  if (typeof cpr !== 'string' || !isValidCpr(cpr)) throw new ControlError('invalid', 'CPR-nummeret er ikke gyldigt.', 'cpr');
  const parsed = { cpr: normaliseCpr(cpr) };
  if ((reason ?? '').trim().length < 3) throw new ControlError('invalid', 'Angiv hvorfor personen overvåges (fx "kendt person", "omtalt i pressen").', 'reason');
  const id = randomUUID();
  const result = await deps.db.insertInto('watchlist').values({ municipality: deps.municipality, id, cpr: parsed.cpr, reason: reason.trim(), added_by: actorId, added_at: deps.now() }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new ControlError('duplicate', 'Personen er allerede på overvågningslisten.');
  return id;
}

/** Removes an entry from the watch list. */
export async function removeFromWatchlist(deps: RuleDeps, id: string): Promise<void> {
  const result = await deps.db.deleteFrom('watchlist').where('municipality', '=', deps.municipality).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows ?? 0) === 0) throw new ControlError('not_found', 'Posten findes ikke på overvågningslisten.');
}

/** The watch list, CPR numbers masked to the birth date. */
export async function listWatchlist(deps: RuleDeps): Promise<WatchlistView[]> {
  const rows = await deps.db
    .selectFrom('watchlist as w')
    .leftJoin('citizen as c', (j) => j.onRef('c.municipality', '=', 'w.municipality').onRef('c.cpr', '=', 'w.cpr'))
    .select(['w.id', 'w.cpr', 'w.reason', 'w.added_by', 'w.added_at', 'c.first_name', 'c.last_name'])
    .where('w.municipality', '=', deps.municipality)
    .orderBy('w.added_at')
    .execute();
  return rows.map((r) => ({ id: r.id, cprMasked: `${r.cpr.slice(0, 6)}-xxxx`, name: r.first_name ? `${r.first_name} ${r.last_name}` : null, reason: r.reason, addedBy: r.added_by, addedAt: new Date(r.added_at) }));
}
