// The recurring notice to employees (CTL-4, INS-3): lookups are logged and controlled. Every employee must
// acknowledge it again every N months (default 2, 1–12 per municipality); acknowledgements are append-only.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';

/** The notice in force; bump the version when the text changes so everyone acknowledges the new text. */
export const LOGGING_NOTICE = {
  version: 1,
  title: 'Dine opslag bliver logget og kontrolleret',
  paragraphs: [
    'Alle opslag i borgernes oplysninger bliver logget: hvornår, hvem, i hvilket system og om hvilken borger.',
    'Kommunen kontrollerer loggen. Det sker ved stikprøver, hvor du kan blive bedt om at forklare nogle af dine opslag, og ved automatisk overvågning af usædvanlige opslag.',
    'Borgerne kan selv se, hvornår og af hvilken enhed deres oplysninger er slået op.',
    'Slå kun oplysninger op, når du har et arbejdsmæssigt behov for dem. Misbrug kan få ansættelsesretlige følger og kan straffes.',
  ],
} as const;

/** Default and bounds of the acknowledgement interval in months. */
export const DEFAULT_NOTICE_INTERVAL_MONTHS = 2;
export const MIN_NOTICE_INTERVAL_MONTHS = 1;
export const MAX_NOTICE_INTERVAL_MONTHS = 12;

/** The signed-in user's notice status: due or not, the text, and when it was last acknowledged. */
export interface NoticeStatus {
  due: boolean;
  version: number;
  title: string;
  paragraphs: readonly string[];
  intervalMonths: number;
  lastAcknowledgedAt: string | null;
  nextDueAt: string | null;
}

/** Raised when an acknowledgement names another notice version than the one in force. */
export class NoticeVersionError extends Error {
  constructor() {
    super('Meddelelsen er blevet opdateret. Læs den nye tekst og bekræft igen.');
    this.name = 'NoticeVersionError';
  }
}

/** The date `months` calendar months after `from` (clamped to the month's last day). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The municipality's interval in months (default 2). */
export async function getNoticeInterval(db: Kysely<Database>, municipality: string): Promise<number> {
  const row = await db.selectFrom('notice_setting').select('interval_months').where('municipality', '=', municipality).executeTakeFirst();
  return row?.interval_months ?? DEFAULT_NOTICE_INTERVAL_MONTHS;
}

/** Whether the user must acknowledge the notice now. */
export async function noticeStatus(db: Kysely<Database>, municipality: string, userId: string, now: Date): Promise<NoticeStatus> {
  const [intervalMonths, last] = await Promise.all([
    getNoticeInterval(db, municipality),
    db
      .selectFrom('notice_acknowledgement')
      .select('acknowledged_at')
      .where('municipality', '=', municipality)
      .where('user_id', '=', userId)
      .where('notice_version', '=', LOGGING_NOTICE.version)
      .orderBy('acknowledged_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const lastAt = last ? new Date(last.acknowledged_at) : null;
  const nextDue = lastAt ? addMonths(lastAt, intervalMonths) : null;
  return {
    due: nextDue === null || nextDue.getTime() <= now.getTime(),
    version: LOGGING_NOTICE.version,
    title: LOGGING_NOTICE.title,
    paragraphs: LOGGING_NOTICE.paragraphs,
    intervalMonths,
    lastAcknowledgedAt: lastAt?.toISOString() ?? null,
    nextDueAt: nextDue?.toISOString() ?? null,
  };
}

/** Records that the user acknowledged the notice version in force; returns the new status. */
export async function acknowledgeNotice(db: Kysely<Database>, municipality: string, userId: string, version: number, now: Date): Promise<NoticeStatus> {
  if (version !== LOGGING_NOTICE.version) throw new NoticeVersionError();
  await db.insertInto('notice_acknowledgement').values({ municipality, user_id: userId, notice_version: version, acknowledged_at: now }).execute();
  return noticeStatus(db, municipality, userId, now);
}

/** Sets how often the notice must be acknowledged (1–12 months); recorded as config.changed. */
export async function setNoticeInterval(db: Kysely<Database>, municipality: string, months: number, actor: { userId: string; ip: string; workstation: string }, now: Date): Promise<number> {
  if (!Number.isInteger(months) || months < MIN_NOTICE_INTERVAL_MONTHS || months > MAX_NOTICE_INTERVAL_MONTHS) throw new RangeError('interval out of range');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notice_setting')
      .values({ municipality, interval_months: months, updated_by: actor.userId, updated_at: now })
      .onConflict((oc) => oc.column('municipality').doUpdateSet({ interval_months: months, updated_by: actor.userId, updated_at: now }))
      .execute();
    await recordSecurityEvent(trx, { municipality, type: 'config.changed', actorId: actor.userId, ip: actor.ip, workstation: actor.workstation, details: { setting: 'notice-interval', months } });
  });
  return months;
}
