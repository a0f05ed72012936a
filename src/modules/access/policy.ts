// The one access policy (ACC-2..6) in two forms: `decide` for a single case, and `caseFilter` — the same rules
// compiled into an SQL predicate for lists, searches and counts. Both read the same compiled grants.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/** Access levels: knowing that a case exists (type, status, unit), or seeing its contents and documents (ACC-3). */
export type AccessLevel = 'existence' | 'content';

/** What a user may try to do with a case (ACC-6 separates search, enter and delete). */
export const caseActions = ['know', 'view', 'create', 'update', 'delete', 'print'] as const;
/** A case action. */
export type CaseAction = (typeof caseActions)[number];

/** The fields of a case the policy looks at. */
export interface CaseFacts {
  kle: string;
  authority: string;
}

/** One effective grant, reduced to what the policy needs. */
export interface GrantRule {
  scope: string; // '*' or a KLE prefix
  authority: string;
  level: AccessLevel;
  canSearch: boolean;
  canEnter: boolean;
  canDelete: boolean;
}

/** A user's grants compiled for fast decisions: merged capabilities keyed by authority, then scope. */
export interface CompiledPolicy {
  /** authority → scope ('*' or a KLE prefix) → merged capability */
  readonly rules: ReadonlyMap<string, ReadonlyMap<string, Capability>>;
  /** The hidden case-type prefixes (e.g. 34.10.30). */
  readonly hidden: readonly string[];
  readonly hiddenSet: ReadonlySet<string>;
  /** May search for citizens at all. */
  readonly canSearch: boolean;
}

/** Merged rights of all grants with one authority and scope. */
export interface Capability {
  content: boolean;
  enter: boolean;
  delete: boolean;
}

/** Compiles a user's effective grants and the hidden case types. */
export function compilePolicy(grants: readonly GrantRule[], hidden: readonly string[]): CompiledPolicy {
  const rules = new Map<string, Map<string, Capability>>();
  for (const g of grants) {
    let byScope = rules.get(g.authority);
    if (!byScope) rules.set(g.authority, (byScope = new Map()));
    const c = byScope.get(g.scope) ?? { content: false, enter: false, delete: false };
    // Entering and deleting need the contents too: a right to change what you cannot see is not granted.
    const content = g.level === 'content';
    byScope.set(g.scope, { content: c.content || content, enter: c.enter || (content && g.canEnter), delete: c.delete || (content && g.canDelete) });
  }
  return { rules, hidden: [...hidden], hiddenSet: new Set(hidden), canSearch: grants.some((g) => g.canSearch) };
}

// KLE numbers are NN, NN.NN or NN.NN.NN: their prefixes end at these lengths.
const PREFIX_LENGTHS = [2, 5, 8] as const;

/** The length of the deepest hidden entry covering kle, or -1 when the case type is not hidden. */
function hiddenDepth(kle: string, hidden: ReadonlySet<string>): number {
  for (let i = PREFIX_LENGTHS.length - 1; i >= 0; i--) {
    const len = PREFIX_LENGTHS[i]!;
    if (kle.length >= len && hidden.has(len === kle.length ? kle : kle.slice(0, len))) return len;
  }
  return -1;
}

function satisfies(c: Capability, action: CaseAction): boolean {
  switch (action) {
    case 'know':
      return true;
    case 'view':
    case 'print':
      return c.content;
    case 'create':
    case 'update':
      return c.enter;
    case 'delete':
      return c.delete;
  }
}

/**
 * Decides one action on one case. A grant covers a case when its authority matches and its scope is a prefix of
 * the case's KLE ('*' covers every type); a hidden type is covered only by a grant scoped at or below the hidden entry.
 */
export function decide(policy: CompiledPolicy, action: CaseAction, facts: CaseFacts): boolean {
  const byScope = policy.rules.get(facts.authority);
  if (!byScope) return false;
  const kle = facts.kle;
  const depth = policy.hiddenSet.size ? hiddenDepth(kle, policy.hiddenSet) : -1;
  if (depth < 0) {
    const any = byScope.get('*');
    if (any && satisfies(any, action)) return true;
  }
  for (const len of PREFIX_LENGTHS) {
    if (kle.length < len) break;
    if (len < depth) continue;
    const c = byScope.get(len === kle.length ? kle : kle.slice(0, len));
    if (c && satisfies(c, action)) return true;
  }
  return false;
}

/**
 * The same rules as `decide`, as an SQL predicate on a case table aliased `c` (columns kle, authority): use it in
 * every list, search and count so that a case the user may not know of never shows, not even as a number.
 */
export function caseFilter(policy: CompiledPolicy, action: CaseAction) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the predicate reads only c.kle and c.authority, so it fits any query (also a correlated subquery) that has the case table aliased c
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    const hiddenList = policy.hidden;
    for (const [authority, scope, capability] of [...policy.rules].flatMap(([a, byScope]) => [...byScope].map(([sc, c]) => [a, sc, c] as const))) {
      if (!satisfies(capability, action)) continue;
      const byAuthority = sql<SqlBool>`c.authority = ${authority}`;
      if (scope === '*') {
        const notHidden = hiddenList.length
          ? sql<SqlBool>`not (${sql.join(hiddenList.map((h) => sql`(c.kle = ${h} or c.kle like ${`${h}.%`})`), sql` or `)})`
          : sql<SqlBool>`true`;
        ors.push(sql<SqlBool>`(${byAuthority} and ${notHidden})`);
        continue;
      }
      const inScope = sql<SqlBool>`(c.kle = ${scope} or c.kle like ${`${scope}.%`})`;
      // Hidden entries strictly broader-than-scope are not reachable from a broader grant.
      const blocking = hiddenList.filter((h) => h.length > scope.length && h.startsWith(`${scope}.`));
      const notBlocked = blocking.length
        ? sql<SqlBool>`not (${sql.join(blocking.map((h) => sql`(c.kle = ${h} or c.kle like ${`${h}.%`})`), sql` or `)})`
        : sql<SqlBool>`true`;
      ors.push(sql<SqlBool>`(${byAuthority} and ${inScope} and ${notBlocked})`);
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  };
}
