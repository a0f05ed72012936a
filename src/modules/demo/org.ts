// The organisation: units (with sub-teams and the secretariat for Børn og unge-udvalget), employees with
// managers, titles, roles and home addresses, and the fixed demo logins.
import type { Role } from '../identity/roles.ts';
import { ageOn, type CprFactory, type Population } from './citizens.ts';
import { asciiLetters, firstName, lastName, OTHER_PLACES } from './names.ts';
import { dayNumber, isoDate, type Random } from './random.ts';
import type { DemoLogin, EmployeeRow, OrgUnitRow } from './types.ts';

/** The one password every demo login uses (demo mode only; the identity module stores its hash). */
export const DEMO_PASSWORD = 'Skjold-demo-2026!';

/** The authority Sekretariatet for Børn og unge-udvalget serves (ACC-5). */
export const BOERN_OG_UNGE_UDVALGET = 'boern-og-unge-udvalget';

interface UnitSpec {
  id: string;
  name: string;
  parent: string | null;
  share: number;
  kind?: 'secretariat';
  serves?: string;
  leaderTitle: string;
  titles: readonly string[];
}

/** The demo organisation; shares are relative staff sizes. */
export const UNIT_SPECS: readonly UnitSpec[] = [
  { id: 'direktion', name: 'Direktion', parent: null, share: 2, leaderTitle: 'Kommunaldirektør', titles: ['Chefkonsulent', 'Direktionssekretær', 'Jurist'] },
  { id: 'borgerservice', name: 'Borgerservice', parent: 'direktion', share: 11, leaderTitle: 'Borgerservicechef', titles: ['Borgerservicemedarbejder', 'Borgerservicemedarbejder', 'Administrativ medarbejder', 'Elev'] },
  { id: 'ydelse', name: 'Ydelse', parent: 'direktion', share: 5, leaderTitle: 'Ydelseschef', titles: ['Ydelsessagsbehandler', 'Administrativ medarbejder'] },
  { id: 'ydelse-pension', name: 'Pension og boligstøtte', parent: 'ydelse', share: 6, leaderTitle: 'Teamleder', titles: ['Pensionssagsbehandler', 'Ydelsessagsbehandler'] },
  { id: 'ydelse-kontrol', name: 'Kontrolgruppen', parent: 'ydelse', share: 2, leaderTitle: 'Teamleder', titles: ['Kontrolmedarbejder'] },
  { id: 'boern-og-familie', name: 'Børn og Familie', parent: 'direktion', share: 8, leaderTitle: 'Familiechef', titles: ['Socialrådgiver', 'Familiebehandler', 'Administrativ medarbejder'] },
  { id: 'bf-myndighed', name: 'Myndighed børn og unge', parent: 'boern-og-familie', share: 12, leaderTitle: 'Teamleder', titles: ['Socialrådgiver', 'Socialrådgiver', 'Familiebehandler'] },
  { id: 'bf-ssp', name: 'SSP og forebyggelse', parent: 'boern-og-familie', share: 3, leaderTitle: 'SSP-koordinator', titles: ['SSP-medarbejder', 'Gadeplansmedarbejder'] },
  { id: 'jobcenter', name: 'Jobcenter', parent: 'direktion', share: 17, leaderTitle: 'Jobcenterchef', titles: ['Jobkonsulent', 'Sagsbehandler', 'Virksomhedskonsulent', 'Administrativ medarbejder'] },
  { id: 'jobcenter-unge', name: 'Ungeindsatsen', parent: 'jobcenter', share: 7, leaderTitle: 'Teamleder', titles: ['Ungevejleder', 'Jobkonsulent'] },
  { id: 'sekretariat-buu', name: 'Sekretariatet for Børn og unge-udvalget', parent: 'direktion', share: 2, kind: 'secretariat', serves: BOERN_OG_UNGE_UDVALGET, leaderTitle: 'Sekretariatschef', titles: ['Sekretariatsmedarbejder', 'Jurist'] },
  { id: 'it', name: 'IT og Digitalisering', parent: 'direktion', share: 7, leaderTitle: 'IT-chef', titles: ['IT-supporter', 'Systemadministrator', 'Digitaliseringskonsulent', 'Projektleder'] },
];

