// Cases with real KLE numbers, the responsible unit chosen by KLE, hidden case types, cases of
// Børn og unge-udvalget (handled by its secretariat), and a handful of documents per case.
import { kleSubjects, kleTitle } from '../reference/index.ts';
import { ageOn, type Population } from './citizens.ts';
import { BOERN_OG_UNGE_UDVALGET } from './org.ts';
import { dayNumber, isoDate, type Random } from './random.ts';
import type { CaseRow, DocumentRow, EmployeeRow } from './types.ts';

/** KLE subjects whose very existence is confidential (hidden case types). */
export const HIDDEN_KLE = ['34.10.30', '34.25.00', '32.45.04', '27.25.08', '27.25.12'] as const;

// Titles for subjects not in kle.json (titles are otherwise resolved by the reference module).
const FALLBACK_TITLES: Record<string, string> = {
  '34.10.30': 'Underretninger',
  '34.25.00': 'Anbringelse i almindelighed',
  '32.45.04': 'Kontrol med sociale ydelser',
  '27.25.08': 'Kriminalpræventiv indsats, SSP',
  '27.25.12': 'Individuel kriminalpræventiv indsats, SSP',
};

const subjectTitles = new Map(kleSubjects.map((s) => [s.code, s.title]));

type Who = 'any' | 'adult' | 'working' | 'elderly' | 'child' | 'teen' | 'parent' | 'protected' | 'deceased';

interface CaseType {
  kle: string;
  who: Who;
  weight: number;
  authority?: string;
}

/** What kinds of cases the demo has, who they are about and how common they are. */
const CASE_TYPES: readonly CaseType[] = [
  // Borgerservice
  { kle: '23.09.02', who: 'any', weight: 10 },
  { kle: '23.09.04', who: 'adult', weight: 8 },
  { kle: '23.05.10', who: 'any', weight: 8 },
  { kle: '23.05.12', who: 'adult', weight: 2 },
  { kle: '23.05.01', who: 'any', weight: 3 },
  { kle: '23.05.05', who: 'protected', weight: 1 },
  { kle: '23.05.08', who: 'adult', weight: 2 },
  { kle: '23.04.00', who: 'adult', weight: 2 },
  { kle: '23.01.02', who: 'adult', weight: 2 },
  { kle: '23.09.15', who: 'adult', weight: 1 },
  { kle: '23.15.10', who: 'adult', weight: 2 },
  { kle: '23.15.15', who: 'adult', weight: 3 },
  { kle: '23.15.25', who: 'adult', weight: 5 },
  { kle: '23.19.08', who: 'elderly', weight: 1 },
  { kle: '23.19.12', who: 'elderly', weight: 1 },
  { kle: '23.25.10', who: 'adult', weight: 1 },
  { kle: '23.30.15', who: 'elderly', weight: 2 },
  { kle: '27.35.04', who: 'elderly', weight: 2 },
  { kle: '27.36.04', who: 'elderly', weight: 3 },
  { kle: '27.60.08', who: 'elderly', weight: 2 },
  { kle: '29.03.04', who: 'any', weight: 5 },
  { kle: '29.03.06', who: 'any', weight: 3 },
  { kle: '29.03.12', who: 'adult', weight: 4 },
  { kle: '84.03.02', who: 'adult', weight: 1 },
  // Ydelse
  { kle: '32.03.04', who: 'elderly', weight: 6 },
  { kle: '32.03.12', who: 'elderly', weight: 4 },
  { kle: '32.06.04', who: 'elderly', weight: 3 },
  { kle: '32.06.08', who: 'adult', weight: 3 },
  { kle: '32.06.12', who: 'working', weight: 1 },
  { kle: '32.06.16', who: 'adult', weight: 1 },
  { kle: '32.10.04', who: 'parent', weight: 2 },
  { kle: '32.12.00', who: 'parent', weight: 2 },
  { kle: '32.42.08', who: 'deceased', weight: 1 },
  { kle: '32.64.04', who: 'adult', weight: 1 },
  { kle: '32.45.10', who: 'working', weight: 1 },
  { kle: '32.45.04', who: 'working', weight: 1.5 },
  // Jobcenter
  { kle: '32.24.04', who: 'working', weight: 6 },
  { kle: '32.21.12', who: 'working', weight: 2 },
  { kle: '32.03.16', who: 'working', weight: 3 },
  // Børn og Familie
  { kle: '34.10.10', who: 'child', weight: 3 },
  { kle: '34.10.30', who: 'child', weight: 3 },
  { kle: '34.15.25', who: 'child', weight: 3 },
  { kle: '34.25.00', who: 'child', weight: 1 },
  { kle: '27.25.08', who: 'teen', weight: 1 },
  { kle: '27.25.12', who: 'teen', weight: 1 },
  // Børn og unge-udvalget (another authority; its secretariat handles them)
  { kle: '34.25.00', who: 'child', weight: 0.6, authority: BOERN_OG_UNGE_UDVALGET },
  { kle: '34.10.10', who: 'child', weight: 0.3, authority: BOERN_OG_UNGE_UDVALGET },
];

