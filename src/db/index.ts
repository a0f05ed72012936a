import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
export { runScript } from './script.ts';

/** Raised when the database cannot be reached or opened at start. */
export class DatabaseUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DatabaseUnavailableError';
  }
}

/** An open database: the Kysely handle, which engine backs it, and how to close it. */
export interface Db {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** The PGlite instance when embedded (for bulk paths such as COPY); undefined on a server. */
  pglite?: PGlite;
  /** The pg pool when on a server; undefined when embedded. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** Where to find the database: a PostgreSQL URL, an embedded data folder, or an existing PGlite. */
export type DbTarget = { url: string; poolSize?: number } | { dataDir: string } | { pglite: PGlite };

// timestamptz → Date, date → 'YYYY-MM-DD' string (no time-zone shifting of calendar dates), int8 → number.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/** Opens the database and checks that it answers; throws DatabaseUnavailableError with a one-line reason. */
export async function openDatabase(target: DbTarget): Promise<Db> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => {
      /* idle client errors surface on the next query */
    });
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseUnavailableError(`cannot connect to PostgreSQL at ${redactedUrl(target.url)}: ${reason}`);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  let pglite: PGlite;
  if ('pglite' in target) {
    pglite = target.pglite;
  } else {
    try {
      mkdirSync(target.dataDir, { recursive: true });
      pglite = await PGlite.create(target.dataDir);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseUnavailableError(`cannot open the embedded database in ${target.dataDir}: ${reason}`);
    }
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending forward-only migration; returns the names applied. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
