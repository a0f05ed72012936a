import { resolve } from 'node:path';

/** Scratch folder for test artefacts (ignored by git). */
export const tmpDir = resolve(import.meta.dirname, '../../.test-tmp');

/** The migrated PGlite data folder snapshot each PGlite test database starts from. */
export function pgliteTemplatePath(): string {
  return resolve(tmpDir, 'pglite-template.tar.gz');
}

/** The name of the migrated template database on a PostgreSQL server for this run. */
export function serverTemplateName(): string {
  return `skjold_tpl_${process.env.VITEST_RUN_ID ?? 'run'}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}
