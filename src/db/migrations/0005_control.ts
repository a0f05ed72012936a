import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Log control (CTL-1..3): explanations of lookups, alerts from monitoring rules, and the follow-up case that
// groups alerts or a random sample of one employee's lookups for explanation, review and closing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Why a lookup needs no review: the data itself explains it (an open case, an appointment, a document...).
    CREATE TABLE lookup_explanation (
      municipality char(4) NOT NULL,
      log_seq bigint NOT NULL,
      log_time timestamptz NOT NULL,
      kind text NOT NULL,
      detail text NOT NULL,
      PRIMARY KEY (municipality, log_seq)
    );

    -- Follow-up of one employee's lookups: alerts grouped per user, or a random sample.
    CREATE TABLE control_case (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('alert', 'sample')),
      -- the personal user identity as in the access log (user.id), and the employee when known
      user_id text NOT NULL,
      employee_id text,
      status text NOT NULL CHECK (status IN ('awaiting-explanation', 'awaiting-review', 'awaiting-security', 'closed-explained', 'closed-misuse')),
      opened_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      explanation text,
      explained_at timestamptz,
      reviewer_id text,
      review_outcome text CHECK (review_outcome IN ('satisfied', 'not-satisfied')),
      review_note text,
      reviewed_at timestamptz,
      closed_by text,
      closed_at timestamptz,
      closing_note text,
      reminders_sent integer NOT NULL DEFAULT 0,
      escalated_at timestamptz,
      PRIMARY KEY (municipality, id)
    );
    CREATE INDEX control_case_user_idx ON control_case (municipality, user_id, status);

    -- The lookups (access-log records) a follow-up case covers.
    CREATE TABLE control_case_record (
      municipality char(4) NOT NULL,
      case_id text NOT NULL,
      log_seq bigint NOT NULL,
      log_time timestamptz NOT NULL,
      PRIMARY KEY (municipality, case_id, log_seq),
      FOREIGN KEY (municipality, case_id) REFERENCES control_case(municipality, id)
    );

    -- An alert: a monitoring rule fired on some lookups. Not a verdict (CTL-3).
    CREATE TABLE alert (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      rule_key text NOT NULL,
      rule_version integer NOT NULL,
      user_id text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
      reason text NOT NULL,
      log_seqs bigint[] NOT NULL,
      created_at timestamptz NOT NULL,
      control_case_id text,
      PRIMARY KEY (municipality, id),
      FOREIGN KEY (municipality, control_case_id) REFERENCES control_case(municipality, id)
    );
    CREATE INDEX alert_created_idx ON alert (municipality, created_at);
    CREATE INDEX alert_user_idx ON alert (municipality, user_id, created_at);
  `,
  );
}
