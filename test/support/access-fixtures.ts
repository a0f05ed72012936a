// A small municipality for the access and workspace tests: Borgerservice, Børn og Familie and the secretariat of
// Børn og unge-udvalget; citizens with ordinary cases, a hidden case (34.10.30) and a case of the other authority;
// grants inserted directly as approved. Every CPR follows the substitute rule (day + 60), so none is a real person.
import { randomUUID } from 'node:crypto';
import { defaultHiddenCaseTypes } from '../../src/modules/access/index.ts';
import { ensureAccountsForEmployees, provisionPassword, type IdentityDeps } from '../../src/modules/identity/index.ts';
import type { SkjoldApp } from '../../src/http/app.ts';
import { cookieFrom, sameOrigin } from './app.ts';
import { TEST_MUNICIPALITY, TEST_PASSWORD, setMfaPolicy } from './fixtures.ts';

/** The other authority the secretariat serves (ACC-5). */
export const COMMITTEE = 'boern-og-unge-udvalget';

/** Unit ids. */
export const units = { borgerservice: 'borgerservice', boernFamilie: 'boern-familie', sekretariat: 'sekretariat-bu' } as const;

/** Citizens: Anna has ordinary, hidden and committee cases; Bo has name and address protection; Cille has no cases. */
export const citizens = {
  anna: { cpr: '6505821234', first: 'Anna', last: 'Hansen', street: 'Storegade 1' },
  bo: { cpr: '6702751235', first: 'Bo', last: 'Jensen', street: 'Skjultvej 9' },
  cille: { cpr: '6812903346', first: 'Cille', last: 'Hansen', street: 'Havnevej 3' },
} as const;

/** Case ids. */
export const cases = {
  ordinary: 'case-ord-1',
  ordinaryClosed: 'case-ord-2',
  hidden: 'case-hidden',
  committee: 'case-committee',
  bo: 'case-bo',
} as const;

/** Staff: username → unit. Grants are given per test with `grant`. */
export const staff = {
  bs1: units.borgerservice,
  bs2: units.borgerservice,
  bs3: units.borgerservice,
  bf1: units.boernFamilie,
  sek1: units.sekretariat,
} as const;

/** A staff username. */
export type StaffName = keyof typeof staff;

/** Seeds the municipality, units, staff with passwords, citizens, cases, documents and the default hidden case types. */
export async function seedAccessWorld(deps: IdentityDeps): Promise<void> {
  const db = deps.db;
  const m = TEST_MUNICIPALITY;
  await db.insertInto('municipality').values({ code: m, name: 'Stevns' }).onConflict((oc) => oc.doNothing()).execute();
  await db
    .insertInto('org_unit')
    .values([
      { municipality: m, id: units.borgerservice, name: 'Borgerservice', parent_id: null, serves_authority: null },
      { municipality: m, id: units.boernFamilie, name: 'Børn og Familie', parent_id: null, serves_authority: null },
      { municipality: m, id: units.sekretariat, name: 'Sekretariatet for Børn og unge-udvalget', parent_id: null, kind: 'secretariat', serves_authority: COMMITTEE },
    ])
    .execute();
  const names = Object.keys(staff) as StaffName[];
  await db
    .insertInto('employee')
    .values(names.map((id, i) => ({ municipality: m, id, username: id, full_name: `Medarbejder ${id.toUpperCase()}`, cpr: `6${i + 1}0385${String(1000 + i)}`, unit_id: staff[id], manager_id: null, title: 'Sagsbehandler', roles: ['employee'], street: 'Rådhusvej 1', postcode: '4660', city: 'Store Heddinge', employed_from: '2020-01-01', employed_until: null })))
    .execute();
  await ensureAccountsForEmployees(db, m);
  for (const id of names) await provisionPassword(deps, id, TEST_PASSWORD, { mustChange: false });
  await setMfaPolicy(deps, 'untrusted-network', ['127.0.0.0/8']);

  await db
    .insertInto('citizen')
    .values(Object.values(citizens).map((c) => ({ municipality: m, cpr: c.cpr, first_name: c.first, last_name: c.last, street: c.street, postcode: '4660', city: 'Store Heddinge', home_municipality: m, household_id: `hh-${c.cpr}`, address_protected: c.cpr === citizens.bo.cpr, deceased_on: null })))
    .execute();
  const kase = (id: string, cpr: string, kle: string, title: string, unit: string, extra: { status?: 'open' | 'closed'; authority?: string } = {}) => ({
    municipality: m, id, case_number: `${kle}-G01-${id.length}00-25`, citizen_cpr: cpr, kle, title, status: extra.status ?? 'open', authority: extra.authority ?? 'municipality',
    responsible_unit_id: unit, assigned_employee_id: 'bs1', opened_on: '2025-03-01', closed_on: extra.status === 'closed' ? '2025-06-01' : null,
  });
  await db
    .insertInto('citizen_case')
    .values([
      kase(cases.ordinary, citizens.anna.cpr, '32.03.12', 'Ansøgning om boligstøtte', units.borgerservice),
      kase(cases.ordinaryClosed, citizens.anna.cpr, '32.06.04', 'Personligt tillæg', units.borgerservice, { status: 'closed' }),
      kase(cases.hidden, citizens.anna.cpr, '34.10.30', 'Underretning fra skole', units.boernFamilie),
      kase(cases.committee, citizens.anna.cpr, '34.15.25', 'Sag for Børn og unge-udvalget', units.sekretariat, { authority: COMMITTEE }),
      kase(cases.bo, citizens.bo.cpr, '32.06.08', 'Helbredstillæg', units.borgerservice),
    ])
    .execute();
  await db
    .insertInto('case_document')
    .values([
      { municipality: m, id: 'doc-1', case_id: cases.ordinary, title: 'Ansøgning', body: 'Ansøgning modtaget.', created_at: new Date('2025-03-01T10:00:00Z'), created_by: 'bs1' },
      { municipality: m, id: 'doc-2', case_id: cases.ordinary, title: 'Afgørelse', body: 'Bevilget.', created_at: new Date('2025-03-05T10:00:00Z'), created_by: 'bs1' },
      { municipality: m, id: 'doc-3', case_id: cases.hidden, title: 'Underretning', body: 'Fortroligt.', created_at: new Date('2025-03-02T10:00:00Z'), created_by: 'bf1' },
    ])
    .execute();
  await db.insertInto('hidden_case_type').values(defaultHiddenCaseTypes.map((h) => ({ municipality: m, kle: h.kle, reason: h.reason }))).execute();
}

