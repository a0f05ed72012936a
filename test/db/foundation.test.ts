import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

describe('database foundation', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it('starts migrated, and migrating again applies nothing', async () => {
    expect(await migrate(t.db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(t.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['municipality', 'citizen', 'citizen_case', 'employee']));
  });

  it('keys every table holding municipal data by municipality', async () => {
    const result = await sql<{ table_name: string }>`
      select t.table_name from information_schema.tables t
      where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and t.table_name not like 'kysely_%' and t.table_name <> 'municipality'
        and not exists (select 1 from information_schema.columns c
                        where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'municipality')`.execute(t.db);
    expect(result.rows).toEqual([]);
  });

  it('rejects a malformed KLE number at the database too', async () => {
    await t.db.insertInto('municipality').values({ code: '0336', name: 'Stevns' }).execute();
    await t.db.insertInto('org_unit').values({ municipality: '0336', id: 'u', name: 'U', parent_id: null, serves_authority: null }).execute();
    await t.db
      .insertInto('citizen')
      .values({ municipality: '0336', cpr: '6701901234', first_name: 'A', last_name: 'B', street: 'Vej 1', postcode: '4660', city: 'Store Heddinge', home_municipality: '0336', household_id: 'h1', deceased_on: null })
      .execute();
    const insert = (kle: string) =>
      t.db
        .insertInto('citizen_case')
        .values({ municipality: '0336', id: `c-${kle}`, case_number: 'x', citizen_cpr: '6701901234', kle, title: 't', status: 'open', responsible_unit_id: 'u', assigned_employee_id: null, opened_on: '2026-01-01', closed_on: null })
        .execute();
    await expect(insert('32.03.12')).resolves.toBeDefined();
    await expect(insert('32x03')).rejects.toThrow();
  });
});
