// Drawing a random sample (CTL-1): among the chosen employees or units, pick employees at random and for each 5–6
// of the lookups they made 1–3 days before the sample date, then open a follow-up case (control_case kind 'sample').
// The seed comes from the CSPRNG at draw time and is recorded with the eligible pool and the newest log seq
// considered, so the same seed reproduces the same selection for audit (replaySample) while nobody can predict it.
import { openControlCase } from '../control/index.ts';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, SampleDrawTable } from '../../db/schema.ts';
import { addDays, danishDate, danishMidnight, dateColumn, isCalendarDate } from './dates.ts';
import { newSeed, pickIndices, seededRandom } from './random.ts';
import { checkTargets, drawNextDate, getSchedule, SamplingError, type SampleTargets } from './schedule.ts';

/** The lookups chosen for one employee and the follow-up case opened for them. */
export interface SampledEmployee {
  userId: string;
  employeeId: string | null;
  caseId: string;
  records: { seq: number; time: string }[];
}

/** A drawn sample as security staff see it. */
export interface SampleView {
  id: string;
  trigger: 'manual' | 'scheduled';
  drawnAt: string;
  drawnBy: string;
  sampleDate: string;
  seed: string;
  targets: SampleTargets;
  employeesPerSample: number;
  poolSize: number;
  maxLogSeq: number;
  selection: SampledEmployee[];
}

/** What a draw needs: the database, municipality and clock. */
export interface SamplingDeps {
  db: Kysely<Database>;
  municipality: string;
  now: () => Date;
}

/** Options for one draw; unset fields come from the schedule. */
export interface DrawInput {
  actorId: string;
  trigger: 'manual' | 'scheduled';
  sampleDate?: string;
  targets?: SampleTargets;
  employeesPerSample?: number;
}

/** Days a sampled employee has to explain the lookups. */
export const SAMPLE_DUE_DAYS = 14;
/** Lookups per sampled employee: 5 or 6, drawn. */
export const SAMPLE_LOOKUPS = [5, 6] as const;

type Executor = Kysely<Database> | Transaction<Database>;

/** The window a sample date looks at: the three Danish calendar days before it. */
export function sampleWindow(sampleDate: string): { from: Date; to: Date } {
  return { from: danishMidnight(addDays(sampleDate, -3)), to: danishMidnight(sampleDate) };
}

/** The employees (user identities, sorted) the targets cover who were employed in the window. */
async function targetUsers(db: Executor, municipality: string, targets: SampleTargets, sampleDate: string): Promise<{ username: string; id: string }[]> {
  let q = db
    .selectFrom('employee')
    .select(['username', 'id'])
    .where('municipality', '=', municipality)
    .where('employed_from', '<', sampleDate)
    .where((eb) => eb.or([eb('employed_until', 'is', null), eb('employed_until', '>=', addDays(sampleDate, -3))]));
  if (targets.kind === 'units') q = q.where('unit_id', 'in', targets.ids);
  if (targets.kind === 'employees') q = q.where('username', 'in', targets.ids);
  return q.orderBy('username').execute();
}

/** Candidate lookups of one user in the window, up to maxSeq, in a fixed order (time, seq). */
async function candidates(db: Executor, municipality: string, userId: string, window: { from: Date; to: Date }, maxSeq: number): Promise<{ seq: number; time: Date }[]> {
  return db
    .selectFrom('access_log')
    .select(['seq', 'time'])
    .where('municipality', '=', municipality)
    .where('user_id', '=', userId)
    .where('time', '>=', window.from)
    .where('time', '<', window.to)
    .where('seq', '<=', maxSeq)
    .orderBy('time')
    .orderBy('seq')
    .execute();
}

/**
 * The selection for a seed, pool and bound: which employees (pool indices) and which of their lookups. Pure given
 * the database's append-only log; used both to draw and to replay.
 */
