// A small municipality for the control tests: Borgerservice and Børn og Familie, a director, leaders, staff who are
// also citizens (with family, a neighbour), and citizens in every special situation. CPRs use the substitute rule.
import { appendAccessRecords, type AccessRecord } from '../../src/modules/audit/index.ts';
import type { Database } from '../../src/db/schema.ts';
import type { Kysely } from 'kysely';
import { TEST_MUNICIPALITY as M } from '../support/fixtures.ts';

/** CPR numbers of the world's people (day + 60: substitute numbers, never real persons). */
export const cpr = {
  anna: '6101801234', // employee anna, also a citizen
  annaSpouse: '6202801235',
  annaChild: '6303101236',
  neighbour: '6404751237', // lives 2 houses from anna
  farStreet: '6505751238', // same street, far away (no. 120)
  bo: '6606801239', // employee bo (coworker), citizen
  client: '6707801240', // has an open case in Borgerservice, assigned to anna
  clientChild: '6808101241',
  closed: '6909801242', // closed child-welfare case in Børn og Familie
  vip: '7010701243',
  protectedP: '7111701244',
  deceased: '6112301245',
  moved: '6201901246', // moved to another municipality
  stranger: '6302901247', // no case, no relation
} as const;

/** Employee ids (= account ids) and usernames (= user id in the log). */
export const staff = { director: 'E1', leader: 'E2', anna: 'E3', bo: 'E4', security: 'E5', departed: 'E6', dormant: 'E7', bfLeader: 'E8', bfWorker: 'E9' } as const;
const usernames: Record<string, string> = { E1: 'dir', E2: 'leder', E3: 'anna', E4: 'bo', E5: 'sikkerhed', E6: 'gone', E7: 'sleepy', E8: 'bfleder', E9: 'bfsag' };
/** The log user id of an employee. */
export const user = (id: string) => usernames[id]!;

