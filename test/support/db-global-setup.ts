// Prepares one migrated template per test run, so each test gets an isolated, already-migrated database fast.
import { mkdirSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate, openDatabase } from '../../src/db/index.ts';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { pgliteTemplatePath, tmpDir } from './paths.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    // Unique per run, so concurrent test runs on one server never share or drop each other's template.
    const template = `skjold_tpl_${randomBytes(5).toString('hex')}`;
    project.provide('serverTemplate', template);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const db = await openDatabase({ url: templateUrl.toString(), poolSize: 1 });
    await migrate(db.db);
    await db.close();
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  mkdirSync(tmpDir, { recursive: true });
  const pglite = await PGlite.create();
  const db = await openDatabase({ pglite });
  await migrate(db.db);
  const dump = await pglite.dumpDataDir('gzip');
  writeFileSync(pgliteTemplatePath(), Buffer.from(await dump.arrayBuffer()));
  await db.close();
  return async () => undefined;
}
