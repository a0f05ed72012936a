import { describe, expect, it } from 'vitest';
import { caseActions, compilePolicy, decide, type CaseAction, type GrantRule } from '../../src/modules/access/index.ts';
import { roles } from '../../src/modules/identity/roles.ts';

const HIDDEN = ['34.10.30', '34.25.00', '32.45.04', '27.25.08', '27.25.12'];

/** The case categories the requirements distinguish, each with a concrete case. */
const cases = {
  ordinary: { kle: '32.03.12', authority: 'municipality' }, // Boligydelse, inside the grant's scope
  outOfScope: { kle: '23.01.02', authority: 'municipality' }, // Vielse, outside a 32-scoped grant
  hidden: { kle: '34.10.30', authority: 'municipality' }, // Underretning: existence confidential
  hiddenChildSubject: { kle: '32.45.04', authority: 'municipality' }, // Kontrol med sociale ydelser
  otherAuthority: { kle: '34.20.00', authority: 'boern-og-unge-udvalget' }, // Børn og unge-udvalget's case
} as const;
type Category = keyof typeof cases;

/** The grant scopes a test user may hold, and which categories each reaches at all (the requirement, stated plainly). */
const scopes: { scope: string; authority: string; reaches: readonly Category[] }[] = [
  { scope: '*', authority: 'municipality', reaches: ['ordinary', 'outOfScope'] }, // everything but hidden and other authorities
  { scope: '32', authority: 'municipality', reaches: ['ordinary'] }, // main group 32, hidden 32.45.04 excluded
  { scope: '32.03', authority: 'municipality', reaches: ['ordinary'] },
  { scope: '34.10.30', authority: 'municipality', reaches: ['hidden'] }, // an explicit right on the hidden type
  { scope: '32.45', authority: 'municipality', reaches: [] }, // a group above a hidden subject does not reach it
  { scope: '32.45.04', authority: 'municipality', reaches: ['hiddenChildSubject'] },
  { scope: '*', authority: 'boern-og-unge-udvalget', reaches: ['otherAuthority'] }, // the secretariat
  { scope: '34', authority: 'municipality', reaches: [] }, // 34.20.00 here belongs to the committee, 34.10.30 is hidden
];

/** What each action needs, as the requirements say it: knowing needs any reaching grant; viewing/printing content; entering and deleting their own rights on a content grant. */
function expected(action: CaseAction, reaches: boolean, level: 'existence' | 'content', canEnter: boolean, canDelete: boolean): boolean {
  if (!reaches) return false;
  if (action === 'know') return true;
  if (level !== 'content') return false;
  if (action === 'view' || action === 'print') return true;
  if (action === 'create' || action === 'update') return canEnter;
  return canDelete;
}

describe('access policy matrix: role × case type × level × action (ACC-2..6)', () => {
  const rows: [string, string, string, Category, 'existence' | 'content', boolean, boolean, CaseAction][] = [];
  for (const role of roles)
    for (const s of scopes)
      for (const category of Object.keys(cases) as Category[])
        for (const level of ['existence', 'content'] as const)
          for (const [canEnter, canDelete] of [[false, false], [true, false], [true, true]] as const)
            for (const action of caseActions) rows.push([role, s.scope, s.authority, category, level, canEnter, canDelete, action]);

  it(`covers ${rows.length} combinations`, () => {
    let checked = 0;
    for (const [role, scope, authority, category, level, canEnter, canDelete, action] of rows) {
      const grant: GrantRule = { scope, authority, level, canSearch: true, canEnter, canDelete };
      // The role only names who holds the grant; the decision must not depend on it.
      const policy = compilePolicy([grant], HIDDEN);
      const reaches = scopes.find((s) => s.scope === scope && s.authority === authority)!.reaches.includes(category);
      const got = decide(policy, action, cases[category]);
      expect(got, `${role} ${authority}:${scope} ${level} enter=${canEnter} delete=${canDelete} → ${action} on ${category}`).toBe(expected(action, reaches, level, canEnter, canDelete));
      checked++;
    }
    expect(checked).toBe(roles.length * scopes.length * 5 * 2 * 3 * caseActions.length);
  });

  it('denies everything by default', () => {
    const policy = compilePolicy([], HIDDEN);
    for (const c of Object.values(cases)) for (const a of caseActions) expect(decide(policy, a, c)).toBe(false);
    expect(policy.canSearch).toBe(false);
  });

  it('merges grants: an existence grant and a content grant on different scopes each do their part', () => {
    const policy = compilePolicy(
      [
        { scope: '32', authority: 'municipality', level: 'existence', canSearch: false, canEnter: false, canDelete: false },
        { scope: '32.03.12', authority: 'municipality', level: 'content', canSearch: false, canEnter: true, canDelete: false },
      ],
      HIDDEN,
    );
    expect(decide(policy, 'view', { kle: '32.03.12', authority: 'municipality' })).toBe(true);
    expect(decide(policy, 'update', { kle: '32.03.12', authority: 'municipality' })).toBe(true);
    expect(decide(policy, 'view', { kle: '32.03.16', authority: 'municipality' })).toBe(false);
    expect(decide(policy, 'know', { kle: '32.03.16', authority: 'municipality' })).toBe(true);
    expect(decide(policy, 'know', { kle: '32.45.04', authority: 'municipality' })).toBe(false);
  });
});
