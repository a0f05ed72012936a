import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCases, importCitizens, importEmployees, importFile, importRecords, importSummaryLine, ImportUsageError } from '../../src/modules/records/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const M = '0336';
const now = new Date('2026-11-20T12:00:00Z');
const opts = { municipality: M, now };

// Substitute CPR numbers only (day digit + 6).
const MOTHER = '6101804118';
const FATHER = '6202791234';
const CHILD = '6303104115';
const ELSEWHERE = '6404855555'; // related person not registered in the municipality

const jsonl = (...items: unknown[]) => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';
const address = { street: 'Havnevej 3', postcode: '4660', city: 'Store Heddinge' };

const citizen = (cpr: string, firstName: string, extra: object = {}) => ({ cpr, firstName, lastName: 'Hansen', address, homeMunicipality: M, ...extra });
const citizens = jsonl(
  citizen(MOTHER, 'Mette', { relations: [{ cpr: CHILD, kind: 'child' }, { cpr: FATHER, kind: 'spouse' }, { cpr: ELSEWHERE, kind: 'parent' }], household: 'H1' }),
  citizen(FATHER, 'Lars', { household: 'H1' }),
  citizen(CHILD.slice(0, 6) + '-' + CHILD.slice(6), 'Emma', { addressProtected: true }),
);

const employee = (id: string, username: string, unit: object, extra: object = {}) => ({
  id,
  username,
  fullName: `Medarbejder ${id}`,
  cpr: '6505761234',
  unit,
  title: 'Sagsbehandler',
  address,
  employedFrom: '2020-01-01',
  ...extra,
});
const employees = jsonl(
  employee('E1', 'chef', { id: 'U1', name: 'Direktion' }, { roles: ['manager', 'authorizer'], title: 'Direktør' }),
  // Manager E3 and parent unit U3 come further down the file.
  employee('E2', 'sagsb', { id: 'U2', name: 'Ydelser', parentId: 'U3' }, { managerId: 'E3' }),
  employee('E3', 'leder', { id: 'U3', name: 'Borgerservice', parentId: 'U1' }, { managerId: 'E1', roles: ['manager'] }),
);

