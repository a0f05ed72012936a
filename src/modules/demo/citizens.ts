// Citizens in households: families with CPR relations, real localities, and the special cases
// (moved to another municipality, name and address protection, deceased). Every CPR uses the substitute rule.
import { municipalities } from '../reference/index.ts';
import { firstName, lastName, localitiesFor, OTHER_PLACES, streetsFor, type Locality } from './names.ts';
import { dayNumber, isoDate, type Random } from './random.ts';
import type { CitizenRow, RelationRow } from './types.ts';

const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Hands out unique substitute CPR numbers (day + 60) that satisfy modulus 11 where possible. */
export class CprFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A new, unique substitute CPR for a person born on this day (day number) with this sex. */
  next(birthDay: number, sex: 'male' | 'female'): string {
    const date = isoDate(birthDay);
    const year = Number(date.slice(0, 4));
    const dd = String(Number(date.slice(8, 10)) + 60);
    const prefix = `${dd}${date.slice(5, 7)}${date.slice(2, 4)}`;
    const centuryDigits = year < 1900 ? [5, 6, 7, 8] : year < 2000 ? [0, 1, 2, 3] : [4, 4, 4, 5, 6, 7, 8, 9];
    const parity = sex === 'male' ? 1 : 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const serial = `${this.rng.pick(centuryDigits)}${this.rng.int(0, 9)}${this.rng.int(0, 9)}`;
      const nine = prefix + serial;
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine.charAt(i)) * MOD11_WEIGHTS[i]!;
      let check = (11 - (sum % 11)) % 11;
      // After 2007 some numbers do not satisfy modulus 11; after many tries, accept one like that.
      if (attempt >= 100) check = 2 * this.rng.int(0, 4) + parity;
      if (check === 10 || check % 2 !== parity) continue;
      const cpr = nine + String(check);
      if (this.used.has(cpr)) continue;
      this.used.add(cpr);
      return cpr;
    }
    throw new Error('no free CPR serial for this birth date');
  }
}

/** What the generator knows about a citizen beyond the row: birth day, sex and household. */
export interface PersonInfo {
  birthDay: number;
  sex: 'male' | 'female';
  household: number;
}

/** The generated population: rows plus the facts later steps (employees, cases) need. */
export interface Population {
  citizens: CitizenRow[];
  people: PersonInfo[];
  relations: RelationRow[];
  /** Index of every citizen with at least one child relation (parents). */
  parents: Set<number>;
}

interface Address {
  street: string;
  postcode: string;
  city: string;
}

type HouseholdKind = 'single' | 'couple' | 'family' | 'single-parent' | 'elderly';

const HOUSEHOLD_KINDS: readonly (readonly [HouseholdKind, number])[] = [
  ['single', 28],
  ['couple', 26],
  ['family', 27],
  ['single-parent', 8],
  ['elderly', 11],
];

/** Age in whole years on a reference day. */
export function ageOn(birthDay: number, referenceDay: number): number {
  const b = isoDate(birthDay);
  const r = isoDate(referenceDay);
  let age = Number(r.slice(0, 4)) - Number(b.slice(0, 4));
  if (r.slice(5) < b.slice(5)) age--;
  return age;
}

