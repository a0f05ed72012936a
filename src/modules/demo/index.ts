import type { Logger } from 'pino';
import type { Db } from '../../db/index.ts';

/** A demo login printed at start (demo mode only). */
export interface DemoLogin {
  username: string;
  password: string;
  description: string;
}

/** Seeds the demo municipality on first start (once per database); returns the demo logins. */
export async function ensureDemo(db: Db, options: { municipality: string; seed: number; logger: Logger }): Promise<DemoLogin[]> {
  // Placeholder until the generator lands.
  await db.db.insertInto('municipality').values({ code: options.municipality, name: 'Demo' }).onConflict((oc) => oc.doNothing()).execute();
  return [];
}
