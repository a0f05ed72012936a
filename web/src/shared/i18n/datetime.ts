// Date and time in Danish time (Europe/Copenhagen), whatever the browser's own time zone is.
import type { Language } from './index.tsx';

/** The time zone every time in Skjold is shown in. */
export const SKJOLD_TIME_ZONE = 'Europe/Copenhagen';

const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withSeconds}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[language], { timeZone: SKJOLD_TIME_ZONE, dateStyle: 'short', timeStyle: withSeconds ? 'medium' : 'short' });
    cache.set(key, f);
  }
  return f;
}

/** Formats an ISO time (or Date) as date and time in Danish time, e.g. "03.05.2025 14.07.09". */
export function formatDateTime(value: string | Date, language: Language, options: { seconds?: boolean } = {}): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(language, options.seconds ?? true).format(date);
}

/** Minutes Copenhagen is ahead of UTC at the given instant (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(utcMillis: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: SKJOLD_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(utcMillis));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((asUtc - Math.floor(utcMillis / 60_000) * 60_000) / 60_000);
}

/** Reads a datetime-local value ("2025-05-03T14:07") as Danish time and returns the instant as ISO, or undefined. */
export function copenhagenLocalToIso(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let utc = wall - copenhagenOffsetMinutes(wall) * 60_000;
  utc = wall - copenhagenOffsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString();
}

/** Formats a date ("2025-05-03" or ISO time) as a date alone, in Danish time. */
export function formatDate(value: string, language: Language): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locales[language], { timeZone: SKJOLD_TIME_ZONE, dateStyle: 'short' }).format(date);
}

/** Today's date in Danish time as "YYYY-MM-DD" (the value of a date input). */
export function copenhagenToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SKJOLD_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The last millisecond of a "YYYY-MM-DD" day in Danish time, as ISO, or undefined for anything else. */
export function copenhagenEndOfDayIso(date: string): string | undefined {
  const start = copenhagenLocalToIso(`${date}T23:59`);
  return start ? new Date(Date.parse(start) + 59_999).toISOString() : undefined;
}

/** A "YYYY-MM-DD" date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
