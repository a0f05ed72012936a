// Demo mode only: the demo municipality's access rights, granted through the same formal procedure as real ones
// (requested by the unit's leader, decided by an authorizer, second-approved by security where required).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { decideGrant, ensureDefaultHiddenCaseTypes, requestGrant, secondApproveGrant, type GrantRequest } from './grants.ts';
import { defaultHiddenCaseTypes } from './load.ts';

type Right = Pick<GrantRequest, 'scope' | 'level'> & Partial<Pick<GrantRequest, 'canSearch' | 'canEnter' | 'canDelete' | 'authority'>>;

// Per unit: what the work there needs. Borgerservice knows that cases exist across the board (to guide citizens)
// and sees contents only in its own areas; hidden types are granted only to the teams that handle them.
const unitRights: Record<string, Right[]> = {
  borgerservice: [
    { scope: '*', level: 'existence', canSearch: true },
    { scope: '23', level: 'content', canEnter: true },
    { scope: '32.03', level: 'content', canEnter: true },
  ],
  ydelse: [{ scope: '32', level: 'content', canSearch: true, canEnter: true }],
  'ydelse-pension': [{ scope: '32', level: 'content', canSearch: true, canEnter: true }],
  'ydelse-kontrol': [
    { scope: '32', level: 'existence', canSearch: true },
    { scope: '32.45.04', level: 'content', canEnter: true, canDelete: true },
  ],
  'boern-og-familie': [{ scope: '34', level: 'content', canSearch: true, canEnter: true }],
  'bf-myndighed': [
    { scope: '34', level: 'content', canSearch: true, canEnter: true },
    { scope: '34.10.30', level: 'content', canEnter: true },
    { scope: '34.25.00', level: 'content', canEnter: true },
  ],
  'bf-ssp': [
    { scope: '27.25.08', level: 'content', canSearch: true, canEnter: true },
    { scope: '27.25.12', level: 'content', canSearch: true, canEnter: true },
  ],
  jobcenter: [
    { scope: '15', level: 'content', canSearch: true, canEnter: true },
    { scope: '32.24', level: 'content', canEnter: true },
    { scope: '32.21', level: 'content', canEnter: true },
    { scope: '32.03.16', level: 'content', canEnter: true },
  ],
  'jobcenter-unge': [
    { scope: '15', level: 'content', canSearch: true, canEnter: true },
    { scope: '32.24', level: 'content', canEnter: true },
  ],
  'sekretariat-buu': [{ scope: '*', level: 'content', authority: 'boern-og-unge-udvalget', canSearch: true, canEnter: true, canDelete: true }],
};

/** Seeds the demo's hidden case types and unit grants, once (skips when any grant exists). */
export async function seedDemoGrants(db: Kysely<Database>, municipality: string, now: () => Date): Promise<number> {
  await ensureDefaultHiddenCaseTypes(db, municipality, defaultHiddenCaseTypes);
  const any = await db.selectFrom('access_grant').select('id').where('municipality', '=', municipality).limit(1).executeTakeFirst();
  if (any) return 0;
  const idOf = async (username: string) =>
    (await db.selectFrom('employee').select('id').where('municipality', '=', municipality).where('username', '=', username).executeTakeFirst())?.id;
  const authorizer = await idOf('systemejer');
  const security = await idOf('sikkerhed');
  if (!authorizer || !security) return 0; // not the demo organisation
  const deps = { db, municipality, now };
  const actor = (id: string) => ({ id, ip: 'demo', workstation: 'demo' });
  let count = 0;
  for (const [unit, rights] of Object.entries(unitRights)) {
    const leader = await db.selectFrom('employee').select('id').where('municipality', '=', municipality).where('unit_id', '=', unit).where(sql<boolean>`'manager' = any(roles)`).executeTakeFirst();
    if (!leader) continue;
    for (const right of rights) {
      const id = await requestGrant(deps, actor(leader.id), {
        granteeKind: 'unit',
        granteeId: unit,
        authority: 'municipality',
        canSearch: false,
        canEnter: false,
        canDelete: false,
        ...right,
        justification: 'Enhedens faste opgaver kræver adgangen (demo).',
      });
      await decideGrant(deps, actor(leader.id === authorizer ? security : authorizer), id, true, 'Godkendt ud fra enhedens opgaver (demo).');
      const grant = await db.selectFrom('access_grant').select(['needs_second_approval', 'decided_by']).where('municipality', '=', municipality).where('id', '=', id).executeTakeFirstOrThrow();
      if (grant.needs_second_approval) await secondApproveGrant(deps, actor(security), id);
      count++;
    }
  }
  return count;
}
