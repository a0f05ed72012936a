import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Identity (AUTH-1..9): personal accounts, second factors, server-side sessions, lockout counters,
// rejected-attempt register, and the append-only security event log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE user_account (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      username text NOT NULL,
      password_hash text,
      password_changed_at timestamptz,
      must_change_password boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      sso_subject text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (municipality, id),
      UNIQUE (municipality, username),
      UNIQUE (municipality, sso_subject),
      FOREIGN KEY (municipality, id) REFERENCES employee(municipality, id)
    );

    CREATE TABLE totp_credential (
      municipality char(4) NOT NULL,
      user_id text NOT NULL,
      secret_encrypted text NOT NULL,
      confirmed_at timestamptz,
      last_used_step bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (municipality, user_id),
      FOREIGN KEY (municipality, user_id) REFERENCES user_account(municipality, id)
    );

    CREATE TABLE webauthn_credential (
      municipality char(4) NOT NULL,
      credential_id text NOT NULL,
      user_id text NOT NULL,
      public_key bytea NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      transports text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (municipality, credential_id),
      FOREIGN KEY (municipality, user_id) REFERENCES user_account(municipality, id)
    );

    CREATE TABLE recovery_code (
      municipality char(4) NOT NULL,
      user_id text NOT NULL,
      code_hash text NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (municipality, user_id, code_hash),
      FOREIGN KEY (municipality, user_id) REFERENCES user_account(municipality, id)
    );

    -- One-time challenges: pending second-factor logins, WebAuthn challenges, SSO state, reset tokens.
    CREATE TABLE auth_challenge (
      token_hash text PRIMARY KEY,
      municipality char(4) NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('mfa', 'webauthn-register', 'webauthn-login', 'sso', 'password-reset')),
      user_id text,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE user_session (
      token_hash text PRIMARY KEY,
      municipality char(4) NOT NULL,
      user_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_activity_at timestamptz NOT NULL DEFAULT now(),
      locked_at timestamptz,
      ended_at timestamptz,
      end_reason text,
      assurance text NOT NULL DEFAULT 'low' CHECK (assurance IN ('low', 'substantial', 'high')),
      second_factor text,
      ip text NOT NULL,
      workstation text NOT NULL,
      -- set while the session may only do one thing: change the password or enrol a second factor
      restriction text CHECK (restriction IN ('password-change', 'mfa-enrolment')),
      FOREIGN KEY (municipality, user_id) REFERENCES user_account(municipality, id)
    );
    CREATE INDEX user_session_user_idx ON user_session (municipality, user_id) WHERE ended_at IS NULL;

    -- Consecutive rejected attempts per user identity tried and per workstation (AUTH-4).
    CREATE TABLE lockout_counter (
      municipality char(4) NOT NULL,
      kind text NOT NULL CHECK (kind IN ('user', 'workstation')),
      key text NOT NULL,
      consecutive_failures integer NOT NULL DEFAULT 0,
      locked_at timestamptz,
      PRIMARY KEY (municipality, kind, key)
    );

    -- Escalating per-source throttle against lockout used as denial of service.
    CREATE TABLE source_throttle (
      municipality char(4) NOT NULL,
      source text NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      blocked_until timestamptz,
      last_failure_at timestamptz,
      PRIMARY KEY (municipality, source)
    );

    -- Every login attempt, rejected ones with their reason (AUTH-3).
    CREATE TABLE login_attempt (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      time timestamptz NOT NULL DEFAULT now(),
      username_tried text NOT NULL,
      user_id text,
      workstation text NOT NULL,
      ip text NOT NULL,
      factor text NOT NULL CHECK (factor IN ('password', 'totp', 'webauthn', 'recovery', 'sso', 'unlock', 'api-token')),
      outcome text NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
      reason text NOT NULL
    );
    CREATE INDEX login_attempt_time_idx ON login_attempt (municipality, time);

    -- Authentication policy per municipality (AUTH-2, AUTH-6).
    CREATE TABLE auth_policy (
      municipality char(4) PRIMARY KEY,
      mfa_policy text NOT NULL DEFAULT 'always' CHECK (mfa_policy IN ('always', 'untrusted-network', 'sensitive-roles')),
      trusted_networks text[] NOT NULL DEFAULT '{}',
      idle_timeout_minutes integer NOT NULL DEFAULT 15 CHECK (idle_timeout_minutes BETWEEN 5 AND 20),
      absolute_timeout_minutes integer NOT NULL DEFAULT 600 CHECK (absolute_timeout_minutes BETWEEN 60 AND 1440),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- In-app notices to a user or to everyone holding a role (e.g. lockouts to the security staff).
    CREATE TABLE notification (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      recipient_user_id text,
      recipient_role text,
      kind text NOT NULL,
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      CHECK (recipient_user_id IS NOT NULL OR recipient_role IS NOT NULL)
    );
    CREATE INDEX notification_user_idx ON notification (municipality, recipient_user_id);

    -- Security event log (AUTH-8): append-only, hash-chained per municipality.
    CREATE TABLE security_event (
      id bigserial PRIMARY KEY,
      municipality char(4) NOT NULL,
      time timestamptz NOT NULL DEFAULT now(),
      type text NOT NULL,
      actor_id text,
      subject_id text,
      ip text,
      workstation text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX security_event_time_idx ON security_event (municipality, time);

    CREATE FUNCTION skjold_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER security_event_append_only BEFORE UPDATE OR DELETE ON security_event
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER login_attempt_append_only BEFORE UPDATE OR DELETE ON login_attempt
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER security_event_no_truncate BEFORE TRUNCATE ON security_event
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();
    CREATE TRIGGER login_attempt_no_truncate BEFORE TRUNCATE ON login_attempt
      FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change();
  `,
  );
}
