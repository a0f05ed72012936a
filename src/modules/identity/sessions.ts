import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import type { ClientContext, IdentityDeps } from './context.ts';
import { getAuthPolicy } from './policy.ts';
import { hashToken, newToken } from './tokens.ts';

/** Why a session only allows one thing. */
export type SessionRestriction = 'password-change' | 'mfa-enrolment';

/** A validated session and its user, as the HTTP layer sees it. */
export interface SessionUser {
  sessionHash: string;
  userId: string;
  username: string;
  name: string;
  roles: string[];
  unit: { id: string; name: string };
  secondFactor: string | null;
  restriction: SessionRestriction | null;
  idleTimeoutSeconds: number;
  /** True when the session is screen-locked (only routes that allow it see such a user). */
  locked: boolean;
}

/** What checking a session token found. */
export type SessionCheck = { status: 'active'; user: SessionUser } | { status: 'locked'; user: SessionUser } | { status: 'none' };

/** Starts a new session (a new token on every sign-in, AUTH-6); returns the token for the cookie. */
export async function createSession(
  trx: Transaction<Database>,
  deps: IdentityDeps,
  userId: string,
  client: ClientContext,
  options: { secondFactor: string | null; assurance: 'low' | 'substantial' | 'high'; restriction: SessionRestriction | null },
): Promise<string> {
  const token = newToken();
  await trx
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      municipality: deps.municipality,
      user_id: userId,
      created_at: deps.now(),
      last_activity_at: deps.now(),
      locked_at: null,
      ended_at: null,
      end_reason: null,
      assurance: options.assurance,
      second_factor: options.secondFactor,
      ip: client.ip,
      workstation: client.workstation,
      restriction: options.restriction,
    })
    .execute();
  return token;
}

/**
 * Checks a session token on every request. Idle past the policy's limit → locked (the server refuses until the
 * password is typed again); past the absolute limit → ended. `activity` false (heartbeats, polling) never extends it.
 */
export async function checkSession(deps: IdentityDeps, token: string | undefined, options: { activity: boolean }): Promise<SessionCheck> {
  if (!token || token.length > 200) return { status: 'none' };
  const tokenHash = hashToken(token);
  const row = await deps.db
    .selectFrom('user_session as s')
    .innerJoin('user_account as a', (j) => j.onRef('a.municipality', '=', 's.municipality').onRef('a.id', '=', 's.user_id'))
    .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 's.municipality').onRef('e.id', '=', 's.user_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.municipality', '=', 'e.municipality').onRef('u.id', '=', 'e.unit_id'))
    .select(['s.token_hash', 's.user_id', 's.created_at', 's.last_activity_at', 's.locked_at', 's.ended_at', 's.second_factor', 's.restriction', 's.ip', 's.workstation', 'a.username', 'a.status', 'e.full_name', 'e.roles', 'e.unit_id', 'u.name as unit_name'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.municipality', '=', deps.municipality)
    .executeTakeFirst();
  if (!row || row.ended_at !== null) return { status: 'none' };
  const policy = await getAuthPolicy(deps.db, deps.municipality);
  const now = deps.now();
  const user: SessionUser = {
    sessionHash: tokenHash,
    userId: row.user_id,
    username: row.username,
    name: row.full_name,
    roles: row.roles,
    unit: { id: row.unit_id, name: row.unit_name },
    secondFactor: row.second_factor,
    restriction: row.restriction,
    idleTimeoutSeconds: policy.idleTimeoutMinutes * 60,
    locked: row.locked_at !== null,
  };
  if (row.status !== 'active' || now.getTime() - new Date(row.created_at).getTime() > policy.absoluteTimeoutMinutes * 60_000) {
    await endSession(deps, tokenHash, row.status !== 'active' ? 'account-disabled' : 'absolute-timeout', { ip: row.ip, workstation: row.workstation });
    return { status: 'none' };
  }
  if (user.locked) return { status: 'locked', user };
  if (now.getTime() - new Date(row.last_activity_at).getTime() > policy.idleTimeoutMinutes * 60_000) {
    await deps.db.transaction().execute(async (trx) => {
      const locked = await trx.updateTable('user_session').set({ locked_at: now }).where('token_hash', '=', tokenHash).where('locked_at', 'is', null).executeTakeFirst();
      if (Number(locked.numUpdatedRows) > 0) {
        await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'session.locked', actorId: row.user_id, subjectId: row.user_id, ip: row.ip, workstation: row.workstation, details: { reason: 'idle' } });
      }
    });
    return { status: 'locked', user: { ...user, locked: true } };
  }
  // Activity is recorded at most every 5 seconds to spare the database; idle limits are minutes.
  if (options.activity && now.getTime() - new Date(row.last_activity_at).getTime() > 5000) {
    await deps.db.updateTable('user_session').set({ last_activity_at: now }).where('token_hash', '=', tokenHash).where('locked_at', 'is', null).execute();
  }
  return { status: 'active', user };
}

/** Ends one session with a reason and records it. */
export async function endSession(deps: IdentityDeps, tokenHash: string, reason: string, client: ClientContext): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ended = await trx.updateTable('user_session').set({ ended_at: deps.now(), end_reason: reason }).where('token_hash', '=', tokenHash).where('ended_at', 'is', null).returning('user_id').executeTakeFirst();
    if (ended) {
      await recordSecurityEvent(trx, { municipality: deps.municipality, type: reason === 'logout' ? 'logout' : 'session.ended', actorId: ended.user_id, subjectId: ended.user_id, ip: client.ip, workstation: client.workstation, details: { reason } });
    }
  });
}

/** Ends every open session of a user (on password change or reset, AUTH-5/6); returns how many. */
export async function endAllSessions(trx: Transaction<Database>, deps: IdentityDeps, userId: string, reason: string): Promise<number> {
  const result = await trx
    .updateTable('user_session')
    .set({ ended_at: deps.now(), end_reason: reason })
    .where('municipality', '=', deps.municipality)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
