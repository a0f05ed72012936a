// Explanations (issue 5 item 1): before anything is flagged, each lookup is checked for a reason the data already
// shows — the user or their team handles a case of that citizen, wrote a document on it, the lookup is on the case
// itself, the person is family of the citizen of such a case, or the user created the case. One set-based INSERT per
// seq range; the first (strongest) reason wins. Appointments are not modelled yet.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { timeBounds } from './evaluate.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A case closed within this many days still explains lookups (follow-up questions, complaints, appeals). */
export const RECENTLY_CLOSED_DAYS = 60;

/** The explanation kinds, strongest first. */
export const explanationKinds = ['case-assigned', 'case-document', 'case-created', 'case-unit', 'case-department', 'case-family'] as const;

/**
 * Explains the records of a seq range that the data explains and stores each in lookup_explanation (idempotent).
 * Returns how many new explanations were stored.
 */
export async function explainRange(db: Executor, municipality: string, fromSeq: number, toSeq: number, bounds: { batchFrom?: Date; batchTo?: Date } = {}): Promise<number> {
  const m = municipality;
  const recent = sql`make_interval(days => ${RECENTLY_CLOSED_DAYS}::int)`;
  const live = sql`(c.status = 'open' or c.closed_on >= ((b.time - ${recent}) at time zone 'Europe/Copenhagen')::date)`;
  const result = await sql`
    with b as (
      select a.seq, a.time, a.user_id, a.action, a.subject_cpr, a.case_id, e.id as employee_id, e.unit_id
      from access_log a join employee e on e.municipality = a.municipality and e.username = a.user_id
      where a.municipality = ${m} and a.seq between ${fromSeq} and ${toSeq} ${timeBounds(bounds, sql`a`)} and (a.subject_cpr is not null or a.case_id is not null)
        and not exists (select 1 from lookup_explanation x where x.municipality = a.municipality and x.log_seq = a.seq)
    ),
    -- Cases the users of the batch created within the last year (one scan per user, not per record).
    creators as (
      select distinct p.user_id, p.case_id from access_log p
      where p.municipality = ${m} and p.action = 'create' and p.case_id is not null
        and p.user_id in (select distinct user_id from b where case_id is not null)
        and p.time >= (select min(time) from b) - make_interval(days => 365) and p.time <= (select max(time) from b)
    ),
    -- Cases of the citizen looked up, and the case the record names (by id; imported cases of other systems too).
    bc as (
      select b.*, c.id as c_id from b join citizen_case c on c.municipality = ${m} and c.citizen_cpr = b.subject_cpr
      union
      select b.*, c.id from b join citizen_case c on c.municipality = ${m} and c.id = b.case_id
    ),
    reasons as (
      select b.seq, b.time, 1 as prio, 'case-assigned' as kind, 'Medarbejderen er sagsbehandler på sag ' || c.case_number as detail
        from bc b join citizen_case c on c.municipality = ${m} and c.id = b.c_id and c.assigned_employee_id = b.employee_id and ${live}
      union all
      select b.seq, b.time, 2, 'case-document', 'Medarbejderen har skrevet dokumentet "' || d.title || '" på sag ' || c.case_number
        from bc b join citizen_case c on c.municipality = ${m} and c.id = b.c_id join case_document d on d.municipality = c.municipality and d.case_id = c.id and d.created_by = b.employee_id
      union all
      select b.seq, b.time, 3, 'case-created', 'Opslaget hører til en sag, medarbejderen selv har oprettet'
        from b where b.case_id is not null and (b.action = 'create' or (b.user_id, b.case_id) in (select p.user_id, p.case_id from creators p))
      union all
      select b.seq, b.time, 4, 'case-unit', 'Medarbejderens enhed (' || u.name || ') behandler sag ' || c.case_number
        from bc b join citizen_case c on c.municipality = ${m} and c.id = b.c_id and c.responsible_unit_id = b.unit_id and ${live}
        join org_unit u on u.municipality = c.municipality and u.id = c.responsible_unit_id
      union all
      select b.seq, b.time, 5, 'case-department', 'Sag ' || c.case_number || ' behandles i samme afdeling (' || u.name || '), fx ved afløsning'
        from bc b join org_unit mine on mine.municipality = ${m} and mine.id = b.unit_id
        join citizen_case c on c.municipality = ${m} and c.id = b.c_id and ${live}
        join org_unit u on u.municipality = c.municipality and u.id = c.responsible_unit_id
        -- a sub-team and its department, or sister teams of one department (never via the top of the organisation)
        join org_unit top on top.municipality = ${m} and top.parent_id is null
        where (u.parent_id = mine.id and mine.id <> top.id) or (mine.parent_id = u.id and u.id <> top.id) or (u.parent_id = mine.parent_id and mine.parent_id <> top.id)
      union all
      select b.seq, b.time, 6, 'case-family', 'Personen er ' || case r.kind when 'child' then 'forælder' when 'parent' then 'barn' else 'ægtefælle' end
             || ' til borgeren i sag ' || c.case_number || ', som medarbejderens enhed behandler'
        from b join citizen_relation r on r.municipality = ${m} and r.cpr = b.subject_cpr
        join citizen_case c on c.municipality = ${m} and c.citizen_cpr = r.related_cpr and (c.responsible_unit_id = b.unit_id or c.assigned_employee_id = b.employee_id) and ${live}
    )
    insert into lookup_explanation (municipality, log_seq, log_time, kind, detail)
    select distinct on (seq) ${m}, seq, time, kind, detail from reasons order by seq, prio
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The share of a period's lookups on a person that carry an explanation (0 when there are none). */
export async function explainedShare(db: Executor, municipality: string, from: Date, to: Date): Promise<{ lookups: number; explained: number; share: number }> {
  const { rows } = await sql<{ lookups: number; explained: number }>`
    select count(*)::int as lookups, count(x.log_seq)::int as explained
    from access_log a left join lookup_explanation x on x.municipality = a.municipality and x.log_seq = a.seq
    where a.municipality = ${municipality} and a.time >= ${from} and a.time < ${to} and a.subject_cpr is not null`.execute(db);
  const r = rows[0] ?? { lookups: 0, explained: 0 };
  return { lookups: r.lookups, explained: r.explained, share: r.lookups ? r.explained / r.lookups : 0 };
}
