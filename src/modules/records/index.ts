// The records module: citizens, cases and documents — the protected data. Every use-case loads the user's policy,
// filters in SQL, and writes its access-log records in the same transaction (LOG-1).
export { searchCitizens, parseCriterion, SEARCH_LIMIT, SEARCH_COUNT_CAP, SEARCH_TEXT_MAX, type CitizenSearch, type CitizenHit, type CitizenSearchResult } from './search-citizens.ts';
export { getCitizen, CITIZEN_CASES_MAX, type CitizenKey, type CitizenOptions, type CitizenCase, type CitizenView } from './get-citizen.ts';
export { getCase } from './get-case.ts';
export { createCase, type NewCase } from './create-case.ts';
export { updateCase, type CaseChanges } from './update-case.ts';
export { addDocument, type NewDocument } from './add-document.ts';
export { deleteCase } from './delete-case.ts';
export { printCase, type PrintableCase } from './print-case.ts';
export { citizenRef, resolveCitizenRef, deriveRefKey } from './refs.ts';
export { RecordsError, WORKSPACE_SYSTEM, type RecordsContext, type ActingUser } from './context.ts';
export type { CaseView, CaseExistence, CaseContent, CaseAbilities, DocumentView } from './cases.ts';
export { IMPORT_KINDS, IMPORT_CHUNK_LINES, ImportUsageError, isImportKind, type ImportKind, type ImportOptions, type ImportRejection, type ImportSummary } from './import.ts';
export { importCitizens, citizenLineSchema, type CitizenLine } from './import-citizens.ts';
export { importEmployees, employeeLineSchema, type EmployeeLine } from './import-employees.ts';
export { importCases, caseLineSchema, externalCaseId, type CaseLine } from './import-cases.ts';
export { importRecords, importFile, importSummaryLine } from './import-run.ts';
