// The audit module: the security event log now; the access log joins it.
export { recordSecurityEvent, verifySecurityEvents, searchSecurityEvents, securityEventTypes } from './security-events.ts';
export type { SecurityEventType, SecurityEventInput, SecurityEventView, SecurityEventQuery, ChainVerification } from './security-events.ts';
export { canonicalJson, chainHash, GENESIS_HASH } from './chain.ts';
