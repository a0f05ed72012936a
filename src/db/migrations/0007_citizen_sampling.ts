import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Random sampling of the log (CTL-1), the recurring notice to employees (CTL-4, INS-3) and Min log for citizens
// (CTL-5, CIT-1, CIT-2): schedule and append-only draws, notice settings and acknowledgements, citizen login state,
// citizen sessions and formal requests.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- The sampling schedule of a municipality (one row): who is sampled and the next, randomly drawn, date.
    -- Only security staff see it; the next date is drawn with a CSPRNG at most max_interval_days after the last.
    CREATE TABLE sample_schedule (
      municipality char(4) PRIMARY KEY,
      enabled boolean NOT NULL DEFAULT true,
      min_interval_days integer NOT NULL DEFAULT 1 CHECK (min_interval_days BETWEEN 1 AND 183),
      max_interval_days integer NOT NULL DEFAULT 180 CHECK (max_interval_days BETWEEN 1 AND 183),
      target_kind text NOT NULL DEFAULT 'all' CHECK (target_kind IN ('all', 'units', 'employees')),
      target_ids text[] NOT NULL DEFAULT '{}',
      employees_per_sample integer NOT NULL DEFAULT 3 CHECK (employees_per_sample BETWEEN 1 AND 50),
      last_sample_date date,
      next_sample_date date NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (min_interval_days <= max_interval_days)
    );

    -- One drawn sample (append-only): the seed and everything needed to replay the selection for audit.
    CREATE TABLE sample_draw (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      trigger text NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
      drawn_at timestamptz NOT NULL,
      drawn_by text NOT NULL,
      sample_date date NOT NULL,
      seed char(64) NOT NULL,
      target_kind text NOT NULL,
      target_ids text[] NOT NULL,
      -- the eligible user identities (sorted) and the newest log seq considered: with the seed they fix the selection
      pool text[] NOT NULL,
      max_log_seq bigint NOT NULL,
      employees_per_sample integer NOT NULL,
      selection jsonb NOT NULL,
      control_case_ids text[] NOT NULL,
      PRIMARY KEY (municipality, id)
    );
    CREATE INDEX sample_draw_time_idx ON sample_draw (municipality, drawn_at DESC);
    CREATE TRIGGER sample_draw_append_only BEFORE UPDATE OR DELETE ON sample_draw
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER sample_draw_no_truncate BEFORE TRUNCATE ON sample_draw
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();

    -- How often employees must acknowledge the logging notice (default every 2 months).
    CREATE TABLE notice_setting (
      municipality char(4) PRIMARY KEY,
      interval_months integer NOT NULL DEFAULT 2 CHECK (interval_months BETWEEN 1 AND 12),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- Who acknowledged which notice version when (append-only).
    CREATE TABLE notice_acknowledgement (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      user_id text NOT NULL,
      notice_version integer NOT NULL,
      acknowledged_at timestamptz NOT NULL
    );
    CREATE INDEX notice_acknowledgement_user_idx ON notice_acknowledgement (municipality, user_id, acknowledged_at DESC);
    CREATE TRIGGER notice_acknowledgement_append_only BEFORE UPDATE OR DELETE ON notice_acknowledgement
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER notice_acknowledgement_no_truncate BEFORE TRUNCATE ON notice_acknowledgement
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();

    -- A pending citizen MitID login: state, nonce and PKCE verifier sealed with the instance key; one-time.
    CREATE TABLE citizen_login_challenge (
      token_hash char(64) PRIMARY KEY,
      municipality char(4) NOT NULL,
      sealed text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    -- A citizen's Min log session: never mixed with staff sessions (own table, own cookie, short idle timeout).
    CREATE TABLE citizen_session (
      token_hash char(64) PRIMARY KEY,
      municipality char(4) NOT NULL,
      cpr char(10) NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
      assurance text NOT NULL CHECK (assurance IN ('substantial', 'high')),
      created_at timestamptz NOT NULL,
      last_activity_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text
    );

    -- A formal request from a citizen (CIT-2): access to the log (indsigt) or rectification.
    CREATE TABLE citizen_access_request (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('access', 'rectification')),
      cpr char(10) NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
      message text CHECK (message IS NULL OR length(message) <= 4000),
      created_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in-progress', 'answered')),
      PRIMARY KEY (municipality, id)
    );
    CREATE INDEX citizen_access_request_cpr_idx ON citizen_access_request (municipality, cpr, created_at DESC);
  `,
  );
}