/** Generates about `count` citizens of municipality `code` in households, with relations both ways. */
export function generatePopulation(rng: Random, code: string, name: string, count: number, referenceDate: string, cprs: CprFactory): Population {
  const today = dayNumber(referenceDate);
  const localities = localitiesFor(code, name);
  const streets = new Map<Locality, string[]>(localities.map((l) => [l, streetsFor(rng, l)]));
  const usedAddresses = new Set<string>();
  const citizens: CitizenRow[] = [];
  const people: PersonInfo[] = [];
  const relations: RelationRow[] = [];
  const related = new Set<string>();
  const parents = new Set<number>();
  const households: number[][] = [];

  const relate = (a: number, b: number, kindAB: RelationRow['kind'], kindBA: RelationRow['kind']) => {
    const ca = citizens[a]!.cpr;
    const cb = citizens[b]!.cpr;
    if (ca === cb || related.has(`${ca}:${cb}`) || related.has(`${cb}:${ca}`)) return;
    related.add(`${ca}:${cb}`);
    related.add(`${cb}:${ca}`);
    relations.push({ municipality: code, cpr: ca, related_cpr: cb, kind: kindAB });
    relations.push({ municipality: code, cpr: cb, related_cpr: ca, kind: kindBA });
    if (kindAB === 'child') parents.add(a);
    if (kindBA === 'child') parents.add(b);
  };

  const newAddress = (): Address => {
    for (;;) {
      const locality = rng.weighted(localities.map((l) => [l, l.weight] as const));
      const street = rng.pick(streets.get(locality)!);
      let line = `${street} ${rng.int(1, 140)}`;
      if (locality.weight >= 10 && rng.chance(0.25)) line += `, ${rng.int(0, 3) === 0 ? 'st.' : `${rng.int(1, 3)}.`} ${rng.pick(['th', 'tv', 'mf'])}`;
      const key = `${line}|${locality.postcode}|${locality.name}`;
      if (usedAddresses.has(key)) continue;
      usedAddresses.add(key);
      // Villages share the postal district of a bigger town; the locality name goes on the street line.
      const streetLine = locality.name === locality.city || locality.city === name ? line : `${line}, ${locality.name}`;
      return { street: streetLine, postcode: locality.postcode, city: locality.city };
    }
  };

  const addPerson = (ageYears: number, sex: 'male' | 'female', last: string, household: number, address: Address): number => {
    const birthDay = Math.max(today - Math.floor(ageYears * 365.25) - rng.int(0, 364), dayNumber('1900-01-01'));
    const birthYear = Number(isoDate(birthDay).slice(0, 4));
    const index = citizens.length;
    citizens.push({
      municipality: code,
      cpr: cprs.next(birthDay, sex),
      first_name: firstName(rng, sex, birthYear),
      last_name: last,
      street: address.street,
      postcode: address.postcode,
      city: address.city,
      home_municipality: code,
      household_id: `H${String(household + 1).padStart(6, '0')}`,
      address_protected: false,
      deceased_on: null,
    });
    people.push({ birthDay, sex, household });
    return index;
  };

  while (citizens.length < count) {
    const household = households.length;
    const members: number[] = [];
    households.push(members);
    const address = newAddress();
    const kind = rng.weighted(HOUSEHOLD_KINDS);
    const remaining = () => count - citizens.length;
    const sex = (): 'male' | 'female' => (rng.chance(0.5) ? 'male' : 'female');
    if (kind === 'single') {
      members.push(addPerson(rng.int(18, 88), sex(), lastName(rng), household, address));
      continue;
    }
    if (kind === 'elderly') {
      const age = rng.int(67, 99);
      const first = addPerson(age, age > 85 || rng.chance(0.6) ? 'female' : 'male', lastName(rng), household, address);
      members.push(first);
      if (rng.chance(0.45) && remaining() > 0) {
        const spouse = addPerson(Math.max(60, age + rng.int(-5, 5)), people[first]!.sex === 'male' ? 'female' : 'male', citizens[first]!.last_name, household, address);
        members.push(spouse);
        relate(first, spouse, 'spouse', 'spouse');
      }
      continue;
    }
    const parentAge = kind === 'couple' ? rng.int(22, 80) : rng.int(24, 56);
    const familyName = lastName(rng);
    const a = addPerson(parentAge, kind === 'single-parent' ? (rng.chance(0.8) ? 'female' : 'male') : 'male', familyName, household, address);
    members.push(a);
    let b: number | undefined;
    if (kind !== 'single-parent' && remaining() > 0) {
      const sameSex = rng.chance(0.03);
      b = addPerson(Math.max(18, parentAge + rng.int(-6, 4)), sameSex ? 'male' : 'female', rng.chance(0.6) ? familyName : lastName(rng), household, address);
      members.push(b);
      relate(a, b, 'spouse', 'spouse');
    }
    if (kind === 'couple') continue;
    const youngestParentAge = Math.min(parentAge, b === undefined ? parentAge : ageOn(people[b]!.birthDay, today));
    const maxChildAge = Math.min(24, youngestParentAge - 19);
    const children = rng.weighted([[1, 35], [2, 45], [3, 16], [4, 4]] as const);
    for (let i = 0; i < children && remaining() > 0 && maxChildAge >= 0; i++) {
      const childLast = b !== undefined && rng.chance(0.15) ? citizens[b]!.last_name : familyName;
      const child = addPerson(rng.int(0, maxChildAge), sex(), childLast, household, address);
      members.push(child);
      relate(a, child, 'child', 'parent');
      if (b !== undefined) relate(b, child, 'child', 'parent');
    }
  }

  // Grown-up children living elsewhere: link some adults to a parent in another household.
  const elders = citizens.map((_, i) => i).filter((i) => ageOn(people[i]!.birthDay, today) >= 50);
  for (let i = 0; i < citizens.length && elders.length > 0; i++) {
    const age = ageOn(people[i]!.birthDay, today);
    if (age < 25 || age > 62 || !rng.chance(0.2)) continue;
    for (let attempt = 0; attempt < 8; attempt++) {
      const elder = rng.pick(elders);
      const gap = ageOn(people[elder]!.birthDay, today) - age;
      if (people[elder]!.household === people[i]!.household || gap < 20 || gap > 42) continue;
      relate(elder, i, 'child', 'parent');
      break;
    }
  }

  markSpecialHouseholds(rng, code, citizens, people, households, today);
  return { citizens, people, relations, parents };
}

