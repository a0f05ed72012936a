-- Skjold on PostgreSQL: database roles for the access log (LOG-1, LOG-2). Run once as a superuser, then run
-- `skjold migrate` as skjold_owner. See docs/access-log.md.
--
--   skjold_owner      owns every table; runs migrations and `skjold log retention` (drops expired partitions).
--   skjold_app        the running application: reads and writes its own tables, but may only INSERT and SELECT
--                     the access log, its keys and checkpoints — it cannot UPDATE, DELETE, TRUNCATE or DROP them.
--   skjold_auditor    read-only, for `skjold log verify` run by someone other than the application.
-- Replace the passwords (or use certificate/peer authentication).

CREATE ROLE skjold_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE skjold_app LOGIN PASSWORD 'change-me-app';
CREATE ROLE skjold_auditor LOGIN PASSWORD 'change-me-auditor';

-- CREATE DATABASE skjold OWNER skjold_owner;  -- then connect to it: \c skjold
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO skjold_owner;
GRANT USAGE ON SCHEMA public TO skjold_app, skjold_auditor;

-- Everything skjold_owner creates from now on (run `skjold migrate` as skjold_owner after this):
-- the application gets full rights on ordinary tables …
ALTER DEFAULT PRIVILEGES FOR ROLE skjold_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO skjold_app;
ALTER DEFAULT PRIVILEGES FOR ROLE skjold_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO skjold_app;
ALTER DEFAULT PRIVILEGES FOR ROLE skjold_owner IN SCHEMA public GRANT SELECT ON TABLES TO skjold_auditor;

-- … and after `skjold migrate` has created them, only INSERT and SELECT on the append-only logs.
-- (Run this block after every migration that adds an append-only table; it is idempotent.)
REVOKE UPDATE, DELETE, TRUNCATE ON access_log, access_log_key, access_log_checkpoint, access_log_retention, security_event, login_attempt FROM skjold_app;
GRANT SELECT, INSERT ON access_log, access_log_key, access_log_checkpoint, access_log_retention, security_event, login_attempt TO skjold_app;
-- The chain head is a one-row-per-municipality cache the application moves forward (verification checks it).
GRANT SELECT, INSERT, UPDATE ON access_log_head TO skjold_app;
-- New monthly partitions are created by skjold_access_log_partition(), which runs as its owner (SECURITY DEFINER),
-- so the application can log into a new month without owning the table. Partitions inherit the parent's grants
-- for queries through access_log; direct access to a partition is not needed by the application.
REVOKE ALL ON FUNCTION skjold_access_log_partition(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION skjold_access_log_partition(timestamptz) TO skjold_app;

-- The triggers (skjold_forbid_change) refuse UPDATE/DELETE/TRUNCATE even for the owner; only the owner can
-- switch a trigger off, which applyRetention does for access_log_key inside its own transaction.
