// The JSON shapes of the control and sampling API (dates arrive as ISO strings).

/** The status of a control case. */
export type ControlCaseStatus = 'awaiting-explanation' | 'awaiting-review' | 'awaiting-security' | 'closed-explained' | 'closed-misuse';

/** Every case status, in the order of the follow-up. */
export const caseStatuses: readonly ControlCaseStatus[] = ['awaiting-explanation', 'awaiting-review', 'awaiting-security', 'closed-explained', 'closed-misuse'];

/** One lookup covered by a control case (no CPR number). */
export interface CaseRecord {
  seq: number;
  time: string;
  system: string;
  action: string;
  caseId: string | null;
  purpose: string | null;
}

/** A control case as the employee, the reviewer or the security staff see it. */
export interface ControlCase {
  id: string;
  kind: 'alert' | 'sample';
  userId: string;
  employeeId: string | null;
  employeeName: string | null;
  status: ControlCaseStatus;
  openedAt: string;
  dueAt: string;
  explanation: string | null;
  reviewerId: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
  closingNote: string | null;
  reasons: string[];
  records: CaseRecord[];
}

/** The answer of the case lists. */
export interface CaseList {
  cases: ControlCase[];
}

/** One alert: the rule's Danish reason, severity, the user and the case status ('open' without a case). */
export interface ControlAlert {
  id: string;
  rule: string;
  ruleVersion: number;
  userId: string;
  severity: 'low' | 'medium' | 'high';
  reason: string;
  logSeqs: number[];
  createdAt: string;
  controlCaseId: string | null;
  status: string;
}

/** One watch-list entry, CPR masked to the birth date. */
export interface WatchlistEntry {
  id: string;
  cprMasked: string;
  name: string | null;
  reason: string;
  addedBy: string;
  addedAt: string;
}

/** Who a sample or schedule covers. */
export interface SampleTargets {
  kind: 'all' | 'units' | 'employees';
  ids: string[];
}

/** The sampling schedule (security staff only). */
export interface SampleSchedule {
  configured: boolean;
  enabled: boolean;
  minIntervalDays: number;
  maxIntervalDays: number;
  targets: SampleTargets;
  employeesPerSample: number;
  lastSampleDate: string | null;
  nextSampleDate: string | null;
}

/** One drawn sample with its recorded seed and the lookups chosen per employee. */
export interface Sample {
  id: string;
  trigger: 'manual' | 'scheduled';
  drawnAt: string;
  drawnBy: string;
  sampleDate: string;
  seed: string;
  targets: SampleTargets;
  employeesPerSample: number;
  poolSize: number;
  maxLogSeq: number;
  selection: { userId: string; employeeId: string | null; caseId: string; records: { seq: number; time: string }[] }[];
}
