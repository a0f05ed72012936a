import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

/** The municipality that owns the data in every other table. */
export interface MunicipalityTable {
  code: string;
  name: string;
  created_at: DefaultTimestamp;
}

/** An organisational unit; `secretariat` units serve another authority (ACC-5). */
export interface OrgUnitTable {
  municipality: string;
  id: string;
  name: string;
  parent_id: string | null;
  kind: Generated<'department' | 'secretariat'>;
  serves_authority: string | null;
}

/** A member of staff (from HR): the person behind a personal user identity. */
export interface EmployeeTable {
  municipality: string;
  id: string;
  username: string;
  full_name: string;
  cpr: string;
  unit_id: string;
  manager_id: string | null;
  title: string;
  roles: Generated<string[]>;
  street: string;
  postcode: string;
  city: string;
  employed_from: DateOnly;
  employed_until: DateOnly | null;
}

/** A citizen as in a CPR register extract. */
export interface CitizenTable {
  municipality: string;
  cpr: string;
  first_name: string;
  last_name: string;
  street: string;
  postcode: string;
  city: string;
  home_municipality: string;
  household_id: string;
  address_protected: Generated<boolean>;
  deceased_on: DateOnly | null;
}

/** A family relation between two citizens (CPR relations). */
export interface CitizenRelationTable {
  municipality: string;
  cpr: string;
  related_cpr: string;
  kind: 'parent' | 'child' | 'spouse';
}

/** A case about a citizen, classified by KLE. */
export interface CitizenCaseTable {
  municipality: string;
  id: string;
  case_number: string;
  citizen_cpr: string;
  kle: string;
  facet: Generated<string>;
  title: string;
  status: 'open' | 'closed';
  authority: Generated<string>;
  system: Generated<string>;
  responsible_unit_id: string;
  assigned_employee_id: string | null;
  opened_on: DateOnly;
  closed_on: DateOnly | null;
}

/** A document on a case. */
export interface CaseDocumentTable {
  municipality: string;
  id: string;
  case_id: string;
  title: string;
  body: string;
  created_at: Timestamp;
  created_by: string;
}

/** Which seed built a demo municipality. */
export interface DemoRunTable {
  municipality: string;
  seed: number;
  created_at: DefaultTimestamp;
}

/** A personal login identity; 1:1 with an employee (AUTH-1). */
export interface UserAccountTable {
  municipality: string;
  id: string;
  username: string;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  must_change_password: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  sso_subject: string | null;
  created_at: DefaultTimestamp;
}

/** A TOTP second factor; the secret is encrypted, last_used_step blocks replay. */
export interface TotpCredentialTable {
  municipality: string;
  user_id: string;
  secret_encrypted: string;
  confirmed_at: Timestamp | null;
  last_used_step: Generated<number>;
  created_at: DefaultTimestamp;
}

/** A registered WebAuthn authenticator. */
export interface WebauthnCredentialTable {
  municipality: string;
  credential_id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: Generated<number>;
  transports: Generated<string[]>;
  created_at: DefaultTimestamp;
}

