import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Two sessions creating the same month's partition at once (log maintenance at start and a lookup, or two
// processes) could both see it missing — the advisory lock does not refresh the catalog cache — and the second
// CREATE failed with "already exists". Treat that as success.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE OR REPLACE FUNCTION skjold_access_log_partition(ts timestamptz) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    DECLARE
      start_at timestamptz := date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
      part text := 'access_log_p' || to_char(ts AT TIME ZONE 'UTC', 'YYYYMM');
    BEGIN
      IF to_regclass(part) IS NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('skjold_access_log_partition'));
        BEGIN
          EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)', part, start_at, start_at + interval '1 month');
          EXECUTE format('CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION skjold_forbid_change()', part);
        EXCEPTION WHEN duplicate_table OR duplicate_object THEN
          NULL; -- created meanwhile by another session
        END;
      END IF;
      RETURN part;
    END
    $$;
  `,
  );
}
