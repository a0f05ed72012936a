import { BlockList, isIP } from 'node:net';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** When a second factor is required (AUTH-2). */
export type MfaPolicy = 'always' | 'untrusted-network' | 'sensitive-roles';

/** The municipality's authentication policy. */
export interface AuthPolicy {
  mfaPolicy: MfaPolicy;
  trustedNetworks: string[];
  idleTimeoutMinutes: number;
  absoluteTimeoutMinutes: number;
}

/** The strict defaults: MFA always, 15 minutes idle, 10 hours at most. */
export const defaultAuthPolicy: AuthPolicy = { mfaPolicy: 'always', trustedNetworks: [], idleTimeoutMinutes: 15, absoluteTimeoutMinutes: 600 };

/** Reads the policy, falling back to the strict defaults. */
export async function getAuthPolicy(db: Kysely<Database> | Transaction<Database>, municipality: string): Promise<AuthPolicy> {
  const row = await db.selectFrom('auth_policy').selectAll().where('municipality', '=', municipality).executeTakeFirst();
  if (!row) return defaultAuthPolicy;
  return { mfaPolicy: row.mfa_policy, trustedNetworks: row.trusted_networks, idleTimeoutMinutes: row.idle_timeout_minutes, absoluteTimeoutMinutes: row.absolute_timeout_minutes };
}

/** True when ip lies in one of the CIDR ranges (e.g. 10.0.0.0/8, 127.0.0.1/32). */
export function inNetworks(ip: string, networks: string[]): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  const list = new BlockList();
  for (const net of networks) {
    const [address, prefix] = net.split('/');
    const netFamily = isIP(address ?? '');
    if (!address || netFamily === 0) continue;
    list.addSubnet(address, Number(prefix ?? (netFamily === 4 ? 32 : 128)), netFamily === 4 ? 'ipv4' : 'ipv6');
  }
  const normalised = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  return list.check(normalised, isIP(normalised) === 4 ? 'ipv4' : 'ipv6');
}

// Roles whose work touches citizens' sensitive data (every role but the IT administrator's in this model).
const sensitiveRoles = new Set(['employee', 'manager', 'authorizer', 'security', 'dpo', 'system-owner']);

/** Whether this login needs a second factor under the policy (AUTH-2). */
export function mfaRequired(policy: AuthPolicy, ip: string, roles: readonly string[]): boolean {
  switch (policy.mfaPolicy) {
    case 'always':
      return true;
    case 'untrusted-network':
      return !inNetworks(ip, policy.trustedNetworks);
    case 'sensitive-roles':
      return roles.some((r) => sensitiveRoles.has(r)) || !inNetworks(ip, policy.trustedNetworks);
  }
}
