// Listing alerts for the security staff and the CLI: rule, user, covered log records, severity and case status.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** One alert as listed (no CPR numbers: the covered lookups are named by log seq). */
export interface AlertView {
  id: string;
  rule: string;
  ruleVersion: number;
  userId: string;
  severity: 'low' | 'medium' | 'high';
  reason: string;
  logSeqs: number[];
  createdAt: Date;
  controlCaseId: string | null;
  status: string;
}

/** Alerts created since a moment (oldest first), with the status of their control case ('open' without one). */
export async function listAlerts(db: Kysely<Database>, municipality: string, options: { since?: Date; userId?: string; limit?: number } = {}): Promise<AlertView[]> {
  let q = db
    .selectFrom('alert as a')
    .leftJoin('control_case as c', (j) => j.onRef('c.municipality', '=', 'a.municipality').onRef('c.id', '=', 'a.control_case_id'))
    .select(['a.id', 'a.rule_key', 'a.rule_version', 'a.user_id', 'a.severity', 'a.reason', 'a.log_seqs', 'a.created_at', 'a.control_case_id', 'c.status'])
    .where('a.municipality', '=', municipality);
  if (options.since) q = q.where('a.created_at', '>=', options.since);
  if (options.userId) q = q.where('a.user_id', '=', options.userId);
  const rows = await q.orderBy('a.created_at').orderBy('a.id').limit(options.limit ?? 100_000).execute();
  return rows.map((r) => ({
    id: r.id, rule: r.rule_key, ruleVersion: r.rule_version, userId: r.user_id, severity: r.severity, reason: r.reason,
    logSeqs: r.log_seqs.map(Number), createdAt: new Date(r.created_at), controlCaseId: r.control_case_id, status: r.status ?? 'open',
  }));
}