async function select(db: Executor, municipality: string, seed: string, pool: readonly string[], sampleDate: string, maxSeq: number, perSample: number): Promise<{ userId: string; records: { seq: number; time: Date }[] }[]> {
  const window = sampleWindow(sampleDate);
  const chosen = pickIndices(seededRandom(seed, 'employees'), pool.length, perSample).map((i) => pool[i]!).sort();
  const out: { userId: string; records: { seq: number; time: Date }[] }[] = [];
  for (const userId of chosen) {
    const list = await candidates(db, municipality, userId, window, maxSeq);
    const random = seededRandom(seed, `lookups:${userId}`);
    const count = SAMPLE_LOOKUPS[random.int(SAMPLE_LOOKUPS.length)]!;
    const picked = pickIndices(random, list.length, count).map((i) => list[i]!);
    picked.sort((a, b) => new Date(a.time).getTime() - new Date(b.time).getTime() || Number(a.seq) - Number(b.seq));
    out.push({ userId, records: picked.map((r) => ({ seq: Number(r.seq), time: new Date(r.time) })) });
  }
  return out;
}

function drawId(now: Date): string {
  return `SP-${danishDate(now).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
}

/**
 * Draws a sample now. Refuses (SamplingError, nothing stored) when the targets have no employees or those have no
 * lookups in the window. Serialised per municipality; moves the schedule's next date to a new random one.
 */
export async function drawSample(deps: SamplingDeps, input: DrawInput): Promise<SampleView> {
  const now = deps.now();
  const today = danishDate(now);
  const sampleDate = input.sampleDate ?? today;
  if (!isCalendarDate(sampleDate) || sampleDate > today) throw new SamplingError('invalid_date', 'Stikprøvedatoen skal være en dato, der ikke ligger i fremtiden.');
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`sample:${deps.municipality}`}))`.execute(trx);
    const schedule = await getSchedule(trx, deps.municipality);
    const targets = input.targets ?? schedule.targets;
    const perSample = input.employeesPerSample ?? schedule.employeesPerSample;
    await checkTargets(trx, deps.municipality, targets);
    const employees = await targetUsers(trx, deps.municipality, targets, sampleDate);
    if (employees.length === 0) throw new SamplingError('empty_unit', targets.kind === 'employees' ? 'De valgte medarbejdere var ikke ansat i perioden. Der er ikke udtaget nogen stikprøve.' : 'Der er ingen medarbejdere i de valgte enheder. Der er ikke udtaget nogen stikprøve.');
    const window = sampleWindow(sampleDate);
    const head = await trx.selectFrom('access_log_head').select('seq').where('municipality', '=', deps.municipality).executeTakeFirst();
    const maxSeq = Number(head?.seq ?? 0);
    const usernames = employees.map((e) => e.username);
    const active = await trx
      .selectFrom('access_log')
      .select('user_id')
      .distinct()
      .where('municipality', '=', deps.municipality)
      .where('user_id', 'in', usernames)
      .where('time', '>=', window.from)
      .where('time', '<', window.to)
      .where('seq', '<=', maxSeq)
      .execute();
    const pool = active.map((r) => r.user_id).sort();
    if (pool.length === 0) throw new SamplingError('no_lookups', `Ingen af de valgte medarbejdere har foretaget opslag i de tre dage før ${sampleDate}. Der er ikke udtaget nogen stikprøve.`);

    const seed = newSeed();
    const picked = await select(trx, deps.municipality, seed, pool, sampleDate, maxSeq, perSample);
    const id = drawId(now);
    const byUsername = new Map(employees.map((e) => [e.username, e.id]));
    const selection: SampledEmployee[] = [];
    for (const [index, p] of picked.entries()) {
      const employeeId = byUsername.get(p.userId) ?? null;
      // The same follow-up as alerts (CTL-1, CTL-3): explanation, review by the manager, closing.
      const { caseId } = await openControlCase(trx, { municipality: deps.municipality, kind: 'sample', userId: p.userId, records: p.records, now, actorId: input.actorId, details: { sample: id, draw: index + 1 } });
      selection.push({ userId: p.userId, employeeId, caseId, records: p.records.map((r) => ({ seq: r.seq, time: r.time.toISOString() })) });
    }
    await trx
      .insertInto('sample_draw')
      .values({
        municipality: deps.municipality,
        id,
        trigger: input.trigger,
        drawn_at: now,
        drawn_by: input.actorId,
        sample_date: sampleDate,
        seed,
        target_kind: targets.kind,
        target_ids: targets.ids,
        pool,
        max_log_seq: maxSeq,
        employees_per_sample: perSample,
        selection: JSON.stringify(selection),
        control_case_ids: selection.map((s) => s.caseId),
      })
      .execute();
    if (schedule.configured) {
      await trx
        .updateTable('sample_schedule')
        .set({ last_sample_date: sampleDate, next_sample_date: drawNextDate(today, schedule.minIntervalDays, schedule.maxIntervalDays) })
        .where('municipality', '=', deps.municipality)
        .execute();
    }
    return { id, trigger: input.trigger, drawnAt: now.toISOString(), drawnBy: input.actorId, sampleDate, seed, targets, employeesPerSample: perSample, poolSize: pool.length, maxLogSeq: maxSeq, selection };
  });
}