/** The responsible unit for a case: by authority first, then by KLE (most specific prefix wins), then by main group. */
export function unitForKle(kle: string, options: { authority?: string; citizenAge?: number } = {}): string {
  if (options.authority === BOERN_OG_UNGE_UDVALGET) return 'sekretariat-buu';
  const young = (options.citizenAge ?? 99) < 30;
  const bySubject: readonly [string, string][] = [
    ['27.25', 'bf-ssp'],
    ['32.45', 'ydelse-kontrol'],
    ['32.24', young ? 'jobcenter-unge' : 'jobcenter'],
    ['32.21', young ? 'jobcenter-unge' : 'jobcenter'],
    ['32.03.16', 'jobcenter'],
    ['32.10', 'ydelse'],
    ['32.12', 'ydelse'],
  ];
  for (const [prefix, unit] of bySubject) if (kle.startsWith(prefix)) return unit;
  const main = kle.slice(0, 2);
  if (main === '34') return 'bf-myndighed';
  if (main === '32') return 'ydelse-pension';
  if (main === '15') return young ? 'jobcenter-unge' : 'jobcenter';
  if (main === '85') return 'it';
  return 'borgerservice';
}

const DOC_TITLES: Record<string, readonly string[]> = {
  default: ['Ansøgning', 'Kvittering for modtagelse', 'Journalnotat', 'Partshøring', 'Afgørelse', 'Korrespondance med borger'],
  '34.10.30': ['Underretning', 'Journalnotat', 'Kvittering til underretter', 'Vurdering af underretning'],
  '34.25.00': ['Børnefaglig undersøgelse', 'Handleplan', 'Indstilling', 'Afgørelse om anbringelse', 'Journalnotat'],
  '32.45.04': ['Kontrolnotat', 'Registersamkøring', 'Partshøring', 'Afgørelse'],
};

