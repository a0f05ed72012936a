import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// LOG-2 / ACC-12: a change of the log's retention takes effect only once a second person has approved it.
// Approvals are appended (the retention table is append-only), one per proposal.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE access_log_retention_approval (
      municipality char(4) NOT NULL,
      retention_id bigint PRIMARY KEY REFERENCES access_log_retention(id),
      approved_by text NOT NULL,
      approved_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TRIGGER access_log_retention_approval_append_only BEFORE UPDATE OR DELETE ON access_log_retention_approval
      FOR EACH ROW EXECUTE FUNCTION skjold_forbid_change();
  `,
  );
}
