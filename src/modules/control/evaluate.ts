// Rule evaluation as set-based SQL: every rule kind compiles to one SELECT over a seq range of the access log that
// yields (seq, time, user_id, anchor) hits; alerts group hits per rule, user and anchor (a person and day, a case and
// day, a time window, a search...), so a re-run over the same records lands on the same alert.
import { sql, type RawBuilder } from 'kysely';
import { DEFAULT_OPENING_HOURS, holidayDates } from './holidays.ts';
import type { ActiveRule } from './rules.ts';

/** The records a rule is evaluated over, and the moment of evaluation. */
export interface EvalRange {
  municipality: string;
  fromSeq: number;
  toSeq: number;
  /** First seq from which searches are (re)considered by the fishing rule (searches still in their follow-up window). */
  fishingFromSeq?: number;
  /** Earliest and latest record time in [fromSeq, toSeq] when known: lets PostgreSQL prune partitions. */
  batchFrom?: Date;
  batchTo?: Date;
  /** Time of the municipality's oldest log record (rules that look back need a covered past); undefined: empty log. */
  logStart?: Date;
  /** Period the range covers (for holiday lists); defaults to a wide span around now. */
  fromTime?: Date;
  toTime?: Date;
  now: Date;
}

const CPH = sql.raw(`'Europe/Copenhagen'`);
const day = (col: RawBuilder<unknown>) => sql`((${col} at time zone ${CPH})::date)::text`;

function batch(r: EvalRange, respect: boolean): RawBuilder<unknown> {
  const unexplained = respect ? sql`and not exists (select 1 from lookup_explanation x where x.municipality = a.municipality and x.log_seq = a.seq)` : sql``;
  return sql`b as (
    select a.seq, a.time, a.user_id, a.user_unit, a.action, a.subject_cpr, a.query, a.result_count, a.case_id, a.case_kle, a.case_status
    from access_log a where a.municipality = ${r.municipality} and a.seq between ${r.fromSeq} and ${r.toSeq} ${timeBounds(r, sql`a`)} ${unexplained})`;
}

/** Time bounds on an access_log alias for partition pruning, when the range's times are known. */
export function timeBounds(r: { batchFrom?: Date; batchTo?: Date }, alias: RawBuilder<unknown>): RawBuilder<unknown> {
  return r.batchFrom && r.batchTo ? sql`and ${alias}.time >= ${r.batchFrom} and ${alias}.time <= ${r.batchTo}` : sql``;
}

const emp = (r: EvalRange) => sql`employee e on e.municipality = ${r.municipality} and e.username = b.user_id`;
const personAnchor = sql`'p:' || md5(b.subject_cpr) || ':' || ${day(sql`b.time`)}`;

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function matchesPrefix(col: RawBuilder<unknown>, prefixes: readonly string[]) {
  return sql`exists (select 1 from unnest(${[...prefixes]}::text[]) as p(k) where ${col} = p.k or ${col} like p.k || '.%')`;
}

