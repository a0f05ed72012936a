import { sql } from 'kysely';
import { recordSecurityEvent } from '../audit/index.ts';
import type { ClientContext, IdentityDeps } from './context.ts';
import { getAuthPolicy, type AuthPolicy } from './policy.ts';

/** A user as the administrators' page lists it. */
export interface UserOverview {
  id: string;
  username: string;
  name: string;
  unit: string;
  roles: string[];
  status: 'active' | 'disabled';
  employedUntil: string | null;
  hasPassword: boolean;
  secondFactors: string[];
  locked: boolean;
}

/** Lists user identities with their factors and lock state, filtered by a name/username fragment. */
export async function listUsers(deps: IdentityDeps, options: { search?: string; limit: number; offset: number }): Promise<{ total: number; users: UserOverview[] }> {
  let base = deps.db
    .selectFrom('user_account as a')
    .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'a.municipality').onRef('e.id', '=', 'a.id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.municipality', '=', 'e.municipality').onRef('u.id', '=', 'e.unit_id'))
    .where('a.municipality', '=', deps.municipality);
  if (options.search) {
    const like = `%${options.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb(eb.fn('lower', ['e.full_name']), 'like', like), eb('a.username', 'like', like)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'a.id',
      'a.username',
      'e.full_name',
      'u.name as unit_name',
      'e.roles',
      'a.status',
      'e.employed_until',
      sql<boolean>`a.password_hash is not null`.as('has_password'),
      sql<boolean>`exists (select 1 from totp_credential t where t.municipality = a.municipality and t.user_id = a.id and t.confirmed_at is not null)`.as('has_totp'),
      sql<boolean>`exists (select 1 from webauthn_credential w where w.municipality = a.municipality and w.user_id = a.id)`.as('has_webauthn'),
      sql<boolean>`exists (select 1 from lockout_counter l where l.municipality = a.municipality and l.kind = 'user' and l.key = a.username and l.locked_at is not null)`.as('locked'),
    ])
    .orderBy('e.full_name')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return {
    total: Number(total.n),
    users: rows.map((r) => ({
      id: r.id,
      username: r.username,
      name: r.full_name,
      unit: r.unit_name,
      roles: r.roles,
      status: r.status,
      employedUntil: r.employed_until,
      hasPassword: r.has_password,
      secondFactors: [...(r.has_totp ? ['totp'] : []), ...(r.has_webauthn ? ['webauthn'] : [])],
      locked: r.locked,
    })),
  };
}

/** Changes the authentication policy within the rules (idle 5–20 minutes); recorded as a configuration change. */
export async function updateAuthPolicy(deps: IdentityDeps, actor: { id: string } & ClientContext, change: Partial<AuthPolicy>): Promise<AuthPolicy> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await getAuthPolicy(trx, deps.municipality);
    const after: AuthPolicy = { ...before, ...change };
    await trx
      .insertInto('auth_policy')
      .values({ municipality: deps.municipality, mfa_policy: after.mfaPolicy, trusted_networks: after.trustedNetworks, idle_timeout_minutes: after.idleTimeoutMinutes, absolute_timeout_minutes: after.absoluteTimeoutMinutes, updated_at: deps.now() })
      .onConflict((oc) =>
        oc.column('municipality').doUpdateSet({ mfa_policy: after.mfaPolicy, trusted_networks: after.trustedNetworks, idle_timeout_minutes: after.idleTimeoutMinutes, absolute_timeout_minutes: after.absoluteTimeoutMinutes, updated_at: deps.now() }),
      )
      .execute();
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'config.changed', actorId: actor.id, ip: actor.ip, workstation: actor.workstation, details: { setting: 'auth_policy', before, after } });
    return after;
  });
}
