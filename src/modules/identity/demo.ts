import { sql } from 'kysely';
import { recordSecurityEvent } from '../audit/index.ts';
import { ensureAccountsForEmployees } from './accounts.ts';
import { provisionPassword, type PasswordDeps } from './login.ts';

/** The loopback networks that the demo trusts, so demo logins need no second factor on this machine only. */
export const demoTrustedNetworks = ['127.0.0.0/8', '::1/128'];

/**
 * Demo mode only: gives every employee a login identity, sets the printed password on the demo logins (first start
 * only), and sets the MFA policy to "outside trusted networks" with only loopback trusted — recorded as a config change.
 */
export async function provisionDemoIdentity(deps: PasswordDeps, logins: readonly { username: string; password: string }[]): Promise<void> {
  await ensureAccountsForEmployees(deps.db, deps.municipality);
  for (const login of logins) {
    const account = await deps.db.selectFrom('user_account').select(['id', 'password_hash']).where('municipality', '=', deps.municipality).where('username', '=', login.username).executeTakeFirst();
    if (account && !account.password_hash) await provisionPassword(deps, account.id, login.password, { mustChange: false });
  }
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('auth_policy')
      .values({ municipality: deps.municipality, mfa_policy: 'untrusted-network', trusted_networks: sql<string[]>`${demoTrustedNetworks}::text[]` as never })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'config.changed', actorId: null, details: { setting: 'auth_policy', mfaPolicy: 'untrusted-network', trustedNetworks: demoTrustedNetworks, reason: 'demo mode' } });
    }
  });
}
