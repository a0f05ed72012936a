// The acting context every records service takes first, and the one transaction shape they all share: load the
// policy, do the work, write the access-log records — all in ONE transaction (design: "Log in the same transaction").
import { randomUUID } from 'node:crypto';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { caseFilter, loadPolicy, type AccessSubject, type CaseAction, type CompiledPolicy } from '../access/index.ts';
import { appendAccessRecords, type AccessAction, type AccessRecord } from '../audit/index.ts';

/** The system key Skjold's own workspace logs under. */
export const WORKSPACE_SYSTEM = 'skjold';

/** The signed-in user acting: the policy subject plus the username the access log names. */
export type ActingUser = AccessSubject & { username: string };

/** Who acts, from where, when, against which database; every records service takes this first. */
export interface RecordsContext {
  db: Kysely<Database>;
  municipality: string;
  user: ActingUser;
  client: { ip: string; workstation: string };
  now: Date;
  /** Key for opaque citizen refs (derived from the server's secret key). */
  refKey: Buffer;
  /** Internal switch for the workspace benchmark only: false skips the access-log write. Never set from HTTP. */
  accessLog?: boolean;
}

/** A refusal or a client mistake, safe to show (never contains a CPR number); routes turn it into a 4xx. */
export class RecordsError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RecordsError';
  }
}

/** The one answer for a case that does not exist or that the user may not know of: identical in both situations. */
export function caseNotFound(): RecordsError {
  return new RecordsError(404, 'not_found', 'Sagen findes ikke.');
}

/** The answer for an unknown or unreadable citizen ref / CPR. */
export function citizenNotFound(): RecordsError {
  return new RecordsError(404, 'not_found', 'Borgeren findes ikke.');
}

/** The answer when the user may know a case but lacks the right for the action. */
export function forbidden(): RecordsError {
  return new RecordsError(403, 'forbidden', 'Du har ikke ret til at udføre denne handling på sagen.');
}

/** The answer when the user has no right to search for citizens. */
export function noSearchRight(): RecordsError {
  return new RecordsError(403, 'no_search_right', 'Du har ikke ret til at søge efter borgere.');
}

/** The parts of an access-log record a service fills in; the context supplies id, time, system, user and client. */
export type LogEntry = Pick<AccessRecord, 'subject' | 'query' | 'resultCount' | 'case' | 'outcome'> & { action: AccessAction };

/** What a service sees inside its transaction: the executor, the user's compiled policy, and a log to append to. */
export interface AccessScope {
  trx: Transaction<Database>;
  policy: CompiledPolicy;
  log(entry: LogEntry): void;
  /** Writes the entries logged so far now (before a change, so a failing change rolls back its record too). */
  flush(): Promise<void>;
}

/** What a service's transaction body returns: a value, or a refusal that is logged (committed) and then raised. */
export type Outcome<T> = { ok: T } | { refused: RecordsError };

/**
 * Runs one use-case: opens a transaction, loads the policy as of ctx.now, runs `body`, writes every logged entry with
 * appendAccessRecords in the same transaction, commits, then returns the value or raises the refusal. A refusal's
 * denied records are committed too; an exception thrown by `body` or by the log write rolls everything back.
 */
export async function withAccess<T>(ctx: RecordsContext, purpose: string | undefined, body: (scope: AccessScope) => Promise<Outcome<T>>): Promise<T> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(trx, ctx.user, ctx.now);
    let entries: LogEntry[] = [];
    const flush = async () => {
      const pending = entries;
      entries = [];
      if (ctx.accessLog === false || pending.length === 0) return;
      await appendAccessRecords(trx, ctx.municipality, pending.map((e) => toRecord(ctx, purpose, e)), { freshIds: true });
    };
    const result = await body({ trx, policy, log: (entry) => void entries.push(entry), flush });
    await flush();
    return result;
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.ok;
}

function toRecord(ctx: RecordsContext, purpose: string | undefined, e: LogEntry): AccessRecord {
  return {
    id: randomUUID(),
    time: ctx.now,
    system: WORKSPACE_SYSTEM,
    user: { id: ctx.user.username, unit: ctx.user.unitId },
    workstation: ctx.client.workstation,
    ip: ctx.client.ip,
    action: e.action,
    subject: e.subject ?? null,
    query: e.query ?? null,
    resultCount: e.resultCount ?? null,
    case: e.case ?? null,
    purpose: purpose?.trim() || null,
    outcome: e.outcome ?? 'ok',
  };
}

/**
 * caseFilter for any query that aliases citizen_case as `c` (also correlated subqueries with more tables in scope,
 * which caseFilter's narrow builder type does not admit; the predicate itself only reads c.kle and c.authority).
 */
export function visibleCases(policy: CompiledPolicy, action: CaseAction) {
  const filter = caseFilter(policy, action);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => filter(eb as never);
}