/** A grant to insert as approved (defaults: the municipality's authority, no search/enter/delete, valid from an hour ago). */
export interface GrantSpec {
  to: string;
  kind?: 'user' | 'unit' | 'role';
  scope: string;
  level: 'existence' | 'content';
  authority?: string;
  search?: boolean;
  enter?: boolean;
  delete?: boolean;
  validFrom?: Date;
  validUntil?: Date | null;
}

/** Inserts an approved grant (second approval recorded where a hidden type or another authority needs it); returns its id. */
export async function grant(deps: IdentityDeps, spec: GrantSpec): Promise<string> {
  const id = randomUUID();
  const at = new Date(deps.now().getTime() - 3600_000);
  const sensitive = (spec.authority ?? 'municipality') !== 'municipality' || defaultHiddenCaseTypes.some((h) => spec.scope === h.kle || spec.scope.startsWith(`${h.kle}.`));
  await deps.db
    .insertInto('access_grant')
    .values({
      municipality: TEST_MUNICIPALITY, id, grantee_kind: spec.kind ?? 'user', grantee_id: spec.to, scope: spec.scope, authority: spec.authority ?? 'municipality', level: spec.level,
      can_search: spec.search ?? false, can_enter: spec.enter ?? false, can_delete: spec.delete ?? false, justification: 'Testtildeling til sagsbehandling',
      valid_from: spec.validFrom ?? at, valid_until: spec.validUntil ?? null, status: 'approved', needs_second_approval: sensitive, requested_by: 'leder', requested_at: at,
      decided_by: 'autorisator', decided_at: at, decision_note: null, second_approved_by: sensitive ? 'anden-godkender' : null, second_approved_at: sensitive ? at : null,
      revoked_by: null, revoked_at: null, revoke_reason: null,
    })
    .execute();
  return id;
}

/** A signed-in staff member's HTTP client over app.inject. */
export interface StaffClient {
  call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<{ status: number; body: string; json: () => any }>;
}

/** Signs a fixture user in (password; MFA not required from loopback) and returns a client carrying the session cookie. */
export async function signIn(app: SkjoldApp, username: StaffName): Promise<StaffClient> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: sameOrigin, payload: { username, password: TEST_PASSWORD }, remoteAddress: '127.0.0.1' });
  const cookie = cookieFrom(res.headers['set-cookie'], 'skjold_session');
  if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return {
    async call(method, url, payload) {
      const headers = { ...(method === 'GET' ? {} : payload === undefined ? { 'sec-fetch-site': 'same-origin' } : sameOrigin), cookie };
      const r = await app.inject({ method, url, headers, remoteAddress: '127.0.0.1', ...(payload === undefined ? {} : { payload: payload as object }) });
      return { status: r.statusCode, body: r.body, json: () => r.json() };
    },
  };
}
