// `decide`: single-case decisions for a user with 50 grants, through the compiled policy, next to a naive
// scan over the same 50 grants in the same run (the baseline the compiled form must beat).
import { compilePolicy, decide, type CaseAction, type GrantRule } from '../src/modules/access/index.ts';
import { kleSubjects } from '../src/modules/reference/index.ts';
import { Random } from '../src/modules/demo/random.ts';
import { log } from './support.ts';

/** What this benchmark measures. */
export const description = 'ns per single-case decision for a user with 50 grants (compiled) vs a naive scan';

const HIDDEN = ['34.10.30', '34.25.00', '32.45.04', '27.25.08', '27.25.12'];
const ACTIONS: CaseAction[] = ['know', 'view', 'update', 'delete', 'print'];

function naiveDecide(grants: readonly GrantRule[], action: CaseAction, facts: { kle: string; authority: string }): boolean {
  const hidden = HIDDEN.filter((h) => facts.kle === h || facts.kle.startsWith(`${h}.`)).reduce((d, h) => Math.max(d, h.length), -1);
  return grants.some((g) => {
    if (g.authority !== facts.authority) return false;
    const inScope = g.scope === '*' ? hidden < 0 : (facts.kle === g.scope || facts.kle.startsWith(`${g.scope}.`)) && g.scope.length >= hidden;
    if (!inScope) return false;
    if (action === 'know') return true;
    if (g.level !== 'content') return false;
    return action === 'view' || action === 'print' || (action === 'update' ? g.canEnter : g.canDelete);
  });
}

/** Runs the benchmark and returns its figure. */
export async function run(): Promise<string> {
  const rnd = new Random(7);
  const scopes = [...new Set(kleSubjects.flatMap((s) => [s.code, s.code.slice(0, 5), s.code.slice(0, 2)]))];
  const grants: GrantRule[] = Array.from({ length: 50 }, () => ({
    scope: rnd.pick(scopes),
    authority: rnd.chance(0.9) ? 'municipality' : 'boern-og-unge-udvalget',
    level: rnd.chance(0.6) ? 'content' : 'existence',
    canSearch: true,
    canEnter: rnd.chance(0.5),
    canDelete: rnd.chance(0.2),
  }));
  const policy = compilePolicy(grants, HIDDEN);
  const cases = Array.from({ length: 4096 }, () => ({ kle: rnd.pick(kleSubjects).code, authority: rnd.chance(0.95) ? 'municipality' : 'boern-og-unge-udvalget' }));
  const n = 2_000_000;
  let sink = 0;
  const time = (fn: (i: number) => boolean) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn(i)) sink++;
    return Number(process.hrtime.bigint() - start) / n;
  };
  // Agreement first, then warm-up, then alternate rounds and take medians.
  for (let i = 0; i < 20_000; i++) {
    const c = cases[i & 4095]!;
    const a = ACTIONS[i % ACTIONS.length]!;
    if (decide(policy, a, c) !== naiveDecide(grants, a, c)) throw new Error('compiled and naive decisions disagree');
  }
  const compiled: number[] = [];
  const naive: number[] = [];
  for (let round = 0; round < 5; round++) {
    compiled.push(time((i) => decide(policy, ACTIONS[i % 5]!, cases[i & 4095]!)));
    naive.push(time((i) => naiveDecide(grants, ACTIONS[i % 5]!, cases[i & 4095]!)));
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  log(`compiled rounds ns: ${compiled.map((v) => v.toFixed(0)).join(' ')}; naive: ${naive.map((v) => v.toFixed(0)).join(' ')} (sink ${sink})`);
  return `${median(compiled).toFixed(0)} ns/decision (naive scan ${median(naive).toFixed(0)} ns, speed-up ${(median(naive) / median(compiled)).toFixed(1)}x, 50 grants)`;
}
