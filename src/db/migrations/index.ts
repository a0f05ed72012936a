import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_identity.ts';

/** Forward-only migrations in order; add new ones at the end, never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_identity': m0002,
  '0003_access_log': await import('./0003_access_log.ts'),
  '0004_access': await import('./0004_access.ts'),
  '0005_control': await import('./0005_control.ts'),
  '0006_monitoring': await import('./0006_monitoring.ts'),
  '0007_citizen_sampling': await import('./0007_citizen_sampling.ts'),
};