function toView(r: Selectable<SampleDrawTable>): SampleView {
  const selection = (typeof r.selection === 'string' ? JSON.parse(r.selection) : r.selection) as SampledEmployee[];
  return {
    id: r.id,
    trigger: r.trigger,
    drawnAt: new Date(r.drawn_at).toISOString(),
    drawnBy: r.drawn_by,
    sampleDate: dateColumn(r.sample_date),
    seed: r.seed,
    targets: r.target_kind === 'all' ? { kind: 'all', ids: [] } : { kind: r.target_kind as 'units' | 'employees', ids: r.target_ids },
    employeesPerSample: r.employees_per_sample,
    poolSize: r.pool.length,
    maxLogSeq: Number(r.max_log_seq),
    selection,
  };
}

/** The drawn samples, newest first. */
export async function listSamples(db: Executor, municipality: string, limit = 100): Promise<SampleView[]> {
  const rows = await db.selectFrom('sample_draw').selectAll().where('municipality', '=', municipality).orderBy('drawn_at', 'desc').limit(limit).execute();
  return rows.map((r) => toView(r));
}

/** One drawn sample, or undefined. */
export async function getSample(db: Executor, municipality: string, id: string): Promise<SampleView | undefined> {
  const row = await db.selectFrom('sample_draw').selectAll().where('municipality', '=', municipality).where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : undefined;
}

/** Replays a recorded draw from its seed, pool and log bound; `matches` is true when the same selection comes out. */
export async function replaySample(db: Executor, municipality: string, id: string): Promise<{ matches: boolean; selection: { userId: string; seqs: number[] }[] } | undefined> {
  const row = await db.selectFrom('sample_draw').selectAll().where('municipality', '=', municipality).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const stored = toView(row).selection.map((s) => ({ userId: s.userId, seqs: s.records.map((r) => r.seq) }));
  const again = (await select(db, municipality, row.seed, row.pool, dateColumn(row.sample_date), Number(row.max_log_seq), row.employees_per_sample)).map((s) => ({ userId: s.userId, seqs: s.records.map((r) => r.seq) }));
  return { matches: JSON.stringify(stored) === JSON.stringify(again), selection: again };
}

/** Draws the scheduled sample when its date has come (call periodically); undefined when nothing is due. */
export async function runDueSample(deps: SamplingDeps): Promise<SampleView | { refused: string } | undefined> {
  const schedule = await getSchedule(deps.db, deps.municipality);
  if (!schedule.configured || !schedule.enabled || !schedule.nextSampleDate || schedule.nextSampleDate > danishDate(deps.now())) return undefined;
  try {
    return await drawSample(deps, { actorId: 'system', trigger: 'scheduled' });
  } catch (error) {
    if (error instanceof SamplingError) return { refused: error.code };
    throw error;
  }
}