function markSpecialHouseholds(rng: Random, code: string, citizens: CitizenRow[], people: PersonInfo[], households: number[][], today: number): void {
  const total = citizens.length;
  const order = rng.shuffle(households.map((_, i) => i));
  const otherCodes = municipalities.map((m) => m.code).filter((c) => c !== code);
  const places = OTHER_PLACES.filter((p) => p.municipality !== code);
  let moved = 0;
  let protectedCount = 0;
  for (const h of order) {
    const members = households[h]!;
    if (members.length === 0) continue;
    if (moved < total * 0.02) {
      // Recently moved away: still in our register, home municipality elsewhere.
      moved += members.length;
      const keepAddress = rng.chance(0.3);
      const place = rng.weighted(places.map((p) => [p, p.weight] as const));
      const home = keepAddress ? rng.pick(otherCodes) : place.municipality;
      const street = `${rng.pick(['Nørregade', 'Jernbanegade', 'Torvet', 'Kongevej', 'Ringstedvej', 'Skovbrynet'])} ${rng.int(1, 80)}`;
      for (const m of members) {
        const c = citizens[m]!;
        c.home_municipality = home;
        if (!keepAddress) {
          c.street = street;
          c.postcode = place.postcode;
          c.city = place.city;
        }
      }
    } else if (protectedCount < total * 0.01) {
      protectedCount += members.length;
      for (const m of members) citizens[m]!.address_protected = true;
    } else {
      break;
    }
  }
  // About 1% deceased, mostly elderly; still in the register.
  const candidates = rng.shuffle(citizens.map((_, i) => i).filter((i) => ageOn(people[i]!.birthDay, today) >= 70));
  const target = Math.round(total * 0.01);
  for (const i of candidates.slice(0, target)) {
    const diedDay = today - rng.int(1, 3 * 365);
    citizens[i]!.deceased_on = isoDate(Math.max(diedDay, people[i]!.birthDay + 1));
  }
}
