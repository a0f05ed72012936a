// The citizen module: MitID login through an OIDC broker, citizen sessions, Min log with downloads, formal requests.
export { createCitizenBroker, cprFromClaim, CPR_CLAIM, type CitizenBroker, type CitizenLoginResult, type CitizenLoginFailure } from './broker.ts';
export { createCitizenSession, checkCitizenSession, endCitizenSession, CITIZEN_IDLE_MINUTES, CITIZEN_ABSOLUTE_MINUTES, type CitizenDeps, type CitizenSession } from './sessions.ts';
export { readMinLog, readWholeMinLog, formatDanishTime, formatDanishStamp, actionText, MIN_LOG_PAGE_SIZE, MIN_LOG_EXPORT_LIMIT, type MinLogEntry, type MinLogPage } from './minlog.ts';
export { minLogCsv, minLogPdf } from './export.ts';
export { renderPdf, type PdfLine } from './pdf.ts';
export { submitCitizenRequest, CitizenRequestError, MAX_REQUEST_MESSAGE, type CitizenRequestKind, type CitizenRequestReceipt } from './requests.ts';
