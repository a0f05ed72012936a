import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ensureDemo, generateDemo, seedDemo } from '../../src/modules/demo/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const logger = pino({ level: 'silent' });
const small = { municipality: '0336', seed: 11, citizens: 2000, employees: 100 };

async function count(t: TestDb, table: 'org_unit' | 'employee' | 'citizen' | 'citizen_relation' | 'citizen_case' | 'case_document' | 'demo_run'): Promise<number> {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('municipality', '=', '0336').executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('demo municipality in the database', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it('seeds a smaller municipality with consistent counts and references', async () => {
    const expected = generateDemo(small);
    const result = await seedDemo(t, { ...small, logger });
    expect(result.seeded).toBe(true);
    if (!result.seeded) return;
    expect(result.counts).toEqual({
      units: expected.units.length,
      employees: 100,
      citizens: 2000,
      relations: expected.relations.length,
      cases: expected.cases.length,
      documents: expected.documents.length,
    });
    expect(await count(t, 'org_unit')).toBe(expected.units.length);
    expect(await count(t, 'employee')).toBe(100);
    expect(await count(t, 'citizen')).toBe(2000);
    expect(await count(t, 'citizen_relation')).toBe(expected.relations.length);
    expect(await count(t, 'citizen_case')).toBe(expected.cases.length);
    expect(await count(t, 'case_document')).toBe(expected.documents.length);
    expect(await t.db.selectFrom('municipality').select(['code', 'name']).execute()).toEqual([{ code: '0336', name: 'Stevns' }]);
    expect(await t.db.selectFrom('demo_run').select(['municipality', 'seed']).execute()).toEqual([{ municipality: '0336', seed: 11 }]);

    // References the schema does not enforce: managers, document authors, and employees in the right units.
    const orphans = await sql<{ n: number }>`
      select
        (select count(*) from employee e where e.manager_id is not null
           and not exists (select 1 from employee m where m.municipality = e.municipality and m.id = e.manager_id))
      + (select count(*) from case_document d
           where not exists (select 1 from employee e where e.municipality = d.municipality and e.id = d.created_by))
      + (select count(*) from citizen_case c join employee e on e.municipality = c.municipality and e.id = c.assigned_employee_id
           where e.unit_id <> c.responsible_unit_id) as n`.execute(t.db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);

    const roles = await t.db.selectFrom('employee').select(['username', 'roles']).where('username', 'in', ['leder', 'dpo']).orderBy('username').execute();
    expect(roles).toEqual([
      { username: 'dpo', roles: ['dpo'] },
      { username: 'leder', roles: ['manager', 'authorizer'] },
    ]);
    const hidden = await t.db.selectFrom('citizen_case').select('kle').distinct().where('kle', 'in', ['34.10.30', '34.25.00', '32.45.04']).execute();
    expect(hidden.length).toBe(3);
    const buu = await t.db.selectFrom('citizen_case').select('responsible_unit_id').distinct().where('authority', '=', 'boern-og-unge-udvalget').execute();
    expect(buu).toEqual([{ responsible_unit_id: 'sekretariat-buu' }]);
  });

  it('seeds once: a second seed or ensureDemo changes nothing and still returns the logins', async () => {
    expect((await seedDemo(t, { ...small, logger })).seeded).toBe(true);
    expect(await seedDemo(t, { ...small, seed: 99, logger })).toEqual({ seeded: false, existingSeed: 11 });
    const first = await ensureDemo(t, { municipality: '0336', seed: 1, logger });
    const second = await ensureDemo(t, { municipality: '0336', seed: 1, logger });
    expect(second).toEqual(first);
    expect(first.map((l) => l.username)).toEqual(expect.arrayContaining(['borgerservice', 'leder', 'sikkerhed', 'itadmin', 'systemejer', 'dpo', 'sekretariat']));
    for (const login of first) expect(login.password).toBe(DEMO_PASSWORD);
    expect(await count(t, 'citizen')).toBe(2000);
    expect(await count(t, 'demo_run')).toBe(1);
  });

  it('seeds exactly once when two seeds race', async () => {
    const results = await Promise.all([seedDemo(t, { ...small, logger }), seedDemo(t, { ...small, logger })]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect(await count(t, 'citizen')).toBe(2000);
    expect(await count(t, 'demo_run')).toBe(1);
  });
});
