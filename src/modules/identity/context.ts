import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the identity services need: the database, the key for sealed secrets, and a clock. */
export interface IdentityDeps {
  db: Kysely<Database>;
  municipality: string;
  secretKey: Buffer;
  now: () => Date;
}

/** Where an authentication attempt comes from: source address and workstation (see docs/security.md). */
export interface ClientContext {
  ip: string;
  workstation: string;
}

/** Consecutive rejected attempts that lock a user identity or a workstation (AUTH-4). */
export const MAX_CONSECUTIVE_FAILURES = 5;