/** The fixed demo users: username, where they sit, their title and roles, and a short Danish description. */
const DEMO_USERS: readonly { username: string; unit: string; title: string; roles: Role[]; description: string; leader?: true }[] = [
  { username: 'borgerservice', unit: 'borgerservice', title: 'Borgerservicemedarbejder', roles: ['employee'], description: 'Medarbejder i Borgerservice' },
  { username: 'leder', unit: 'borgerservice', title: 'Borgerservicechef', roles: ['manager', 'authorizer'], description: 'Leder af Borgerservice (godkender adgange)', leader: true },
  { username: 'sagsbehandler', unit: 'bf-myndighed', title: 'Socialrådgiver', roles: ['employee'], description: 'Socialrådgiver i Børn og Familie' },
  { username: 'sekretariat', unit: 'sekretariat-buu', title: 'Sekretariatsmedarbejder', roles: ['employee'], description: 'Sekretariatet for Børn og unge-udvalget' },
  { username: 'sikkerhed', unit: 'it', title: 'Informationssikkerhedskoordinator', roles: ['security'], description: 'Informationssikkerhedskoordinator' },
  { username: 'itadmin', unit: 'it', title: 'IT-administrator', roles: ['it-admin'], description: 'IT-administrator' },
  { username: 'systemejer', unit: 'it', title: 'Systemejer', roles: ['system-owner', 'authorizer'], description: 'Systemejer for borgersystemerne' },
  { username: 'dpo', unit: 'direktion', title: 'Databeskyttelsesrådgiver (DPO)', roles: ['dpo'], description: 'Databeskyttelsesrådgiver (DPO)' },
];

/** The demo logins (same on every start). */
export function demoLogins(): DemoLogin[] {
  return DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, description: u.description }));
}

/** The org_unit rows of the demo organisation. */
export function generateUnits(code: string): OrgUnitRow[] {
  return UNIT_SPECS.map((u) => ({ municipality: code, id: u.id, name: u.name, parent_id: u.parent, kind: u.kind ?? 'department', serves_authority: u.serves ?? null }));
}

function minimumSize(unit: string): number {
  // A leader, the demo users placed there, and at least one ordinary employee.
  return 2 + DEMO_USERS.filter((u) => u.unit === unit && !u.leader).length;
}

/** Splits `total` staff over the units by share; every unit gets a leader, its demo users and at least one employee. */
export function unitSizes(total: number): Map<string, number> {
  const needed = UNIT_SPECS.reduce((s, u) => s + minimumSize(u.id), 0);
  if (!Number.isInteger(total) || total < needed) throw new RangeError(`the demo needs at least ${needed} employees`);
  const shareSum = UNIT_SPECS.reduce((s, u) => s + u.share, 0);
  const sizes = new Map(UNIT_SPECS.map((u) => [u.id, Math.max(minimumSize(u.id), Math.floor((u.share / shareSum) * total))]));
  // Hand out or take back the rounding difference, largest units first.
  const bySize = [...UNIT_SPECS].sort((a, b) => b.share - a.share);
  let diff = total - [...sizes.values()].reduce((s, n) => s + n, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % bySize.length) {
    const id = bySize[i]!.id;
    const n = sizes.get(id)!;
    if (diff > 0) {
      sizes.set(id, n + 1);
      diff--;
    } else if (n > minimumSize(id)) {
      sizes.set(id, n - 1);
      diff++;
    }
  }
  return sizes;
}

