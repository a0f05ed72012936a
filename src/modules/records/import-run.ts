// Runs one reference data import: chooses the kind, reads the file, and formats the Danish summary.
import { readFile, stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { importCases } from './import-cases.ts';
import { importCitizens } from './import-citizens.ts';
import { importEmployees } from './import-employees.ts';
import { IMPORT_KINDS, ImportUsageError, isImportKind, type ImportOptions, type ImportSummary } from './import.ts';

/** Imports JSON Lines text of the given kind ('citizens', 'employees' or 'cases'); ImportUsageError for an unknown kind. */
export async function importRecords(db: Kysely<Database>, kind: string, body: string, options: ImportOptions): Promise<ImportSummary> {
  if (!isImportKind(kind)) throw new ImportUsageError(`ukendt slags "${kind}": brug ${IMPORT_KINDS.join(', ')}`);
  switch (kind) {
    case 'citizens':
      return importCitizens(db, body, options);
    case 'employees':
      return importEmployees(db, body, options);
    case 'cases':
      return importCases(db, body, options);
  }
}

/** Imports a JSON Lines file; ImportUsageError when the kind is unknown or the file cannot be read. */
export async function importFile(db: Kysely<Database>, kind: string, file: string, options: ImportOptions): Promise<ImportSummary> {
  if (!isImportKind(kind)) throw new ImportUsageError(`ukendt slags "${kind}": brug ${IMPORT_KINDS.join(', ')}`);
  let body: string;
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    body = await readFile(file, 'utf8');
  } catch {
    throw new ImportUsageError(`filen findes ikke eller kan ikke læses: ${file}`);
  }
  return importRecords(db, kind, body, options);
}

/** The one-line Danish summary: `indlæst N, opdateret M, afvist K`. */
export function importSummaryLine(summary: ImportSummary): string {
  return `indlæst ${summary.inserted}, opdateret ${summary.updated}, afvist ${summary.rejected.length}`;
}
