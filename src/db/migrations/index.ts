import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_identity.ts';
import * as m0003 from './0003_access_log.ts';
import * as m0004 from './0004_access.ts';
import * as m0005 from './0005_control.ts';
import * as m0006 from './0006_monitoring.ts';
import * as m0007 from './0007_citizen_sampling.ts';
import * as m0008 from './0008_retention_approval.ts';
import * as m0009 from './0009_partition_race.ts';

/** Forward-only migrations in order; add new ones at the end, never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_identity': m0002,
  '0003_access_log': m0003,
  '0004_access': m0004,
  '0005_control': m0005,
  '0006_monitoring': m0006,
  '0007_citizen_sampling': m0007,
  '0008_retention_approval': m0008,
  '0009_partition_race': m0009,
};