/** Generates `total` employees over the units; about 55% live in the municipality and are also citizens (same CPR). */
export function generateEmployees(rng: Random, code: string, total: number, population: Population, cprs: CprFactory, referenceDate: string): EmployeeRow[] {
  const today = dayNumber(referenceDate);
  const sizes = unitSizes(total);
  const employees: EmployeeRow[] = [];
  const usernames = new Set<string>(DEMO_USERS.map((u) => u.username));
  const places = OTHER_PLACES.filter((p) => p.municipality !== code);
  // Citizens who could work here: alive, living here, of working age.
  const residents = rng.shuffle(
    population.citizens
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => c.deceased_on === null && c.home_municipality === code && !c.address_protected && ageOn(population.people[i]!.birthDay, today) >= 22 && ageOn(population.people[i]!.birthDay, today) <= 66)
      .map(({ i }) => i),
  );
  let nextResident = 0;
  const leaders = new Map<string, string>();
  const direktion: string[] = [];

  const username = (first: string, last: string): string => {
    const base = (asciiLetters(first).slice(0, 2) + asciiLetters(last).slice(0, 2)).padEnd(4, 'x');
    let name = base;
    for (let n = 2; usernames.has(name); n++) name = `${base}${n}`;
    usernames.add(name);
    return name;
  };

  for (const spec of UNIT_SPECS) {
    const size = sizes.get(spec.id)!;
    const demoHere = DEMO_USERS.filter((u) => u.unit === spec.id);
    for (let k = 0; k < size; k++) {
      const id = `E${String(employees.length + 1).padStart(4, '0')}`;
      const isLeader = k === 0;
      // Demo users take the last slots of their unit (or the leader slot when they are the leader).
      const staffDemos = demoHere.filter((u) => !u.leader);
      const demo = isLeader ? demoHere.find((u) => u.leader) : staffDemos[size - 1 - k];
      let person: { first: string; last: string; cpr: string; street: string; postcode: string; city: string; birthDay: number };
      if (nextResident < residents.length && rng.chance(0.55)) {
        const i = residents[nextResident++]!;
        const c = population.citizens[i]!;
        person = { first: c.first_name, last: c.last_name, cpr: c.cpr, street: c.street, postcode: c.postcode, city: c.city, birthDay: population.people[i]!.birthDay };
      } else {
        const sex = rng.chance(0.62) ? 'female' : 'male';
        const birthDay = today - rng.int(23 * 365, 64 * 365);
        const place = rng.weighted(places.map((p) => [p, p.weight] as const));
        person = {
          first: firstName(rng, sex, Number(isoDate(birthDay).slice(0, 4))),
          last: lastName(rng),
          cpr: cprs.next(birthDay, sex),
          street: `${rng.pick(['Søndervang', 'Kirkestræde', 'Bakkedraget', 'Ved Stranden', 'Ågade', 'Lindealle', 'Skovbakken'])} ${rng.int(1, 99)}`,
          postcode: place.postcode,
          city: place.city,
          birthDay,
        };
      }
      const earliestStart = Math.max(person.birthDay + 20 * 365, dayNumber('1990-01-01'));
      const employedFrom = rng.int(Math.min(earliestStart, today - 60), today - 30);
      let employedUntil: string | null = null;
      if (!isLeader && !demo) {
        if (rng.chance(0.03)) employedUntil = isoDate(rng.int(Math.min(employedFrom + 30, today - 1), today - 1));
        else if (rng.chance(0.006)) employedUntil = isoDate(today + rng.int(5, 40));
      }
      let roles: Role[] = isLeader ? (spec.parent === 'direktion' || spec.parent === null ? ['manager', 'authorizer'] : ['manager']) : ['employee'];
      let title = isLeader ? spec.leaderTitle : rng.pick(spec.titles);
      if (spec.id === 'direktion' && (k === 1 || k === 2) && !demo) {
        title = k === 1 ? 'Direktør for Børn og Velfærd' : 'Direktør for Borger og Arbejdsmarked';
        roles = ['manager', 'authorizer'];
      }
      if (demo) {
        roles = [...demo.roles];
        title = demo.title;
      }
      employees.push({
        municipality: code,
        id,
        username: demo ? demo.username : username(person.first, person.last),
        full_name: `${person.first} ${person.last}`,
        cpr: person.cpr,
        unit_id: spec.id,
        manager_id: null,
        title,
        roles,
        street: person.street,
        postcode: person.postcode,
        city: person.city,
        employed_from: isoDate(employedFrom),
        employed_until: employedUntil,
      });
      if (isLeader) leaders.set(spec.id, id);
      if (spec.id === 'direktion') direktion.push(id);
    }
  }

  // Managers: staff → their unit's leader; sub-team leaders → the parent unit's leader;
  // unit leaders → a member of Direktion; the kommunaldirektør has none.
  const director = (unit: string): string => {
    const topDirector = direktion[0]!;
    const titleOf = (id: string) => employees.find((e) => e.id === id)?.title;
    const wanted = ['boern-og-familie', 'sekretariat-buu'].includes(unit) ? 'Direktør for Børn og Velfærd' : ['borgerservice', 'ydelse', 'jobcenter'].includes(unit) ? 'Direktør for Borger og Arbejdsmarked' : undefined;
    return direktion.find((id) => wanted !== undefined && titleOf(id) === wanted) ?? topDirector;
  };
  for (const e of employees) {
    const spec = UNIT_SPECS.find((u) => u.id === e.unit_id)!;
    const leader = leaders.get(spec.id)!;
    if (e.id !== leader) e.manager_id = leader;
    else if (spec.parent === 'direktion') e.manager_id = director(spec.id);
    else if (spec.parent !== null) e.manager_id = leaders.get(spec.parent)!;
  }

  // A few extra role holders beyond the demo users.
  const pickStaff = (unit: string, n: number, role: Role, title?: string) => {
    const staff = employees.filter((e) => e.unit_id === unit && e.roles.length === 1 && e.roles[0] === 'employee' && e.employed_until === null && !DEMO_USERS.some((d) => d.username === e.username));
    for (const e of rng.shuffle(staff).slice(0, n)) {
      e.roles = [role];
      if (title) e.title = title;
    }
  };
  pickStaff('it', 1, 'security', 'Sikkerhedsadministrator');
  pickStaff('it', 2, 'it-admin', 'IT-administrator');
  pickStaff('ydelse', 1, 'system-owner', 'Systemejer, ydelsessystemer');
  pickStaff('jobcenter', 1, 'authorizer', 'Fagkoordinator');
  pickStaff('boern-og-familie', 1, 'authorizer', 'Faglig koordinator');
  return employees;
}
