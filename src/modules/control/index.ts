// The control module (CTL-1..3): explanations, monitoring rules, alerts and the follow-up of control cases.
export { ControlError, controlErrorStatus } from './errors.ts';
export { danishHolidays, easterSunday, holidayDates, isWithinOpeningHours, copenhagenParts, DEFAULT_OPENING_HOURS } from './holidays.ts';
export type { DayHours } from './holidays.ts';
export { parseRuleDefinition, resolveRule, ruleDefinitionSchema, SHIPPED_RULES, KIND_DEFAULTS, RULE_KEY } from './rules.ts';
export type { RuleDefinition, RuleKind, ActiveRule } from './rules.ts';
export { explainRange, explainedShare, explanationKinds, RECENTLY_CLOSED_DAYS } from './explanations.ts';
export { runMonitoring, rerunMonitoring, startMonitor, seqRange, MAX_RECORDS_PER_RUN } from './monitor.ts';
export type { MonitorResult, MonitorOptions, MonitorDeps, RunningMonitor } from './monitor.ts';
export {
  ensureDefaultRules, loadActiveRules, listRules, dryRunRule, dryRunDefinition, proposeRule, approveRule, rejectRule,
  addToWatchlist, removeFromWatchlist, listWatchlist, MAX_FLAGGED_SHARE, ACTIVATION_DRY_RUN_DAYS,
} from './rule-admin.ts';
export type { RuleDeps, RuleView, DryRunResult, WatchlistView } from './rule-admin.ts';
export { openControlCase, chooseReviewer, explainCase, reviewCase, closeCase, sendReminders, listControlCases, recordCaseEvent, CASE_DUE_DAYS, ESCALATE_AFTER_DAYS, MIN_TEXT } from './followup.ts';
export type { ControlDeps, ControlCaseStatus, ControlCaseView, OpenCaseInput, CaseActor } from './followup.ts';
export { listAlerts } from './alerts.ts';
export type { AlertView } from './alerts.ts';