/** Seeds the world. */
export async function seedControlWorld(db: Kysely<Database>): Promise<void> {
  await db.insertInto('municipality').values({ code: M, name: 'Stevns' }).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('org_unit').values([
    { municipality: M, id: 'direktion', name: 'Direktion', parent_id: null, serves_authority: null },
    { municipality: M, id: 'borgerservice', name: 'Borgerservice', parent_id: 'direktion', serves_authority: null },
    { municipality: M, id: 'bf', name: 'Børn og Familie', parent_id: 'direktion', serves_authority: null },
  ]).execute();
  const emp = (id: string, name: string, cprNo: string, unit: string, manager: string | null, roles: string[], street = 'Havnevej 10', extra: Partial<{ employed_until: string | null; employed_from: string }> = {}) => ({
    municipality: M, id, username: usernames[id]!, full_name: name, cpr: cprNo, unit_id: unit, manager_id: manager, title: 'Medarbejder', roles, street, postcode: '4660', city: 'Store Heddinge',
    employed_from: extra.employed_from ?? '2020-01-01', employed_until: extra.employed_until ?? null,
  });
  await db.insertInto('employee').values([
    emp('E1', 'Dorte Direktør', '6101601111', 'direktion', null, ['manager'], 'Skovvej 1'),
    emp('E2', 'Lars Leder', '6101651112', 'borgerservice', 'E1', ['manager'], 'Skovvej 3'),
    emp('E3', 'Anna Hansen', cpr.anna, 'borgerservice', 'E2', ['employee'], 'Havnevej 10'),
    emp('E4', 'Bo Berg', cpr.bo, 'borgerservice', 'E2', ['employee'], 'Engvej 5'),
    emp('E5', 'Sif Sikker', '6101701113', 'direktion', 'E1', ['security'], 'Skovvej 7'),
    emp('E6', 'Gerda Gået', '6101711114', 'borgerservice', 'E2', ['employee'], 'Skovvej 9', { employed_until: '2026-03-31' }),
    emp('E7', 'Sune Sover', '6101721115', 'borgerservice', 'E2', ['employee'], 'Skovvej 11'),
    emp('E8', 'Bente Familieleder', '6101731116', 'bf', 'E1', ['manager'], 'Skovvej 13'),
    emp('E9', 'Bjarne Familie', '6101741117', 'bf', 'E8', ['employee'], 'Skovvej 15'),
  ]).execute();
  const cit = (c: string, first: string, last: string, street: string, household: string, extra: Partial<{ home_municipality: string; address_protected: boolean; deceased_on: string | null }> = {}) => ({
    municipality: M, cpr: c, first_name: first, last_name: last, street, postcode: '4660', city: 'Store Heddinge', home_municipality: extra.home_municipality ?? M, household_id: household,
    address_protected: extra.address_protected ?? false, deceased_on: extra.deceased_on ?? null,
  });
  await db.insertInto('citizen').values([
    cit(cpr.anna, 'Anna', 'Hansen', 'Havnevej 10', 'H1'),
    cit(cpr.annaSpouse, 'Peter', 'Hansen', 'Havnevej 10', 'H1'),
    cit(cpr.annaChild, 'Ida', 'Hansen', 'Havnevej 10', 'H1'),
    cit(cpr.neighbour, 'Niels', 'Nabo', 'Havnevej 12', 'H2'),
    cit(cpr.farStreet, 'Fjern', 'Fjernsen', 'Havnevej 120', 'H3'),
    cit(cpr.bo, 'Bo', 'Berg', 'Engvej 5', 'H4'),
    cit(cpr.client, 'Karin', 'Klient', 'Møllevej 2', 'H5'),
    cit(cpr.clientChild, 'Kim', 'Klient', 'Møllevej 2', 'H5'),
    cit(cpr.closed, 'Carl', 'Lukket', 'Møllevej 4', 'H6'),
    cit(cpr.vip, 'Viggo', 'Kendt', 'Slotsvej 1', 'H7'),
    cit(cpr.protectedP, 'Beskyttet', 'Person', 'Ukendt 1', 'H8', { address_protected: true }),
    cit(cpr.deceased, 'Afdød', 'Person', 'Møllevej 6', 'H9', { deceased_on: '2025-01-01' }),
    cit(cpr.moved, 'Flyttet', 'Person', 'Nørregade 1', 'H10', { home_municipality: '0101' }),
    cit(cpr.stranger, 'Fremmed', 'Person', 'Møllevej 8', 'H11'),
  ]).execute();
  await db.insertInto('citizen_relation').values([
    { municipality: M, cpr: cpr.anna, related_cpr: cpr.annaSpouse, kind: 'spouse' },
    { municipality: M, cpr: cpr.annaSpouse, related_cpr: cpr.anna, kind: 'spouse' },
    { municipality: M, cpr: cpr.client, related_cpr: cpr.clientChild, kind: 'child' },
    { municipality: M, cpr: cpr.clientChild, related_cpr: cpr.client, kind: 'parent' },
  ]).execute();
  const kase = (id: string, c: string, kle: string, status: 'open' | 'closed', unit: string, assigned: string | null, closed: string | null = null) => ({
    municipality: M, id, case_number: `${kle}-G01-${id}`, citizen_cpr: c, kle, title: 'Sag', status, responsible_unit_id: unit, assigned_employee_id: assigned, opened_on: '2025-01-01', closed_on: closed,
  });
  await db.insertInto('citizen_case').values([
    kase('S1', cpr.client, '23.05.10', 'open', 'borgerservice', 'E3'),
    kase('S2', cpr.closed, '34.10.30', 'closed', 'bf', 'E9', '2025-06-01'),
    kase('S3', cpr.deceased, '32.03.12', 'open', 'borgerservice', 'E4'),
    kase('S4', cpr.moved, '23.09.02', 'open', 'borgerservice', null),
    kase('S5', cpr.annaSpouse, '23.05.10', 'open', 'borgerservice', 'E3'),
    kase('S6', cpr.clientChild, '34.10.30', 'open', 'bf', 'E9'),
  ]).execute();
}

let n = 0;
/** An access-log record by a user (username) at a time, on a person and/or case. */
export function rec(userName: string, time: string, extra: Partial<AccessRecord> = {}): AccessRecord {
  n++;
  return { id: `r${n}-${Math.random().toString(36).slice(2, 8)}`, time: new Date(time), system: 'skjold', user: { id: userName }, action: 'view', ...extra };
}

/** Appends records to the test municipality's log. */
export async function append(db: Kysely<Database>, records: AccessRecord[]): Promise<number[]> {
  const before = await db.selectFrom('access_log_head').select('seq').where('municipality', '=', M).executeTakeFirst();
  const r = await appendAccessRecords(db, M, records);
  const first = Number(before?.seq ?? 0) + 1;
  return Array.from({ length: r.stored }, (_, i) => first + i);
}
