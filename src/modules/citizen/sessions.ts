// Citizen sessions for Min log (CTL-5): own table and cookie, never mixed with staff sessions, short idle timeout.
// The CPR number lives only server-side in the session row; every Min log query takes it from there.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hashToken, newToken } from '../identity/tokens.ts';

/** What the citizen services need: the database, the municipality, the key for sealed login state, and a clock. */
export interface CitizenDeps {
  db: Kysely<Database>;
  municipality: string;
  secretKey: Buffer;
  now: () => Date;
}

/** Idle minutes after which a citizen session ends (short: often a shared or public computer). */
export const CITIZEN_IDLE_MINUTES = 15;
/** Absolute lifetime of a citizen session in minutes. */
export const CITIZEN_ABSOLUTE_MINUTES = 60;

/** A valid citizen session: the CPR number it was opened for (from MitID), never from the request. */
export interface CitizenSession {
  tokenHash: string;
  cpr: string;
  assurance: 'substantial' | 'high';
}

/** Opens a citizen session after a MitID login; returns the token for the cookie. */
export async function createCitizenSession(trx: Transaction<Database> | Kysely<Database>, deps: CitizenDeps, cpr: string, assurance: 'substantial' | 'high'): Promise<string> {
  const token = newToken(32);
  await trx
    .insertInto('citizen_session')
    .values({ token_hash: hashToken(token), municipality: deps.municipality, cpr, assurance, created_at: deps.now(), last_activity_at: deps.now(), ended_at: null, end_reason: null })
    .execute();
  return token;
}

/** Checks a citizen session token; ends it when idle or too old; records activity. Undefined when not valid. */
export async function checkCitizenSession(deps: CitizenDeps, token: string | undefined): Promise<CitizenSession | undefined> {
  if (!token || token.length > 200) return undefined;
  const tokenHash = hashToken(token);
  const row = await deps.db
    .selectFrom('citizen_session')
    .select(['cpr', 'assurance', 'created_at', 'last_activity_at', 'ended_at'])
    .where('token_hash', '=', tokenHash)
    .where('municipality', '=', deps.municipality)
    .executeTakeFirst();
  if (!row || row.ended_at !== null) return undefined;
  const now = deps.now().getTime();
  const idle = now - new Date(row.last_activity_at).getTime() > CITIZEN_IDLE_MINUTES * 60_000;
  const old = now - new Date(row.created_at).getTime() > CITIZEN_ABSOLUTE_MINUTES * 60_000;
  if (idle || old) {
    await endCitizenSession(deps, tokenHash, idle ? 'idle-timeout' : 'absolute-timeout');
    return undefined;
  }
  if (now - new Date(row.last_activity_at).getTime() > 5000) {
    await deps.db.updateTable('citizen_session').set({ last_activity_at: deps.now() }).where('token_hash', '=', tokenHash).where('ended_at', 'is', null).execute();
  }
  return { tokenHash, cpr: row.cpr, assurance: row.assurance };
}

/** Ends a citizen session (logout or timeout). */
export async function endCitizenSession(deps: CitizenDeps, tokenHash: string, reason: string): Promise<void> {
  await deps.db.updateTable('citizen_session').set({ ended_at: deps.now(), end_reason: reason }).where('token_hash', '=', tokenHash).where('ended_at', 'is', null).execute();
}
