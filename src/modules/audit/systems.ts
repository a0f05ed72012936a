// The register of systems that send access-log records (LOG-6): each gets a random bearer credential, shown once
// and stored only as its SHA-256 (a 256-bit random secret needs no slow hash).
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** The key Skjold's own workspace logs under. */
export const SKJOLD_SYSTEM_KEY = 'skjold';

/** A registered sending system as shown to administrators (never the credential). */
export interface LogSystem {
  municipality: string;
  key: string;
  name: string;
  active: boolean;
  createdAt: Date;
}

/** Raised when a system key is malformed or already registered; the message is safe to show. */
export class SystemRegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SystemRegistrationError';
  }
}

/** True for a well-formed system key: lower-case letters, digits, '.', '_' or '-', 1–64 characters. */
export function isSystemKey(key: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(key);
}

/** The stored form of a bearer credential. */
export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

/** Registers a sending system and returns its bearer credential — the only time it is ever shown. */
export async function registerSystem(db: Executor, municipality: string, key: string, name: string): Promise<{ system: LogSystem; credential: string }> {
  if (!isSystemKey(key)) throw new SystemRegistrationError('Systemnøglen skal være 1–64 tegn: små bogstaver, cifre, punktum, bindestreg eller understreg.');
  if (!name.trim() || name.length > 200) throw new SystemRegistrationError('Systemets navn skal være 1–200 tegn.');
  const credential = `skl_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('log_system')
    .values({ municipality, key, name: name.trim(), credential_hash: hashCredential(credential) })
    .onConflict((oc) => oc.columns(['municipality', 'key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new SystemRegistrationError(`Systemet "${key}" er allerede registreret.`);
  return { system: view(row), credential };
}

/** Issues a new credential for a registered system (the old one stops working at once); null when unknown. */
export async function rotateSystemCredential(db: Executor, municipality: string, key: string): Promise<string | null> {
  const credential = `skl_${randomBytes(32).toString('base64url')}`;
  const row = await db.updateTable('log_system').set({ credential_hash: hashCredential(credential) }).where('municipality', '=', municipality).where('key', '=', key).returning('key').executeTakeFirst();
  return row ? credential : null;
}

/** Makes sure a system row exists (without a credential), e.g. Skjold's own: ensureSystem(db, m, 'skjold', 'Skjold'). */
export async function ensureSystem(db: Executor, municipality: string, key: string, name: string): Promise<void> {
  await db.insertInto('log_system').values({ municipality, key, name }).onConflict((oc) => oc.columns(['municipality', 'key']).doNothing()).execute();
}

/** The active system a bearer credential belongs to, or undefined. */
export async function authenticateSystem(db: Executor, credential: string): Promise<{ municipality: string; key: string; name: string } | undefined> {
  if (!credential.startsWith('skl_') || credential.length > 200) return undefined;
  return db
    .selectFrom('log_system')
    .select(['municipality', 'key', 'name'])
    .where('credential_hash', '=', hashCredential(credential))
    .where('active', '=', true)
    .executeTakeFirst();
}

/** The registered systems of a municipality. */
export async function listSystems(db: Executor, municipality: string): Promise<LogSystem[]> {
  const rows = await db.selectFrom('log_system').selectAll().where('municipality', '=', municipality).orderBy('key').execute();
  return rows.map(view);
}

/** The active system with this key, or undefined (for the command-line ingest). */
export async function findSystem(db: Executor, municipality: string, key: string): Promise<LogSystem | undefined> {
  const row = await db.selectFrom('log_system').selectAll().where('municipality', '=', municipality).where('key', '=', key).where('active', '=', true).executeTakeFirst();
  return row ? view(row) : undefined;
}

function view(row: { municipality: string; key: string; name: string; active: boolean; created_at: Date }): LogSystem {
  return { municipality: row.municipality, key: row.key, name: row.name, active: row.active, createdAt: new Date(row.created_at) };
}