/** A single-use recovery code, stored hashed. */
export interface RecoveryCodeTable {
  municipality: string;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

/** What a one-time challenge token is for. */
export type ChallengePurpose = 'mfa' | 'webauthn-register' | 'webauthn-login' | 'sso' | 'password-reset';

/** A one-time, expiring challenge (pending MFA, WebAuthn, SSO state, reset token), stored hashed. */
export interface AuthChallengeTable {
  token_hash: string;
  municipality: string;
  purpose: ChallengePurpose;
  user_id: string | null;
  data: Generated<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A server-side session, keyed by the hash of its token (AUTH-6). */
export interface UserSessionTable {
  token_hash: string;
  municipality: string;
  user_id: string;
  created_at: DefaultTimestamp;
  last_activity_at: DefaultTimestamp;
  locked_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  assurance: Generated<'low' | 'substantial' | 'high'>;
  second_factor: string | null;
  ip: string;
  workstation: string;
  restriction: 'password-change' | 'mfa-enrolment' | null;
}

/** An in-app notice to a user or to every holder of a role. */
export interface NotificationTable {
  id: Generated<number>;
  municipality: string;
  recipient_user_id: string | null;
  recipient_role: string | null;
  kind: string;
  message: string;
  created_at: DefaultTimestamp;
  read_at: Timestamp | null;
}

/** Consecutive rejected attempts per user identity or workstation (AUTH-4). */
export interface LockoutCounterTable {
  municipality: string;
  kind: 'user' | 'workstation';
  key: string;
  consecutive_failures: Generated<number>;
  locked_at: Timestamp | null;
}

/** Escalating per-source throttle. */
export interface SourceThrottleTable {
  municipality: string;
  source: string;
  failures: Generated<number>;
  blocked_until: Timestamp | null;
  last_failure_at: Timestamp | null;
}

/** A login factor. */
export type LoginFactor = 'password' | 'totp' | 'webauthn' | 'recovery' | 'sso' | 'unlock' | 'api-token';

/** One login attempt, accepted or rejected with its reason (AUTH-3). */
export interface LoginAttemptTable {
  id: Generated<number>;
  municipality: string;
  time: DefaultTimestamp;
  username_tried: string;
  user_id: string | null;
  workstation: string;
  ip: string;
  factor: LoginFactor;
  outcome: 'accepted' | 'rejected';
  reason: string;
}

/** The municipality's authentication policy (AUTH-2, AUTH-6). */
export interface AuthPolicyTable {
  municipality: string;
  mfa_policy: Generated<'always' | 'untrusted-network' | 'sensitive-roles'>;
  trusted_networks: Generated<string[]>;
  idle_timeout_minutes: Generated<number>;
  absolute_timeout_minutes: Generated<number>;
  updated_at: DefaultTimestamp;
}

/** An entry of the append-only, hash-chained security event log (AUTH-8). */
export interface SecurityEventTable {
  id: Generated<number>;
  municipality: string;
  time: Timestamp;
  type: string;
  actor_id: string | null;
  subject_id: string | null;
  ip: string | null;
  workstation: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** A system that sends access-log records (LOG-6); the bearer credential is stored only as its SHA-256. */
export interface LogSystemTable {
  municipality: string;
  key: string;
  name: string;
  credential_hash: string | null;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
}

/** One stored access-log record (../shared/spec/access-log-record.md), hash-chained per municipality in seq order. */
export interface AccessLogTable {
  municipality: string;
  seq: number;
  system: string;
  record_id: string;
  time: Timestamp;
  received_at: Timestamp;
  user_id: string;
  user_unit: string | null;
  workstation: string | null;
  ip: string | null;
  action: string;
  subject_cpr: string | null;
  query: string | null;
  result_count: number | null;
  case_id: string | null;
  case_kle: string | null;
  case_facet: string | null;
  case_status: string | null;
  purpose: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

/** Idempotency key of an access-log record: (municipality, system, record_id) → seq. */
export interface AccessLogKeyTable {
  municipality: string;
  system: string;
  record_id: string;
  seq: number;
}

/** The newest link of a municipality's access-log chain. */
export interface AccessLogHeadTable {
  municipality: string;
  seq: number;
  hash: string;
}

/** A signed checkpoint of the access-log chain (periodic, manual, or standing in for a dropped range). */
export interface AccessLogCheckpointTable {
  id: Generated<number>;
  municipality: string;
  kind: 'periodic' | 'manual' | 'retention';
  from_seq: number | null;
  seq: number;
  hash: string;
  record_count: number;
  created_at: Timestamp;
  prev_signature: string;
  signature: string;
}

/** A retention setting for a municipality's access log (LOG-2); the newest row applies. */
export interface AccessLogRetentionTable {
  id: Generated<number>;
  municipality: string;
  months: number;
  reason: string | null;
  set_by: string;
  set_at: DefaultTimestamp;
}

/** The second person's approval of a retention change (four eyes); without one the change is not in force. */
export interface AccessLogRetentionApprovalTable {
  municipality: string;
  retention_id: number;
  approved_by: string;
  approved_at: DefaultTimestamp;
}

/** A case type whose very existence is confidential (ACC-4). */
export interface HiddenCaseTypeTable {
  municipality: string;
  kle: string;
  reason: string;
  added_at: DefaultTimestamp;
}

/** An access grant and the steps of its formal procedure (ACC-1, ACC-7, ACC-12). */
export interface AccessGrantTable {
  municipality: string;
  id: string;
  grantee_kind: 'user' | 'unit' | 'role';
  grantee_id: string;
  system: Generated<string>;
  scope: string;
  authority: Generated<string>;
  level: 'existence' | 'content';
  can_search: Generated<boolean>;
  can_enter: Generated<boolean>;
  can_delete: Generated<boolean>;
  justification: string;
  valid_from: Timestamp;
  valid_until: Timestamp | null;
  status: 'requested' | 'approved' | 'rejected' | 'revoked';
  needs_second_approval: Generated<boolean>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  second_approved_by: string | null;
  second_approved_at: Timestamp | null;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
}

/** Why a lookup needs no review (CTL-2 explanations). */
export interface LookupExplanationTable {
  municipality: string;
  log_seq: number;
  log_time: Timestamp;
  kind: string;
  detail: string;
}

/** The follow-up of one employee's lookups: grouped alerts or a random sample (CTL-1, CTL-3). */
export interface ControlCaseTable {
  municipality: string;
  id: string;
  kind: 'alert' | 'sample';
  user_id: string;
  employee_id: string | null;
  status: 'awaiting-explanation' | 'awaiting-review' | 'awaiting-security' | 'closed-explained' | 'closed-misuse';
  opened_at: Timestamp;
  due_at: Timestamp;
  explanation: string | null;
  explained_at: Timestamp | null;
  reviewer_id: string | null;
  review_outcome: 'satisfied' | 'not-satisfied' | null;
  review_note: string | null;
  reviewed_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
  closing_note: string | null;
  reminders_sent: Generated<number>;
  escalated_at: Timestamp | null;
}

/** A lookup covered by a follow-up case. */
export interface ControlCaseRecordTable {
  municipality: string;
  case_id: string;
  log_seq: number;
  log_time: Timestamp;
}

/** A monitoring rule fired on some lookups (CTL-2); not a verdict. */
export interface AlertTable {
  municipality: string;
  id: string;
  rule_key: string;
  rule_version: number;
  user_id: string;
  severity: 'low' | 'medium' | 'high';
  reason: string;
  log_seqs: number[];
  created_at: Timestamp;
  control_case_id: string | null;
  /** rule + user + anchor; a re-run adds seqs to the same alert instead of a new one (0006). */
  idempotency_key: string | null;
}

/** The sampling schedule of a municipality (CTL-1): targets and the next, randomly drawn, date. */
export interface SampleScheduleTable {
  municipality: string;
  enabled: Generated<boolean>;
  min_interval_days: Generated<number>;
  max_interval_days: Generated<number>;
  target_kind: Generated<'all' | 'units' | 'employees'>;
  target_ids: Generated<string[]>;
  employees_per_sample: Generated<number>;
  last_sample_date: DateOnly | null;
  next_sample_date: DateOnly;
  updated_by: string;
  updated_at: Timestamp;
}

/** One drawn random sample (append-only), with the seed that reproduces it. */
export interface SampleDrawTable {
  municipality: string;
  id: string;
  trigger: 'manual' | 'scheduled';
  drawn_at: Timestamp;
  drawn_by: string;
  sample_date: DateOnly;
  seed: string;
  target_kind: string;
  target_ids: string[];
  pool: string[];
  max_log_seq: number;
  employees_per_sample: number;
  selection: ColumnType<unknown, string, string>;
  control_case_ids: string[];
}

/** How often employees acknowledge the logging notice (CTL-4). */
export interface NoticeSettingTable {
  municipality: string;
  interval_months: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

/** An acknowledgement of the logging notice (append-only). */
export interface NoticeAcknowledgementTable {
  id: Generated<number>;
  municipality: string;
  user_id: string;
  notice_version: number;
  acknowledged_at: Timestamp;
}

/** A pending citizen MitID login (sealed state, one-time). */
export interface CitizenLoginChallengeTable {
  token_hash: string;
  municipality: string;
  sealed: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A citizen's Min log session, separate from staff sessions. */
export interface CitizenSessionTable {
  token_hash: string;
  municipality: string;
  cpr: string;
  assurance: 'substantial' | 'high';
  created_at: Timestamp;
  last_activity_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
}

/** A citizen's formal request: access to the log or rectification (CIT-2). */
export interface CitizenAccessRequestTable {
  municipality: string;
  id: string;
  kind: 'access' | 'rectification';
  cpr: string;
  message: string | null;
  created_at: Timestamp;
  status: Generated<'received' | 'in-progress' | 'answered'>;
}

/** Every table Skjold's queries may touch, for Kysely's typing. */
export interface Database {
  municipality: MunicipalityTable;
  org_unit: OrgUnitTable;
  employee: EmployeeTable;
  citizen: CitizenTable;
  citizen_relation: CitizenRelationTable;
  citizen_case: CitizenCaseTable;
  case_document: CaseDocumentTable;
  demo_run: DemoRunTable;
  user_account: UserAccountTable;
  totp_credential: TotpCredentialTable;
  webauthn_credential: WebauthnCredentialTable;
  recovery_code: RecoveryCodeTable;
  auth_challenge: AuthChallengeTable;
  user_session: UserSessionTable;
  lockout_counter: LockoutCounterTable;
  source_throttle: SourceThrottleTable;
  login_attempt: LoginAttemptTable;
  auth_policy: AuthPolicyTable;
  security_event: SecurityEventTable;
  notification: NotificationTable;
  log_system: LogSystemTable;
  access_log: AccessLogTable;
  access_log_key: AccessLogKeyTable;
  access_log_head: AccessLogHeadTable;
  access_log_checkpoint: AccessLogCheckpointTable;
  access_log_retention: AccessLogRetentionTable;
  access_log_retention_approval: AccessLogRetentionApprovalTable;
  hidden_case_type: HiddenCaseTypeTable;
  access_grant: AccessGrantTable;
  lookup_explanation: LookupExplanationTable;
  control_case: ControlCaseTable;
  control_case_record: ControlCaseRecordTable;
  alert: AlertTable;
  sample_schedule: SampleScheduleTable;
  sample_draw: SampleDrawTable;
  notice_setting: NoticeSettingTable;
  notice_acknowledgement: NoticeAcknowledgementTable;
  citizen_login_challenge: CitizenLoginChallengeTable;
  citizen_session: CitizenSessionTable;
  citizen_access_request: CitizenAccessRequestTable;
  monitoring_rule: MonitoringRuleTable;
  watchlist: WatchlistTable;
  unit_opening_hours: UnitOpeningHoursTable;
  unit_closed_day: UnitClosedDayTable;
  monitoring_cursor: MonitoringCursorTable;
  control_case_event: ControlCaseEventTable;
}

/** One version of a declarative monitoring rule (CTL-2); activated only by someone other than the proposer. */
export interface MonitoringRuleTable {
  municipality: string;
  key: string;
  version: number;
  definition: unknown;
  status: 'proposed' | 'active' | 'retired' | 'rejected';
  proposed_by: string;
  approved_by: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

/** A known person (VIP, person in the news) whose lookups always raise an alert. */
export interface WatchlistTable {
  municipality: string;
  id: string;
  cpr: string;
  reason: string;
  added_by: string;
  added_at: Timestamp;
}

/** Opening hours of a unit on one ISO weekday (1 = Monday); units without rows use the default. */
export interface UnitOpeningHoursTable {
  municipality: string;
  unit_id: string;
  isodow: number;
  opens: string;
  closes: string;
}

/** An extra closed day of a unit ('*' = the whole municipality) beyond the Danish public holidays. */
export interface UnitClosedDayTable {
  municipality: string;
  unit_id: string;
  day: DateOnly;
  reason: string;
}

/** How far the monitor has processed a municipality's access log. */
export interface MonitoringCursorTable {
  municipality: string;
  last_seq: Generated<number>;
  pending_from_seq: number | null;
  updated_at: DefaultTimestamp;
}

/** One recorded step of a follow-up case (append-only). */
export interface ControlCaseEventTable {
  id: Generated<number>;
  municipality: string;
  case_id: string;
  time: Timestamp;
  step: string;
  actor_id: string | null;
  details: Generated<Record<string, unknown>>;
}
