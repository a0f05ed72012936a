// The access module: all authorization lives here (ACC-1..8, ACC-10, ACC-12) — the policy in two forms,
// the grants and their formal procedure, and the hidden case types.
export { decide, caseFilter, compilePolicy, caseActions, type CaseAction, type CaseFacts, type CompiledPolicy, type GrantRule, type AccessLevel, type Capability } from './policy.ts';
export { loadPolicy, effectiveGrants, hiddenCaseTypes, defaultHiddenCaseTypes, type AccessSubject } from './load.ts';
export { requestGrant, decideGrant, secondApproveGrant, revokeGrant, listGrants, grantsCsv, reachesHidden, ensureDefaultHiddenCaseTypes, GrantError, MAX_TEMPORARY_DAYS, type GrantRequest, type GrantView, type GrantActor, type GrantDeps } from './grants.ts';
export { seedDemoGrants } from './demo.ts';
