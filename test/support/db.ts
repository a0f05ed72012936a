// Gives each test its own migrated database: a fresh PGlite from the snapshot, or a new PostgreSQL database from the template.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/index.ts';
import { inject } from 'vitest';
import { pgliteTemplatePath } from './paths.ts';

/** An isolated test database; `drop` closes and removes it. */
export interface TestDb extends Db {
  /** The connection URL when on a PostgreSQL server (for tests that start extra processes). */
  url?: string;
  drop(): Promise<void>;
}

/** True when the db tier runs against a PostgreSQL server (DATABASE_URL set). */
export const onServer = Boolean(process.env.DATABASE_URL);

/** Creates an isolated, migrated database for one test. */
export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `skjold_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('serverTemplate')}`);
    await admin.end();
    const testUrl = new URL(url);
    testUrl.pathname = `/${name}`;
    const db = await openDatabase({ url: testUrl.toString(), poolSize: 5 });
    return {
      ...db,
      url: testUrl.toString(),
      drop: async () => {
        await db.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const snapshot = readFileSync(pgliteTemplatePath());
  const pglite = await PGlite.create({ loadDataDir: new Blob([snapshot]) });
  const db = await openDatabase({ pglite });
  return { ...db, drop: () => db.close() };
}
