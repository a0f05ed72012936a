// Differential test: the SQL form of the policy (caseFilter) must select exactly the cases the decision function allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseActions, caseFilter, compilePolicy, decide, type GrantRule } from '../../src/modules/access/index.ts';
import { Random } from '../../src/modules/demo/random.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const M = '0336';
const HIDDEN = ['34.10.30', '34.25.00', '32.45.04', '27.25.08', '27.25.12'];
const KLES = ['32', '32.03', '32.03.12', '32.03.16', '32.45', '32.45.04', '32.45.08', '34', '34.10', '34.10.30', '34.10.30', '34.25.00', '34.20.00', '27.25.08', '27.25.12', '27.25', '23.01.02', '15.00.00', '00.07.03'];
const AUTHORITIES = ['municipality', 'municipality', 'municipality', 'boern-og-unge-udvalget'];
const SCOPES = ['*', '32', '32.03', '32.45', '32.45.04', '34', '34.10', '34.10.30', '34.25.00', '27', '27.25', '27.25.08', '23', '15', '00.07.03'];

describe('policy: SQL form agrees with the decision function on random data', () => {
  let t: TestDb;
  const caseFacts = new Map<string, { kle: string; authority: string }>();
  beforeAll(async () => {
    t = await createTestDb();
    const rnd = new Random(20261127);
    await t.db.insertInto('municipality').values({ code: M, name: 'Stevns' }).execute();
    await t.db.insertInto('org_unit').values({ municipality: M, id: 'u', name: 'U', parent_id: null, serves_authority: null }).execute();
    await t.db.insertInto('citizen').values({ municipality: M, cpr: '6701901234', first_name: 'A', last_name: 'B', street: 'Vej 1', postcode: '4660', city: 'Store Heddinge', home_municipality: M, household_id: 'h', deceased_on: null }).execute();
    const rows = Array.from({ length: 400 }, (_, i) => {
      const facts = { kle: rnd.pick(KLES), authority: rnd.pick(AUTHORITIES) };
      caseFacts.set(`c${i}`, facts);
      return { municipality: M, id: `c${i}`, case_number: `n${i}`, citizen_cpr: '6701901234', kle: facts.kle, authority: facts.authority, title: 't', status: 'open' as const, responsible_unit_id: 'u', assigned_employee_id: null, opened_on: '2026-01-01', closed_on: null };
    });
    await t.db.insertInto('citizen_case').values(rows).execute();
  });
  afterAll(async () => t.drop());

  it('selects the same cases for 150 random grant sets × every action', async () => {
    const rnd = new Random(42);
    let compared = 0;
    for (let round = 0; round < 150; round++) {
      const grants: GrantRule[] = Array.from({ length: rnd.int(0, 6) }, () => ({
        scope: rnd.pick(SCOPES),
        authority: rnd.pick(AUTHORITIES),
        level: rnd.chance(0.5) ? 'content' : 'existence',
        canSearch: rnd.chance(0.5),
        canEnter: rnd.chance(0.5),
        canDelete: rnd.chance(0.3),
      }));
      const hidden = HIDDEN.filter(() => rnd.chance(0.8));
      const policy = compilePolicy(grants, hidden);
      for (const action of caseActions) {
        const fromSql = await t.db.selectFrom('citizen_case as c').select('c.id').where(caseFilter(policy, action)).execute();
        const sqlIds = new Set(fromSql.map((r) => r.id));
        const expectedIds = [...caseFacts].filter(([, f]) => decide(policy, action, f)).map(([id]) => id);
        expect([...sqlIds].sort(), `round ${round} ${action} ${JSON.stringify(grants)} hidden=${hidden}`).toEqual(expectedIds.sort());
        compared++;
      }
    }
    expect(compared).toBe(150 * caseActions.length);
  });
});