/** Generates cases (about 0.35 per citizen) and their documents. */
export function generateCases(rng: Random, code: string, population: Population, employees: EmployeeRow[], referenceDate: string): { cases: CaseRow[]; documents: DocumentRow[] } {
  const today = dayNumber(referenceDate);
  const { citizens, people } = population;
  const age = (i: number) => ageOn(people[i]!.birthDay, today);
  const alive = (i: number) => citizens[i]!.deceased_on === null;
  const all = citizens.map((_, i) => i);
  const pools: Record<Who, number[]> = {
    any: all.filter(alive),
    adult: all.filter((i) => alive(i) && age(i) >= 18),
    working: all.filter((i) => alive(i) && age(i) >= 18 && age(i) <= 66),
    elderly: all.filter((i) => alive(i) && age(i) >= 67),
    child: all.filter((i) => alive(i) && age(i) < 18),
    teen: all.filter((i) => alive(i) && age(i) >= 12 && age(i) < 18),
    parent: all.filter((i) => alive(i) && population.parents.has(i) && age(i) < 60),
    protected: all.filter((i) => alive(i) && citizens[i]!.address_protected),
    deceased: all.filter((i) => !alive(i)),
  };
  const staffOf = new Map<string, { active: EmployeeRow[]; all: EmployeeRow[] }>();
  for (const e of employees) {
    const entry = staffOf.get(e.unit_id) ?? { active: [], all: [] };
    const ordinary = !e.roles.includes('manager');
    if (ordinary) entry.all.push(e);
    if (ordinary && (e.employed_until === null || e.employed_until > referenceDate)) entry.active.push(e);
    staffOf.set(e.unit_id, entry);
  }
  const types = CASE_TYPES.filter((t) => pools[t.who].length > 0).map((t) => [t, t.weight] as const);
  const serials = new Map<string, number>();
  const cases: CaseRow[] = [];
  const documents: DocumentRow[] = [];
  const target = Math.round(citizens.length * 0.35);

  for (let n = 0; n < target; n++) {
    const type = rng.weighted(types);
    const who = rng.pick(pools[type.who]);
    const citizen = citizens[who]!;
    const born = people[who]!.birthDay;
    const lastDay = citizen.deceased_on ? dayNumber(citizen.deceased_on) : today;
    // Recent cases are more common; never before birth (or before 2012).
    const earliest = Math.max(born, dayNumber('2012-01-01'));
    const span = Math.max(0, lastDay - earliest);
    const opened = lastDay - Math.floor(Math.pow(rng.next(), 1.6) * span);
    const ageDays = today - opened;
    const closed = citizen.deceased_on !== null || rng.chance(ageDays > 365 ? 0.85 : ageDays > 60 ? 0.45 : 0.1);
    const closedDay = closed ? Math.min(today, opened + rng.int(3, Math.max(3, Math.min(540, today - opened)))) : null;
    const unit = unitForKle(type.kle, { ...(type.authority ? { authority: type.authority } : {}), citizenAge: ageOn(born, opened) });
    const staff = staffOf.get(unit);
    const candidates = closed ? staff?.all : staff?.active;
    const assigned = candidates && candidates.length > 0 && (closed || rng.chance(0.95)) ? rng.pick(candidates) : null;
    const year = isoDate(opened).slice(2, 4);
    const serialKey = `${type.kle}|${year}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const id = `S${String(n + 1).padStart(6, '0')}`;
    const subjectTitle = subjectTitles.get(type.kle) ?? FALLBACK_TITLES[type.kle] ?? kleTitle(type.kle) ?? `KLE ${type.kle}`;
    cases.push({
      municipality: code,
      id,
      case_number: `${type.kle}-G01-${serial}-${year}`,
      citizen_cpr: citizen.cpr,
      kle: type.kle,
      facet: 'G01',
      title: type.authority === BOERN_OG_UNGE_UDVALGET ? `Børn og unge-udvalget: ${subjectTitle}` : subjectTitle,
      status: closed ? 'closed' : 'open',
      authority: type.authority ?? 'municipality',
      system: 'skjold',
      responsible_unit_id: unit,
      assigned_employee_id: assigned?.id ?? null,
      opened_on: isoDate(opened),
      closed_on: closedDay === null ? null : isoDate(closedDay),
    });
    if (!rng.chance(0.45)) continue;
    const titles = DOC_TITLES[type.kle] ?? DOC_TITLES.default!;
    const docCount = rng.int(1, 4);
    const end = closedDay ?? today;
    for (let d = 0; d < docCount; d++) {
      const day = opened + Math.floor(((end - opened) * d) / docCount) + (d === 0 ? 0 : rng.int(0, 2));
      const minutes = rng.int(8 * 60, 15 * 60 + 30);
      const at = `${isoDate(Math.min(day, end))}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
      const title = titles[Math.min(d, titles.length - 1)]!;
      documents.push({
        municipality: code,
        id: `D${String(documents.length + 1).padStart(6, '0')}`,
        case_id: id,
        title,
        body: `${title} i sagen om ${subjectTitle.toLowerCase()}. Dokumentet er fiktivt og genereret til demo-formål.`,
        created_at: at,
        created_by: assigned?.id ?? rng.pick(staff?.all.length ? staff.all : employees).id,
      });
    }
  }
  return { cases, documents };
}