/** The hits of one rule over a range: a SQL query yielding seq, time, user_id and anchor. */
export function ruleHits(rule: ActiveRule, r: EvalRange): RawBuilder<{ seq: number; time: Date; user_id: string; anchor: string }> {
  const d = rule.definition;
  const m = r.municipality;
  const B = batch(r, rule.respectExplanations);
  let body: RawBuilder<unknown>;
  switch (d.kind) {
    case 'watchlist':
      body = sql`select b.seq, b.time, b.user_id, ${personAnchor} as anchor from b join watchlist w on w.municipality = ${m} and w.cpr = b.subject_cpr`;
      break;
    case 'outside-hours': {
      const hours = d.defaultHours
        ? Object.entries(d.defaultHours).map(([dow, [o, c]]) => [Number(dow), minutes(o), minutes(c)] as const)
        : Object.entries(DEFAULT_OPENING_HOURS).map(([dow, h]) => [Number(dow), minutes(h.opens), minutes(h.closes)] as const);
      const defaults = hours.length ? sql.join(hours.map(([dow, o, c]) => sql`(${dow}::int, ${o}::int, ${c}::int)`)) : sql`(0, 0, 0)`;
      const from = r.fromTime ?? new Date(r.now.getTime() - 400 * 86_400_000);
      const to = r.toTime ?? new Date(r.now.getTime() + 30 * 86_400_000);
      const g = d.graceMinutes;
      body = sql`select b.seq, b.time, b.user_id, 'd:' || (b.lt::date)::text as anchor
        from (select b.*, (b.time at time zone ${CPH}) as lt, coalesce(e.unit_id, b.user_unit) as unit from b left join ${emp(r)}) b
        where (b.lt::date) = any(${holidayDates(from, to)}::date[])
          or exists (select 1 from unit_closed_day c where c.municipality = ${m} and c.unit_id in (b.unit, '*') and c.day = b.lt::date)
          or not exists (
            select 1 from (
              select extract(epoch from h.opens)::int / 60 as o, extract(epoch from h.closes)::int / 60 as c
                from unit_opening_hours h where h.municipality = ${m} and h.unit_id = b.unit and h.isodow = extract(isodow from b.lt)::int
              union all
              select dh.o, dh.c from (values ${defaults}) as dh(isodow, o, c)
                where dh.isodow = extract(isodow from b.lt)::int and not exists (select 1 from unit_opening_hours h2 where h2.municipality = ${m} and h2.unit_id = b.unit)
            ) oh where extract(hour from b.lt) * 60 + extract(minute from b.lt) >= oh.o - ${g}::int and extract(hour from b.lt) * 60 + extract(minute from b.lt) < oh.c + ${g}::int)`;
      break;
    }
    case 'closed-sensitive-case': {
      const kle = sql`coalesce(b.case_kle, c.kle)`;
      const hidden = d.includeHiddenTypes ? sql`or exists (select 1 from hidden_case_type h where h.municipality = ${m} and (${kle} = h.kle or ${kle} like h.kle || '.%'))` : sql``;
      body = sql`select b.seq, b.time, b.user_id, 'c:' || b.case_id || ':' || ${day(sql`b.time`)} as anchor
        from b left join citizen_case c on c.municipality = ${m} and c.id = b.case_id
        where b.case_id is not null and coalesce(b.case_status, c.status) = 'closed' and (${matchesPrefix(kle, d.klePrefixes)} ${hidden})`;
      break;
    }
    case 'other-municipality':
      body = sql`select b.seq, b.time, b.user_id, ${personAnchor} as anchor from b join citizen c on c.municipality = ${m} and c.cpr = b.subject_cpr where c.home_municipality <> ${m}`;
      break;
    case 'self':
      body = sql`select b.seq, b.time, b.user_id, ${personAnchor} as anchor from b join ${emp(r)} where b.subject_cpr = e.cpr`;
      break;
    case 'family':
      // The family and household of each employee in the batch, as one set, then a hash semi-join with the batch.
      body = sql`, emps as (select distinct e.username, e.cpr, e.street, e.postcode, lower(regexp_replace(e.full_name, '^.*\s', '')) as last_name
                     from b join ${emp(r)}),
        fam as (
          select u.username, r1.related_cpr as cpr from emps u join citizen_relation r1 on r1.municipality = ${m} and r1.cpr = u.cpr
          union
          select u.username, r2.related_cpr from emps u join citizen_relation r1 on r1.municipality = ${m} and r1.cpr = u.cpr
            join citizen_relation r2 on r2.municipality = ${m} and r2.cpr = r1.related_cpr
          union
          select u.username, sc.cpr from emps u join citizen ec on ec.municipality = ${m} and ec.cpr = u.cpr
            join citizen sc on sc.municipality = ${m} and sc.household_id = ec.household_id
          union
          select u.username, sc.cpr from emps u join citizen sc on sc.municipality = ${m} and sc.postcode = u.postcode and sc.street = u.street and lower(sc.last_name) = u.last_name
        )
        select b.seq, b.time, b.user_id, ${personAnchor} as anchor from b join fam f on f.username = b.user_id and f.cpr = b.subject_cpr
        join emps u on u.username = b.user_id where b.subject_cpr <> u.cpr`;
      break;
    case 'coworker':
      body = sql`select b.seq, b.time, b.user_id, ${personAnchor} as anchor from b join ${emp(r)}
        join employee w on w.municipality = ${m} and w.cpr = b.subject_cpr and w.id <> e.id
        where b.subject_cpr <> e.cpr and (w.employed_until is null or w.employed_until >= (b.time at time zone ${CPH})::date)`;
      break;
    case 'neighbour': {
      const streetName = (col: RawBuilder<unknown>) => sql`lower(regexp_replace(${col}, '\\s+[0-9].*$', ''))`;
      const houseNo = (col: RawBuilder<unknown>) => sql`nullif(substring(${col} from '\\s([0-9]{1,5})'), '')::int`;
      body = sql`select b.seq, b.time, b.user_id, ${personAnchor} as anchor from b join ${emp(r)}
        join citizen sc on sc.municipality = ${m} and sc.cpr = b.subject_cpr and sc.postcode = e.postcode
        left join citizen ec on ec.municipality = ${m} and ec.cpr = e.cpr
        where sc.cpr <> e.cpr and (ec.household_id is null or sc.household_id <> ec.household_id)
          and ${streetName(sql`sc.street`)} = ${streetName(sql`e.street`)}
          and abs(${houseNo(sql`sc.street`)} - ${houseNo(sql`e.street`)}) <= ${d.houseNumberDistance}::int`;
      break;
    }
    case 'protected-or-deceased':
      // The (few) protected and deceased citizens first, then a hash join with the batch.
      body = sql`select b.seq, b.time, b.user_id, ${personAnchor} as anchor
        from b join (select c.cpr, c.address_protected, c.deceased_on from citizen c where c.municipality = ${m} and (c.address_protected or c.deceased_on is not null)) c on c.cpr = b.subject_cpr
        where (${d.protected}::boolean and c.address_protected)
           or (${d.deceased}::boolean and c.deceased_on is not null and c.deceased_on < ((b.time at time zone ${CPH})::date - ${d.deceasedGraceDays}::int))`;
      break;
    case 'fishing': {
      // No follow-up: within the window the user viewed no person whose name fits the search.
      const pattern = sql`lower(translate(s.query, '*?', '%_'))`;
      body = sql`select s.seq, s.time, s.user_id, 's:' || s.seq as anchor from access_log s
        where s.municipality = ${m} and s.seq between ${r.fishingFromSeq ?? r.fromSeq} and ${r.toSeq} and ${fishingCandidate(d, sql`s`)}
          and s.time + make_interval(mins => ${d.followUpMinutes}::int) <= ${r.now}
          and not exists (select 1 from access_log v join citizen c on c.municipality = v.municipality and c.cpr = v.subject_cpr
                          where v.municipality = ${m} and v.user_id = s.user_id and v.time >= s.time
                          and v.time <= s.time + make_interval(mins => ${d.followUpMinutes}::int) and v.action <> 'search'
                          and (lower(c.first_name) like ${pattern} || '%' or lower(c.last_name) like ${pattern} || '%' or lower(c.first_name || ' ' || c.last_name) like ${pattern}))`;
      break;
    }
    case 'departed-account':
      body = sql`select b.seq, b.time, b.user_id, 'a:' || ${day(sql`b.time`)} as anchor from b join ${emp(r)}
        where e.employed_until is not null and (b.time at time zone ${CPH})::date > e.employed_until`;
      break;
    case 'dormant-account': {
      // A lookup whose previous lookup by the same account (in the batch, else in the log) lies more than the gap back.
      const gap = sql`make_interval(days => ${d.dormantDays}::int)`;
      body = sql`, o as (select b.seq, b.time, b.user_id, lag(b.time) over (partition by b.user_id order by b.time, b.seq) as prev from b)
        select o.seq, o.time, o.user_id, 'a:' || ${day(sql`o.time`)} as anchor from o
        left join employee e on e.municipality = ${m} and e.username = o.user_id
        cross join lateral (select coalesce(o.prev, (select max(p.time) from access_log p where p.municipality = ${m} and p.user_id = o.user_id
                                                     and p.time < o.time and p.time >= o.time - ${gap})) as last) l
        where ${r.logStart ?? null}::timestamptz < o.time - ${gap}
          and (e.employed_from is null or e.employed_from <= (o.time - ${gap})::date)
          and (l.last is null or l.last < o.time - ${gap})`;
      break;
    }
    case 'first-sensitive': {
      const back = sql`make_interval(days => ${d.lookbackDays}::int)`;
      body = sql`select b.seq, b.time, b.user_id, 'k:' || cat.k || ':' || ${day(sql`b.time`)} as anchor
        from (select b.*, coalesce(b.case_kle, c.kle) as kle from b left join citizen_case c on c.municipality = ${m} and c.id = b.case_id) b
        cross join lateral (select p.k from unnest(${[...d.categories]}::text[]) as p(k) where b.kle = p.k or b.kle like p.k || '.%' order by length(p.k) desc limit 1) cat
        where not exists (select 1 from access_log p where p.municipality = ${m} and p.user_id = b.user_id and p.time < b.time and p.time >= b.time - ${back}
                          and (p.case_kle = cat.k or p.case_kle like cat.k || '.%'))
          and ${r.logStart ?? null}::timestamptz < b.time - ${back}`;
      break;
    }
    case 'volume': {
      // Per (user, window) touched by the batch: distinct persons in the whole window (an index range scan each);
      // only windows over the threshold get the baselines of the user's and their unit peers' own windows.
      const w = d.windowMinutes * 60;
      const unexplained = (alias: string) => (rule.respectExplanations ? sql`and not exists (select 1 from lookup_explanation x where x.municipality = ${m} and x.log_seq = ${sql.ref(alias)}.seq)` : sql``);
      const baseline = sql`make_interval(days => ${d.baselineDays}::int)`;
      const bucketOf = (alias: string) => sql`floor(extract(epoch from ${sql.ref(`${alias}.time`)}) / ${w}::int)::bigint`;
      const inWindow = (alias: string, user: RawBuilder<unknown>) => sql`${sql.ref(`${alias}.municipality`)} = ${m} and ${sql.ref(`${alias}.user_id`)} = ${user}
        and ${sql.ref(`${alias}.time`)} >= to_timestamp(c.bucket * ${w}::int) and ${sql.ref(`${alias}.time`)} < to_timestamp((c.bucket + 1) * ${w}::int) and ${sql.ref(`${alias}.subject_cpr`)} is not null ${unexplained(alias)}`;
      const history = (alias: string, user: RawBuilder<unknown>) => sql`${sql.ref(`${alias}.municipality`)} = ${m} and ${sql.ref(`${alias}.user_id`)} = ${user}
        and ${sql.ref(`${alias}.time`)} >= to_timestamp(c.bucket * ${w}::int) - ${baseline} and ${sql.ref(`${alias}.time`)} < to_timestamp(c.bucket * ${w}::int) and ${sql.ref(`${alias}.subject_cpr`)} is not null ${unexplained(alias)}`;
      body = sql`, cand as (select b.user_id, ${bucketOf('b')} as bucket, count(distinct b.subject_cpr) as in_batch from b where b.subject_cpr is not null group by 1, 2),
        cnt as (select c.user_id, c.bucket, k.n from cand c cross join lateral (select count(distinct a.subject_cpr) as n from access_log a where ${inWindow('a', sql`c.user_id`)}) k
                where k.n >= ${d.distinctPersons}::int),
        base as (select c.user_id, c.bucket, c.n,
          (select avg(k) from (select count(distinct a.subject_cpr) as k from access_log a where ${history('a', sql`c.user_id`)} group by ${bucketOf('a')}) t) as own,
          (select avg(k) from (select count(distinct a.subject_cpr) as k from employee me join employee pe on pe.municipality = me.municipality and pe.unit_id = me.unit_id and pe.username <> me.username
              join access_log a on ${history('a', sql`pe.username`)}
              where me.municipality = ${m} and me.username = c.user_id group by a.user_id, ${bucketOf('a')}) t) as peer
          from cnt c),
        flagged as (select * from base x where x.n > ${d.peerFactor}::float8 * greatest(coalesce(x.own, 0), coalesce(x.peer, 0), 1))
        select a.seq, a.time, a.user_id, 'v:' || c.bucket as anchor from flagged c join access_log a on ${inWindow('a', sql`c.user_id`)}`;
      break;
    }
  }
  return sql`with ${B} ${body}` as RawBuilder<{ seq: number; time: Date; user_id: string; anchor: string }>;
}

/** The fishing criteria on a search record (alias): wildcard or very short name query with many hits. */
export function fishingCandidate(d: { minHits: number; shortQueryChars: number }, alias: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`${alias}.action = 'search' and ${alias}.result_count >= ${d.minHits}::int and ${alias}.query is not null
    and (${alias}.query ~ '[*%?]' or length(regexp_replace(${alias}.query, '[^[:alpha:]]', '', 'g')) <= ${d.shortQueryChars}::int)`;
}
