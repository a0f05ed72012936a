import { resolve } from 'node:path';

/** Scratch folder for test artefacts (ignored by git). */
export const tmpDir = resolve(import.meta.dirname, '../../.test-tmp');

/** The migrated PGlite data folder snapshot each PGlite test database starts from. */
export function pgliteTemplatePath(): string {
  return resolve(tmpDir, 'pglite-template.tar.gz');
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database on the PostgreSQL server for this run. */
    serverTemplate: string;
  }
}
