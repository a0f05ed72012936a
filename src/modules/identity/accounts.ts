import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Creates a login identity for every employee that has none yet (no password: SSO or a reset sets one). */
export async function ensureAccountsForEmployees(db: Kysely<Database>, municipality: string): Promise<number> {
  const result = await db
    .insertInto('user_account')
    .columns(['municipality', 'id', 'username'])
    .expression((eb) => eb.selectFrom('employee').select(['municipality', 'id', 'username']).where('municipality', '=', municipality))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The account id for a username, or undefined. */
export async function accountIdByUsername(db: Kysely<Database>, municipality: string, username: string): Promise<string | undefined> {
  const row = await db.selectFrom('user_account').select('id').where('municipality', '=', municipality).where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  return row?.id;
}

/** Whether a user currently has a password set. */
export async function hasPassword(db: Kysely<Database>, municipality: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user_account').select('password_hash').where('municipality', '=', municipality).where('id', '=', userId).executeTakeFirst();
  return Boolean(row?.password_hash);
}
