import { loadConfig, type Config } from '../config/index.ts';
import { migrate, openDatabase, type Db } from '../db/index.ts';

/** Opens the configured database, runs fn, and closes it again. */
export async function withDatabase<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await migrate(db.db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
