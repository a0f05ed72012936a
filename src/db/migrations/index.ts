import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';

/** Forward-only migrations in order; add new ones at the end, never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
