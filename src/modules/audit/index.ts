// The audit module: the security event log now; the access log joins it.
export { recordSecurityEvent, verifySecurityEvents, searchSecurityEvents, securityEventTypes } from './security-events.ts';
export type { SecurityEventType, SecurityEventInput, SecurityEventView, SecurityEventQuery, ChainVerification } from './security-events.ts';
export { canonicalJson, chainHash, GENESIS_HASH } from './chain.ts';
// The access log (LOG-1..6): write path, verification and checkpoints, retention, ingest, systems, search and export.
export { appendAccessRecords, ensureAccessLogPartitions, lockAccessLogChain, accessActions, hashedRecord, canonicalRecordJson, recordHash, DEFAULT_CHECKPOINT_EVERY } from './access-log.ts';
export type { AccessRecord, AccessAction, AppendResult, AppendOptions, StoredFields } from './access-log.ts';
export { verifyAccessLog, writeCheckpoint, signCheckpoint, accessLogMunicipalities } from './access-log-verify.ts';
export type { AccessLogVerification, CheckpointKind } from './access-log-verify.ts';
export { getRetention, setRetention, approveRetention, applyRetention, accessLogMaintenance, RetentionError, DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS } from './retention.ts';
export type { RetentionSetting, RetentionResult } from './retention.ts';
export { ingestBatch, parseBatch, parseJsonLines, validateRecord, parseRfc3339, BatchTooLargeError, BatchFormatError, MAX_BATCH_RECORDS, MAX_BATCH_BYTES } from './ingest.ts';
export type { IngestDeps, IngestSource, IngestSummary, Rejection } from './ingest.ts';
export { registerSystem, rotateSystemCredential, ensureSystem, authenticateSystem, listSystems, findSystem, isSystemKey, SystemRegistrationError, SKJOLD_SYSTEM_KEY } from './systems.ts';
export type { LogSystem } from './systems.ts';
export { searchAccessLog, searchAccessLogLogged, exportAccessLog, describeFilters, decodeCursor, countAccessRecords, exportColumns } from './access-log-search.ts';
export type { AccessLogFilters, AccessLogQuery, AccessLogEntry, AccessLogPage, LogActor } from './access-log-search.ts';
