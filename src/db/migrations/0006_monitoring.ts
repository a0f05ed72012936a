import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Automated log monitoring (CTL-2, CTL-3): versioned rules changed with four eyes, the watch list, opening hours
// per unit, the monitor's cursor, idempotent alerts and the append-only history of every follow-up step.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- A declarative monitoring rule (typed JSON, see src/modules/control/rules.ts); one row per version.
    CREATE TABLE monitoring_rule (
      municipality char(4) NOT NULL,
      key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      version integer NOT NULL CHECK (version >= 1),
      definition jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('proposed', 'active', 'retired', 'rejected')),
      proposed_by text NOT NULL,
      approved_by text,
      created_at timestamptz NOT NULL,
      decided_at timestamptz,
      decision_note text,
      PRIMARY KEY (municipality, key, version),
      CHECK (approved_by IS NULL OR approved_by <> proposed_by)
    );
    CREATE UNIQUE INDEX monitoring_rule_active_idx ON monitoring_rule (municipality, key) WHERE status = 'active';

    -- Known persons (VIPs, persons in the news) kept by the security staff.
    CREATE TABLE watchlist (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      cpr char(10) NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
      reason text NOT NULL CHECK (length(trim(reason)) >= 3),
      added_by text NOT NULL,
      added_at timestamptz NOT NULL,
      PRIMARY KEY (municipality, id)
    );
    CREATE UNIQUE INDEX watchlist_cpr_idx ON watchlist (municipality, cpr);

    -- Opening hours per unit and ISO weekday (1 = Monday); a unit without rows has the municipality default.
    CREATE TABLE unit_opening_hours (
      municipality char(4) NOT NULL,
      unit_id text NOT NULL,
      isodow integer NOT NULL CHECK (isodow BETWEEN 1 AND 7),
      opens time NOT NULL,
      closes time NOT NULL CHECK (closes > opens),
      PRIMARY KEY (municipality, unit_id, isodow)
    );

    -- Extra closed days (unit_id '*' for the whole municipality) besides the computed Danish public holidays.
    CREATE TABLE unit_closed_day (
      municipality char(4) NOT NULL,
      unit_id text NOT NULL,
      day date NOT NULL,
      reason text NOT NULL,
      PRIMARY KEY (municipality, unit_id, day)
    );

    -- How far the monitor has come per municipality; pending_from_seq: searches still in their follow-up window.
    CREATE TABLE monitoring_cursor (
      municipality char(4) PRIMARY KEY,
      last_seq bigint NOT NULL DEFAULT 0,
      pending_from_seq bigint,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Alerts are idempotent per rule, user and anchor (a person and day, a time window, an account...).
    ALTER TABLE alert ADD COLUMN idempotency_key text;
    CREATE UNIQUE INDEX alert_idempotency_idx ON alert (municipality, idempotency_key);
    CREATE INDEX employee_cpr_idx ON employee (municipality, cpr);
    CREATE INDEX citizen_address_idx ON citizen (municipality, postcode, street);
    CREATE INDEX control_case_status_idx ON control_case (municipality, status, due_at);

    -- Every step of a follow-up case (opened, alert added, explained, reviewed, closed, reminded, escalated).
    CREATE TABLE control_case_event (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      case_id text NOT NULL,
      time timestamptz NOT NULL,
      step text NOT NULL,
      actor_id text,
      details jsonb NOT NULL DEFAULT '{}',
      FOREIGN KEY (municipality, case_id) REFERENCES control_case(municipality, id)
    );
    CREATE INDEX control_case_event_idx ON control_case_event (municipality, case_id, id);
    CREATE TRIGGER control_case_event_append_only BEFORE UPDATE OR DELETE ON control_case_event
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER control_case_event_no_truncate BEFORE TRUNCATE ON control_case_event
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();
  `,
  );
}
