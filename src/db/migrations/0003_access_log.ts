import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Access log (LOG-1..6): records from Skjold and every other system of the municipality, append-only and
// hash-chained per municipality in `seq` order, partitioned by month of the event time, with signed checkpoints.
// Idempotency lives in access_log_key, because a unique constraint on the partitioned table would have to
// include the partition key (time). See docs/access-log.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Sending systems (LOG-6): each with a bearer credential, stored only as its SHA-256.
    CREATE TABLE log_system (
      municipality char(4) NOT NULL CHECK (municipality ~ '^[0-9]{4}$'),
      key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
      name text NOT NULL,
      credential_hash text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (municipality, key)
    );
    CREATE UNIQUE INDEX log_system_credential_idx ON log_system (credential_hash) WHERE credential_hash IS NOT NULL;

    CREATE TABLE access_log (
      municipality char(4) NOT NULL,
      seq bigint NOT NULL,
      system text NOT NULL,
      record_id text NOT NULL,
      time timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      user_id text NOT NULL,
      user_unit text,
      workstation text,
      ip text,
      action text NOT NULL CHECK (action IN ('search', 'view', 'create', 'update', 'delete', 'print', 'export')),
      subject_cpr char(10) CHECK (subject_cpr ~ '^[0-9]{10}$'),
      query text,
      result_count integer CHECK (result_count >= 0),
      case_id text,
      case_kle text,
      case_facet text,
      case_status text CHECK (case_status IN ('open', 'closed')),
      purpose text,
      outcome text NOT NULL CHECK (outcome IN ('ok', 'denied')),
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL
    ) PARTITION BY RANGE (time);
    CREATE INDEX access_log_time_brin ON access_log USING brin (time);
    CREATE INDEX access_log_seq_idx ON access_log (municipality, seq);
    CREATE INDEX access_log_subject_idx ON access_log (municipality, subject_cpr, time DESC, seq DESC);
    CREATE INDEX access_log_user_idx ON access_log (municipality, user_id, time DESC, seq DESC);

    -- Idempotency on (system, id) per municipality; inserted in the same transaction as the record.
    CREATE TABLE access_log_key (
      municipality char(4) NOT NULL,
      system text NOT NULL,
      record_id text NOT NULL,
      seq bigint NOT NULL,
      PRIMARY KEY (municipality, system, record_id)
    );

    -- The newest link of each municipality's chain (a cache checked by verification; saves a search for the tail).
    CREATE TABLE access_log_head (
      municipality char(4) PRIMARY KEY,
      seq bigint NOT NULL,
      hash char(64) NOT NULL
    );

    -- Signed checkpoints: periodic/manual ones pin (seq, hash); retention ones stand in for a dropped seq range.
    CREATE TABLE access_log_checkpoint (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      kind text NOT NULL CHECK (kind IN ('periodic', 'manual', 'retention')),
      from_seq bigint,
      seq bigint NOT NULL,
      hash char(64) NOT NULL,
      record_count bigint NOT NULL,
      created_at timestamptz NOT NULL,
      prev_signature text NOT NULL,
      signature text NOT NULL
    );
    CREATE INDEX access_log_checkpoint_idx ON access_log_checkpoint (municipality, id);

    -- Retention per municipality (LOG-2): 6 months by default; longer only with a recorded reason. History kept.
    CREATE TABLE access_log_retention (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      months integer NOT NULL CHECK (months BETWEEN 6 AND 240),
      reason text,
      set_by text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now(),
      CHECK (months = 6 OR length(trim(coalesce(reason, ''))) >= 10)
    );
    CREATE INDEX access_log_retention_idx ON access_log_retention (municipality, id);

    -- Creates the monthly partition (UTC months) holding ts when missing; returns its name.
    -- SECURITY DEFINER: the application role may insert but does not own the table (docs/sql/roles.sql).
    CREATE FUNCTION skjold_access_log_partition(ts timestamptz) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    DECLARE
      start_at timestamptz := date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
      part text := 'access_log_p' || to_char(ts AT TIME ZONE 'UTC', 'YYYYMM');
    BEGIN
      IF to_regclass(part) IS NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('skjold_access_log_partition'));
        IF to_regclass(part) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)', part, start_at, start_at + interval '1 month');
          EXECUTE format('CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change()', part);
        END IF;
      END IF;
      RETURN part;
    END
    $$;

    CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER access_log_key_append_only BEFORE UPDATE OR DELETE ON access_log_key
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER access_log_key_no_truncate BEFORE TRUNCATE ON access_log_key
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER access_log_checkpoint_append_only BEFORE UPDATE OR DELETE ON access_log_checkpoint
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER access_log_checkpoint_no_truncate BEFORE TRUNCATE ON access_log_checkpoint
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER access_log_retention_append_only BEFORE UPDATE OR DELETE ON access_log_retention
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
  `,
  );
}
