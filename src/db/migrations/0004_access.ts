import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Authorization (ACC-1..8, ACC-10, ACC-12): case types that are hidden, and access grants with their formal
// procedure (requested → decided → second approval for hidden types and other authorities → revoked).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE hidden_case_type (
      municipality char(4) NOT NULL,
      kle text NOT NULL CHECK (kle ~ '^[0-9]{2}(\\.[0-9]{2}){0,2}$'),
      reason text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (municipality, kle)
    );

    CREATE TABLE access_grant (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      grantee_kind text NOT NULL CHECK (grantee_kind IN ('user', 'unit', 'role')),
      grantee_id text NOT NULL,
      system text NOT NULL DEFAULT 'skjold',
      -- a KLE main group, group or subject; '*' means every case type that is not hidden
      scope text NOT NULL CHECK (scope = '*' OR scope ~ '^[0-9]{2}(\\.[0-9]{2}){0,2}$'),
      authority text NOT NULL DEFAULT 'municipality',
      level text NOT NULL CHECK (level IN ('existence', 'content')),
      can_search boolean NOT NULL DEFAULT false,
      can_enter boolean NOT NULL DEFAULT false,
      can_delete boolean NOT NULL DEFAULT false,
      justification text NOT NULL CHECK (length(trim(justification)) >= 10),
      valid_from timestamptz NOT NULL,
      valid_until timestamptz,
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'revoked')),
      needs_second_approval boolean NOT NULL DEFAULT false,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      second_approved_by text,
      second_approved_at timestamptz,
      revoked_by text,
      revoked_at timestamptz,
      revoke_reason text,
      PRIMARY KEY (municipality, id),
      CHECK (valid_until IS NULL OR valid_until > valid_from),
      CHECK (decided_by IS NULL OR decided_by <> requested_by),
      CHECK (second_approved_by IS NULL OR (second_approved_by <> decided_by AND second_approved_by <> requested_by))
    );
    CREATE INDEX access_grant_grantee_idx ON access_grant (municipality, grantee_kind, grantee_id) WHERE status = 'approved';
  `,
  );
}
