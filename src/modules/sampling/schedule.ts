// The sampling schedule (CTL-1): who is sampled, and the next date, drawn at random at most `max_interval_days`
// (default 180, never above 183 ≈ 6 months) after the last sample. Only security staff see or change it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { addDays, danishDate, dateColumn } from './dates.ts';
import { randomDays } from './random.ts';

/** Who a sample is drawn among: every employee, some units, or named employees (by user identity). */
export type SampleTargets = { kind: 'all'; ids: [] } | { kind: 'units' | 'employees'; ids: string[] };

/** The schedule as security staff see it. */
export interface SampleSchedule {
  configured: boolean;
  enabled: boolean;
  minIntervalDays: number;
  maxIntervalDays: number;
  targets: SampleTargets;
  employeesPerSample: number;
  lastSampleDate: string | null;
  nextSampleDate: string | null;
}

/** What security staff may set. */
export interface ScheduleInput {
  enabled: boolean;
  minIntervalDays: number;
  maxIntervalDays: number;
  targets: SampleTargets;
  employeesPerSample: number;
}

/** The longest allowed gap between samples in days (about six months). */
export const MAX_SAMPLE_INTERVAL_DAYS = 183;

/** A sampling request or setting that cannot be carried out; the message is safe to show, nothing was stored. */
export class SamplingError extends Error {
  constructor(readonly code: 'empty_unit' | 'no_lookups' | 'unknown_target' | 'invalid_schedule' | 'invalid_date', message: string) {
    super(message);
    this.name = 'SamplingError';
  }
}

type Executor = Kysely<Database> | Transaction<Database>;

const defaults = { enabled: true, minIntervalDays: 1, maxIntervalDays: 180, targets: { kind: 'all', ids: [] } as SampleTargets, employeesPerSample: 3 };

/** Reads the schedule (defaults when none is configured yet). */
export async function getSchedule(db: Executor, municipality: string): Promise<SampleSchedule> {
  const row = await db.selectFrom('sample_schedule').selectAll().where('municipality', '=', municipality).executeTakeFirst();
  if (!row) return { configured: false, ...defaults, lastSampleDate: null, nextSampleDate: null };
  return {
    configured: true,
    enabled: row.enabled,
    minIntervalDays: row.min_interval_days,
    maxIntervalDays: row.max_interval_days,
    targets: row.target_kind === 'all' ? { kind: 'all', ids: [] } : { kind: row.target_kind, ids: row.target_ids },
    employeesPerSample: row.employees_per_sample,
    lastSampleDate: dateColumn(row.last_sample_date),
    nextSampleDate: dateColumn(row.next_sample_date),
  };
}

/** Checks that the targets exist; throws SamplingError('unknown_target') naming how many do not. */
export async function checkTargets(db: Executor, municipality: string, targets: SampleTargets): Promise<void> {
  if (targets.kind === 'all') return;
  if (targets.ids.length === 0) throw new SamplingError('unknown_target', targets.kind === 'units' ? 'Vælg mindst én enhed.' : 'Vælg mindst én medarbejder.');
  const found =
    targets.kind === 'units'
      ? await db.selectFrom('org_unit').select('id as key').where('municipality', '=', municipality).where('id', 'in', targets.ids).execute()
      : await db.selectFrom('employee').select('username as key').where('municipality', '=', municipality).where('username', 'in', targets.ids).execute();
  const missing = new Set(targets.ids);
  for (const f of found) missing.delete(f.key);
  if (missing.size > 0) throw new SamplingError('unknown_target', targets.kind === 'units' ? `${missing.size} af de valgte enheder findes ikke.` : `${missing.size} af de valgte medarbejdere findes ikke.`);
}

/** Draws the next sample date: a uniformly random number of days in [min, max] after `from`. */
export function drawNextDate(from: string, minDays: number, maxDays: number): string {
  return addDays(from, randomDays(minDays, maxDays));
}

/** Sets the schedule; a new window or a first setting draws a new next date. Recorded as config.changed (no dates). */
export async function configureSchedule(db: Kysely<Database>, municipality: string, input: ScheduleInput, actor: { userId: string; ip: string; workstation: string }, now: Date): Promise<SampleSchedule> {
  if (!(Number.isInteger(input.minIntervalDays) && Number.isInteger(input.maxIntervalDays) && input.minIntervalDays >= 1 && input.minIntervalDays <= input.maxIntervalDays && input.maxIntervalDays <= MAX_SAMPLE_INTERVAL_DAYS)) {
    throw new SamplingError('invalid_schedule', `Intervallet skal være mellem 1 og ${MAX_SAMPLE_INTERVAL_DAYS} dage (højst et halvt år), og mindst må ikke være større end højst.`);
  }
  if (!Number.isInteger(input.employeesPerSample) || input.employeesPerSample < 1 || input.employeesPerSample > 50) throw new SamplingError('invalid_schedule', 'Antal medarbejdere pr. stikprøve skal være 1–50.');
  await checkTargets(db, municipality, input.targets);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('sample_schedule').selectAll().where('municipality', '=', municipality).forUpdate().executeTakeFirst();
    const current = row && { ...row, last_sample_date: dateColumn(row.last_sample_date), next_sample_date: dateColumn(row.next_sample_date) };
    const today = danishDate(now);
    const windowChanged = !current || current.min_interval_days !== input.minIntervalDays || current.max_interval_days !== input.maxIntervalDays;
    let next = current?.next_sample_date ?? today;
    if (windowChanged) {
      const base = current?.last_sample_date && current.last_sample_date >= addDays(today, -input.maxIntervalDays) ? current.last_sample_date : today;
      next = drawNextDate(base, input.minIntervalDays, input.maxIntervalDays);
      if (next < today) next = drawNextDate(today, input.minIntervalDays, input.maxIntervalDays);
    }
    const values = {
      enabled: input.enabled,
      min_interval_days: input.minIntervalDays,
      max_interval_days: input.maxIntervalDays,
      target_kind: input.targets.kind,
      target_ids: input.targets.ids,
      employees_per_sample: input.employeesPerSample,
      next_sample_date: next,
      updated_by: actor.userId,
      updated_at: now,
    };
    await trx
      .insertInto('sample_schedule')
      .values({ municipality, last_sample_date: null, ...values })
      .onConflict((oc) => oc.column('municipality').doUpdateSet(values))
      .execute();
    // The next date stays out of the event: it must not be predictable to anyone but the security staff.
    await recordSecurityEvent(trx, { municipality, type: 'config.changed', actorId: actor.userId, ip: actor.ip, workstation: actor.workstation, details: { setting: 'sample-schedule', targets: input.targets.kind, enabled: input.enabled } });
    return getSchedule(trx, municipality);
  });
}
