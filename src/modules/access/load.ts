import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { compilePolicy, type CompiledPolicy, type GrantRule } from './policy.ts';

/** The person whose rights are looked up: user id, unit and roles (from the session). */
export interface AccessSubject {
  municipality: string;
  userId: string;
  unitId: string;
  roles: readonly string[];
}

/** The hidden case types shipped by default (ACC-4; guidance box 2 and 4). */
export const defaultHiddenCaseTypes: readonly { kle: string; reason: string }[] = [
  { kle: '34.10.30', reason: 'Underretninger om børn og unge' },
  { kle: '34.25.00', reason: 'Anbringelse uden for hjemmet' },
  { kle: '32.45.04', reason: 'Kontrol med sociale ydelser' },
  { kle: '27.25.08', reason: 'SSP-samarbejde' },
  { kle: '27.25.12', reason: 'SSP-samarbejde' },
];

type Executor = Kysely<Database> | Transaction<Database>;

/** The hidden case-type prefixes of a municipality. */
export async function hiddenCaseTypes(db: Executor, municipality: string): Promise<string[]> {
  const rows = await db.selectFrom('hidden_case_type').select('kle').where('municipality', '=', municipality).execute();
  return rows.map((r) => r.kle);
}

/** The grants in force for a subject at a time: approved (and second-approved where required), within validity, not revoked. */
export async function effectiveGrants(db: Executor, subject: AccessSubject, at: Date): Promise<GrantRule[]> {
  const rows = await db
    .selectFrom('access_grant')
    .select(['scope', 'authority', 'level', 'can_search', 'can_enter', 'can_delete'])
    .where('municipality', '=', subject.municipality)
    .where('system', '=', 'skjold')
    .where('status', '=', 'approved')
    .where((eb) => eb.or([eb('needs_second_approval', '=', false), eb('second_approved_at', 'is not', null)]))
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', at)]))
    .where((eb) =>
      eb.or([
        eb.and([eb('grantee_kind', '=', 'user'), eb('grantee_id', '=', subject.userId)]),
        eb.and([eb('grantee_kind', '=', 'unit'), eb('grantee_id', '=', subject.unitId)]),
        ...(subject.roles.length ? [eb.and([eb('grantee_kind', '=', 'role'), eb('grantee_id', 'in', [...subject.roles])])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ scope: r.scope, authority: r.authority, level: r.level, canSearch: r.can_search, canEnter: r.can_enter, canDelete: r.can_delete }));
}

/** Loads and compiles a subject's policy for this request: revocations take effect on the next request (ACC-8). */
export async function loadPolicy(db: Executor, subject: AccessSubject, at: Date): Promise<CompiledPolicy> {
  const [grants, hidden] = await Promise.all([effectiveGrants(db, subject, at), hiddenCaseTypes(db, subject.municipality)]);
  return compilePolicy(grants, hidden);
}