async function count(t: TestDb, table: 'citizen' | 'citizen_relation' | 'employee' | 'org_unit' | 'citizen_case'): Promise<number> {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('municipality', '=', M).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A date column as YYYY-MM-DD (PGlite returns Date objects, pg strings). */
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

function expectNoCpr(reasons: { reason: string }[]): void {
  for (const r of reasons) expect(r.reason).not.toMatch(/\d{6}-?\d{4}|\d{5,}/);
}

describe('reference data import', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it('imports citizens with relations stored both ways, and re-imports idempotently', async () => {
    const first = await importCitizens(t.db, citizens, opts);
    expect(first).toMatchObject({ kind: 'citizens', inserted: 3, updated: 0, rejected: [] });
    expect(importSummaryLine(first)).toBe('indlæst 3, opdateret 0, afvist 0');
    expect(await count(t, 'citizen')).toBe(3);
    const relations = await t.db.selectFrom('citizen_relation').select(['cpr', 'related_cpr', 'kind']).where('municipality', '=', M).orderBy('cpr').orderBy('related_cpr').execute();
    expect(relations).toEqual(
      [
        { cpr: MOTHER, related_cpr: FATHER, kind: 'spouse' },
        { cpr: MOTHER, related_cpr: CHILD, kind: 'child' },
        { cpr: FATHER, related_cpr: MOTHER, kind: 'spouse' },
        { cpr: CHILD, related_cpr: MOTHER, kind: 'parent' },
      ].sort((a, b) => a.cpr.localeCompare(b.cpr) || a.related_cpr.localeCompare(b.related_cpr)),
    );
    expect(first.notes.join(' ')).toContain('1 relationer til personer');
    const child = await t.db.selectFrom('citizen').selectAll().where('cpr', '=', CHILD).executeTakeFirstOrThrow();
    expect(child).toMatchObject({ first_name: 'Emma', address_protected: true, home_municipality: M });
    expect(child.household_id).not.toContain(CHILD);

    // The same file again, with one change: updates only, no duplicates.
    const again = await importCitizens(t.db, citizens.replace('"Lars"', '"Lars Peter"'), opts);
    expect(again).toMatchObject({ inserted: 0, updated: 3, rejected: [] });
    expect(await count(t, 'citizen')).toBe(3);
    expect(await count(t, 'citizen_relation')).toBe(4);
    expect((await t.db.selectFrom('citizen').select('first_name').where('cpr', '=', FATHER).executeTakeFirstOrThrow()).first_name).toBe('Lars Peter');

    // A relation given later, once the other person exists, is stored both ways too.
    const later = await importCitizens(t.db, jsonl(citizen(ELSEWHERE, 'Karen', { relations: [{ cpr: MOTHER, kind: 'child' }] })), opts);
    expect(later).toMatchObject({ inserted: 1, updated: 0 });
    const mothers = await t.db.selectFrom('citizen_relation').select(['cpr', 'kind']).where('related_cpr', '=', ELSEWHERE).execute();
    expect(mothers).toEqual([{ cpr: MOTHER, kind: 'parent' }]);
  });

  it('rejects invalid citizen lines with line numbers and reasons, and stores the valid ones', async () => {
    const body = jsonl(
      citizen(MOTHER, 'Mette'),
      citizen('12345', 'Kort'), // malformed CPR
      citizen('3213901234', 'Umulig'), // impossible birth date
      citizen(FATHER, 'Lars', { homeMunicipality: '9999' }), // unknown municipality code
      { cpr: CHILD, firstName: 'Emma', address, homeMunicipality: M }, // missing lastName
      '{not json',
      citizen(CHILD, 'Emma', { deceasedOn: '2030-01-01' }), // from the future
      citizen(MOTHER, 'Mette igen'), // duplicate in the file
      citizen(CHILD, 'Emma', { relations: [{ cpr: CHILD, kind: 'parent' }] }), // related to herself
    );
    const summary = await importCitizens(t.db, body, opts);
    expect(summary.inserted).toBe(1);
    expect(summary.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const reason = (line: number) => summary.rejected.find((r) => r.line === line)!.reason;
    expect(reason(2)).toMatch(/^cpr: is not a valid CPR number/);
    expect(reason(3)).toMatch(/^cpr: is not a valid CPR number/);
    expect(reason(4)).toBe('homeMunicipality: is not one of the 98 municipality codes');
    expect(reason(5)).toBe('lastName: is required');
    expect(reason(6)).toBe('is not valid JSON');
    expect(reason(7)).toBe('deceasedOn: lies in the future');
    expect(reason(8)).toBe('cpr: the same person is already on line 1');
    expect(reason(9)).toMatch(/^relations\.0\.cpr: /);
    expectNoCpr(summary.rejected);
    expect(importSummaryLine(summary)).toBe('indlæst 1, opdateret 0, afvist 8');
    expect(await count(t, 'citizen')).toBe(1);
  });

  it('imports employees with units and managers resolved after the whole file, idempotently', async () => {
    const first = await importEmployees(t.db, employees, opts);
    expect(first).toMatchObject({ kind: 'employees', inserted: 3, updated: 0, rejected: [] });
    const rows = await t.db.selectFrom('employee').select(['id', 'username', 'manager_id', 'unit_id', 'roles']).where('municipality', '=', M).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'E1', username: 'chef', manager_id: null, unit_id: 'U1', roles: ['manager', 'authorizer'] },
      { id: 'E2', username: 'sagsb', manager_id: 'E3', unit_id: 'U2', roles: ['employee'] },
      { id: 'E3', username: 'leder', manager_id: 'E1', unit_id: 'U3', roles: ['manager'] },
    ]);
    const units = await t.db.selectFrom('org_unit').select(['id', 'name', 'parent_id']).where('municipality', '=', M).orderBy('id').execute();
    expect(units).toEqual([
      { id: 'U1', name: 'Direktion', parent_id: null },
      { id: 'U2', name: 'Ydelser', parent_id: 'U3' },
      { id: 'U3', name: 'Borgerservice', parent_id: 'U1' },
    ]);

    // Re-import with a renamed unit, a new manager and an end of employment: updates only.
    const changed = employees.replace('"Ydelser"', '"Ydelser og pension"').replace('"managerId":"E3"', '"managerId":"E1","employedUntil":"2026-12-31"');
    const again = await importEmployees(t.db, changed, opts);
    expect(again).toMatchObject({ inserted: 0, updated: 3, rejected: [] });
    expect(await count(t, 'employee')).toBe(3);
    expect(await count(t, 'org_unit')).toBe(3);
    const e2 = await t.db.selectFrom('employee').select(['manager_id', 'employed_until']).where('id', '=', 'E2').executeTakeFirstOrThrow();
    expect({ ...e2, employed_until: day(e2.employed_until) }).toEqual({ manager_id: 'E1', employed_until: '2026-12-31' });
    expect((await t.db.selectFrom('org_unit').select('name').where('id', '=', 'U2').executeTakeFirstOrThrow()).name).toBe('Ydelser og pension');
  });

  it('rejects invalid employee lines with reasons: unknown role, unknown manager, missing field, malformed CPR', async () => {
    const body = jsonl(
      employee('E1', 'chef', { id: 'U1', name: 'Direktion' }),
      employee('E2', 'troldmand', { id: 'U1', name: 'Direktion' }, { roles: ['employee', 'wizard'] }),
      employee('E3', 'ukendt', { id: 'U1', name: 'Direktion' }, { managerId: 'NOPE' }),
      { id: 'E4', username: 'halv', cpr: '6505761234', unit: { id: 'U1', name: 'Direktion' }, title: 'X', address, employedFrom: '2020-01-01' }, // no fullName
      employee('E5', 'forkert', { id: 'U1', name: 'Direktion' }, { cpr: '65057612' }),
      employee('E6', 'chef', { id: 'U1', name: 'Direktion' }), // username taken on line 1
      employee('E7', 'sub', { id: 'U9', name: 'Under', parentId: 'U404' }), // unknown parent unit
      employee('E8', 'underchef', { id: 'U1', name: 'Direktion' }, { managerId: 'E3' }), // manager rejected above
    );
    const summary = await importEmployees(t.db, body, opts);
    expect(summary.inserted).toBe(1);
    const reasons = Object.fromEntries(summary.rejected.map((r) => [r.line, r.reason]));
    expect(reasons[2]).toMatch(/^roles\.1: is not a known role/);
    expect(reasons[3]).toMatch(/^managerId: is not a known employee/);
    expect(reasons[4]).toBe('fullName: is required');
    expect(reasons[5]).toMatch(/^cpr: is not a valid CPR number/);
    expect(reasons[6]).toBe('username: already used on line 1');
    expect(reasons[7]).toMatch(/^unit\.parentId: is not a known unit/);
    expect(reasons[8]).toMatch(/^managerId: is not a known employee/);
    expectNoCpr(summary.rejected);
    expect(await count(t, 'employee')).toBe(1);
  });

  it('imports cases of external systems keyed by system, rejects bad ones, and re-imports idempotently', async () => {
    await importCitizens(t.db, citizens, opts);
    await importEmployees(t.db, employees, opts);
    const kase = (id: string, extra: object = {}) => ({
      id,
      system: 'sbsys',
      citizenCpr: CHILD,
      kle: '27.24.00',
      title: 'Sag om hjælp',
      status: 'open',
      responsibleUnitId: 'U2',
      assignedUsername: 'sagsb',
      openedOn: '2025-03-01',
      ...extra,
    });
    const body = jsonl(
      kase('100'),
      kase('100', { system: 'kmd-nexus', kle: '32', status: 'closed', closedOn: '2025-06-01', caseNumber: 'N-1', assignedUsername: undefined }),
      kase('101', { kle: '99.01' }), // unknown KLE main group
      kase('102', { kle: '27-24' }), // malformed KLE
      kase('103', { citizenCpr: '12' }), // malformed CPR
      kase('104', { citizenCpr: ELSEWHERE }), // citizen not registered
      kase('105', { openedOn: '2027-01-01' }), // from the future
      kase('100'), // duplicate id of the same system
      kase('106', { assignedUsername: 'ingen' }),
      kase('107', { responsibleUnitId: 'U404' }),
      kase('108', { title: undefined }),
    );
    const summary = await importCases(t.db, body, opts);
    expect(summary).toMatchObject({ kind: 'cases', inserted: 2, updated: 0 });
    const reasons = Object.fromEntries(summary.rejected.map((r) => [r.line, r.reason]));
    expect(reasons).toEqual({
      3: 'kle: is not a known KLE main group',
      4: 'kle: must be a KLE number NN, NN.NN or NN.NN.NN',
      5: expect.stringMatching(/^citizenCpr: is not a valid CPR number/),
      6: 'citizenCpr: is not a citizen registered in the municipality (import citizens first)',
      7: 'openedOn: lies in the future',
      8: 'id: the same case of this system is already on line 1',
      9: 'assignedUsername: is not a known employee',
      10: 'responsibleUnitId: is not a known unit (import employees first)',
      11: 'title: is required',
    });
    expectNoCpr(summary.rejected);
    const rows = await t.db.selectFrom('citizen_case').select(['id', 'system', 'case_number', 'assigned_employee_id', 'status', 'closed_on']).where('municipality', '=', M).orderBy('id').execute();
    expect(rows.map((r) => ({ ...r, closed_on: day(r.closed_on) }))).toEqual([
      { id: 'kmd-nexus:100', system: 'kmd-nexus', case_number: 'N-1', assigned_employee_id: null, status: 'closed', closed_on: '2025-06-01' },
      { id: 'sbsys:100', system: 'sbsys', case_number: '100', assigned_employee_id: 'E2', status: 'open', closed_on: null },
    ]);

    const again = await importCases(t.db, jsonl(kase('100', { status: 'closed', closedOn: '2025-04-01' }), kase('200')), opts);
    expect(again).toMatchObject({ inserted: 1, updated: 1, rejected: [] });
    expect(await count(t, 'citizen_case')).toBe(3);
    expect((await t.db.selectFrom('citizen_case').select('status').where('id', '=', 'sbsys:100').executeTakeFirstOrThrow()).status).toBe('closed');
  });

  it('reads files, and refuses an unknown kind or a missing file as usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skjold-import-'));
    try {
      const file = join(dir, 'borgere.jsonl');
      writeFileSync(file, citizens);
      const summary = await importFile(t.db, 'citizens', file, opts);
      expect(importSummaryLine(summary)).toBe('indlæst 3, opdateret 0, afvist 0');
      await expect(importFile(t.db, 'citizens', join(dir, 'mangler.jsonl'), opts)).rejects.toBeInstanceOf(ImportUsageError);
      await expect(importRecords(t.db, 'pets', citizens, opts)).rejects.toBeInstanceOf(ImportUsageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores more than one chunk of 1,000 lines', async () => {
    const lines: object[] = [];
    for (let i = 0; i < 1_205; i++) lines.push(citizen(`6101${i < 1_000 ? '90' : '91'}${String(i % 1_000).padStart(4, '0')}`, `P${i}`));
    const body = jsonl(...lines);
    const summary = await importCitizens(t.db, body, opts);
    expect(summary.rejected).toEqual([]);
    expect(summary.inserted).toBe(1_205);
    expect(await count(t, 'citizen')).toBe(1_205);
  });

  it('imports the examples in docs/import-formats.md without rejections', async () => {
    const doc = readFileSync(new URL('../../docs/import-formats.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(3);
    const [c, e, k] = blocks as [string, string, string];
    expect(await importCitizens(t.db, c, opts)).toMatchObject({ inserted: 3, rejected: [] });
    expect(await importEmployees(t.db, e, opts)).toMatchObject({ inserted: 3, rejected: [] });
    expect(await importCases(t.db, k, opts)).toMatchObject({ inserted: 2, rejected: [] });
    expect(await count(t, 'citizen_relation')).toBe(4);
  });
});
