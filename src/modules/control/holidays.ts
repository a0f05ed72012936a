// Danish public holidays and opening hours (CTL-2 "outside opening hours"): pure functions, no database.

/** Easter Sunday (Gregorian, anonymous algorithm) as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The Danish public holidays of a year with their Danish names: nytårsdag, skærtorsdag, langfredag, påskedag,
 * 2. påskedag, store bededag (until 2023, abolished from 2024), Kristi himmelfartsdag, pinsedag, 2. pinsedag,
 * grundlovsdag (5 June, a closing day for public offices), juleaftensdag, juledag, 2. juledag and nytårsaftensdag
 * (the last two are customary closing days of municipal offices).
 */
export function danishHolidays(year: number): { date: string; name: string }[] {
  const easter = easterSunday(year);
  const list = [
    { date: `${year}-01-01`, name: 'Nytårsdag' },
    { date: addDays(easter, -3), name: 'Skærtorsdag' },
    { date: addDays(easter, -2), name: 'Langfredag' },
    { date: easter, name: 'Påskedag' },
    { date: addDays(easter, 1), name: '2. påskedag' },
    ...(year <= 2023 ? [{ date: addDays(easter, 26), name: 'Store bededag' }] : []),
    { date: addDays(easter, 39), name: 'Kristi himmelfartsdag' },
    { date: addDays(easter, 49), name: 'Pinsedag' },
    { date: addDays(easter, 50), name: '2. pinsedag' },
    { date: `${year}-06-05`, name: 'Grundlovsdag' },
    { date: `${year}-12-24`, name: 'Juleaftensdag' },
    { date: `${year}-12-25`, name: 'Juledag' },
    { date: `${year}-12-26`, name: '2. juledag' },
    { date: `${year}-12-31`, name: 'Nytårsaftensdag' },
  ];
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/** The holiday dates (YYYY-MM-DD) of every year a period touches, for the SQL of the outside-hours rule. */
export function holidayDates(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let y = from.getUTCFullYear(); y <= to.getUTCFullYear(); y++) out.push(...danishHolidays(y).map((h) => h.date));
  return out;
}

/** Opening hours of one weekday: opens and closes as HH:MM (local time, Europe/Copenhagen). */
export interface DayHours {
  opens: string;
  closes: string;
}

/** The default opening hours by ISO weekday (1 = Monday): Mon–Thu 08–16, Fri 08–14, closed at weekends. */
export const DEFAULT_OPENING_HOURS: Readonly<Record<number, DayHours>> = {
  1: { opens: '08:00', closes: '16:00' },
  2: { opens: '08:00', closes: '16:00' },
  3: { opens: '08:00', closes: '16:00' },
  4: { opens: '08:00', closes: '16:00' },
  5: { opens: '08:00', closes: '14:00' },
};

/** The local (Europe/Copenhagen) date, ISO weekday and HH:MM of an instant. */
export function copenhagenParts(at: Date): { date: string; isodow: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const dow = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, isodow: dow, time: `${get('hour')}:${get('minute')}` };
}

/** True when an instant lies within the opening hours (default ones unless given), not on a holiday. */
export function isWithinOpeningHours(at: Date, hours: Readonly<Record<number, DayHours>> = DEFAULT_OPENING_HOURS, extraClosedDays: readonly string[] = []): boolean {
  const p = copenhagenParts(at);
  const y = Number(p.date.slice(0, 4));
  if (danishHolidays(y).some((h) => h.date === p.date) || extraClosedDays.includes(p.date)) return false;
  const day = hours[p.isodow];
  return day !== undefined && p.time >= day.opens && p.time < day.closes;
}
