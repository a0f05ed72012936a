import type { Transaction } from 'kysely';
import type { Database, LoginFactor } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { MAX_CONSECUTIVE_FAILURES, type ClientContext, type IdentityDeps } from './context.ts';

/** The outcome of the factor check run under the lockout guard. */
export type CheckResult<T> =
  | { ok: true; value: T; userId: string; resetCounters: boolean }
  | { ok: false; reason: string; userId: string | null };

/** What is known about an attempt before it is checked. */
export interface AttemptInfo {
  /** The user identity as typed, normalised (lower-case, trimmed): the lock key, whether or not the account exists. */
  usernameKey: string;
  factor: LoginFactor;
}

/** A guarded attempt's result: the check's value, or a refusal that looks the same whatever the cause. */
export type GuardedResult<T> = { ok: true; value: T } | { ok: false };

// Escalating throttle per source address: after this many failures, each further failure doubles the wait.
const THROTTLE_FREE_FAILURES = 10;
const THROTTLE_MAX_SECONDS = 15 * 60;

/**
 * Runs one authentication check under the lockout rules (AUTH-3, AUTH-4), in one transaction:
 * the user and workstation counters are row-locked first, so however many processes try at once,
 * at most MAX_CONSECUTIVE_FAILURES consecutive failures ever reach `check`. Every attempt is registered.
 */
export async function guardedAttempt<T>(
  deps: IdentityDeps,
  client: ClientContext,
  attempt: AttemptInfo,
  check: (trx: Transaction<Database>) => Promise<CheckResult<T>>,
): Promise<GuardedResult<T>> {
  const municipality = deps.municipality;
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const register = (outcome: 'accepted' | 'rejected', reason: string, userId: string | null) =>
      trx
        .insertInto('login_attempt')
        .values({ municipality, time: now, username_tried: attempt.usernameKey.slice(0, 200), user_id: userId, workstation: client.workstation, ip: client.ip, factor: attempt.factor, outcome, reason })
        .execute();

    const throttle = await trx.selectFrom('source_throttle').select(['blocked_until']).where('municipality', '=', municipality).where('source', '=', client.ip).executeTakeFirst();
    if (throttle?.blocked_until && new Date(throttle.blocked_until) > now) {
      await register('rejected', 'throttled', null);
      return { ok: false };
    }

    await trx
      .insertInto('lockout_counter')
      .values([
        { municipality, kind: 'user', key: attempt.usernameKey },
        { municipality, kind: 'workstation', key: client.workstation },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const counters = await trx
      .selectFrom('lockout_counter')
      .selectAll()
      .where('municipality', '=', municipality)
      .where((eb) => eb.or([eb.and([eb('kind', '=', 'user'), eb('key', '=', attempt.usernameKey)]), eb.and([eb('kind', '=', 'workstation'), eb('key', '=', client.workstation)])]))
      .orderBy('kind')
      .forUpdate()
      .execute();
    const locked = counters.find((c) => c.locked_at !== null);
    if (locked) {
      await register('rejected', `locked-${locked.kind}`, null);
      await recordSecurityEvent(trx, { municipality, type: 'login.blocked', actorId: null, ip: client.ip, workstation: client.workstation, details: { factor: attempt.factor, lock: locked.kind } });
      return { ok: false };
    }

    const result = await check(trx);
    if (result.ok) {
      if (result.resetCounters) {
        await trx.updateTable('lockout_counter').set({ consecutive_failures: 0 }).where('municipality', '=', municipality).where((eb) => eb.or(counters.map((c) => eb.and([eb('kind', '=', c.kind), eb('key', '=', c.key)])))).execute();
        await trx.deleteFrom('source_throttle').where('municipality', '=', municipality).where('source', '=', client.ip).execute();
      }
      await register('accepted', 'ok', result.userId);
      return { ok: true, value: result.value };
    }

    await register('rejected', result.reason, result.userId);
    for (const counter of counters) {
      const failures = counter.consecutive_failures + 1;
      const engage = failures >= MAX_CONSECUTIVE_FAILURES;
      await trx
        .updateTable('lockout_counter')
        .set({ consecutive_failures: failures, locked_at: engage ? now : null })
        .where('municipality', '=', municipality)
        .where('kind', '=', counter.kind)
        .where('key', '=', counter.key)
        .execute();
      if (engage) await notifyLockout(trx, municipality, counter.kind, counter.kind === 'user' ? result.userId : null);
    }
    await trx
      .insertInto('source_throttle')
      .values({ municipality, source: client.ip, failures: 1, last_failure_at: now })
      .onConflict((oc) =>
        oc.columns(['municipality', 'source']).doUpdateSet((eb) => ({ failures: eb('source_throttle.failures', '+', 1), last_failure_at: now })),
      )
      .execute();
    const updated = await trx.selectFrom('source_throttle').select('failures').where('municipality', '=', municipality).where('source', '=', client.ip).executeTakeFirstOrThrow();
    if (updated.failures > THROTTLE_FREE_FAILURES) {
      const seconds = Math.min(THROTTLE_MAX_SECONDS, 2 ** Math.min(20, updated.failures - THROTTLE_FREE_FAILURES));
      await trx.updateTable('source_throttle').set({ blocked_until: new Date(now.getTime() + seconds * 1000) }).where('municipality', '=', municipality).where('source', '=', client.ip).execute();
    }
    const engaged = counters.filter((c) => c.consecutive_failures + 1 >= MAX_CONSECUTIVE_FAILURES).map((c) => c.kind);
    await recordSecurityEvent(trx, { municipality, type: 'login.failed', actorId: null, subjectId: result.userId, ip: client.ip, workstation: client.workstation, details: { factor: attempt.factor, reason: result.reason } });
    for (const kind of engaged) {
      await recordSecurityEvent(trx, { municipality, type: 'lockout.engaged', actorId: null, subjectId: kind === 'user' ? result.userId : null, ip: client.ip, workstation: client.workstation, details: { lock: kind } });
    }
    return { ok: false };
  });
}

async function notifyLockout(trx: Transaction<Database>, municipality: string, kind: 'user' | 'workstation', userId: string | null): Promise<void> {
  const message =
    kind === 'user'
      ? 'En brugerkonto er spærret efter 5 afviste loginforsøg i træk. Den åbnes igen, når en administrator har afklaret årsagen.'
      : 'En arbejdsstation er spærret efter 5 afviste loginforsøg i træk. Den åbnes igen, når en administrator har afklaret årsagen.';
  const rows: { municipality: string; recipient_user_id: string | null; recipient_role: string | null; kind: string; message: string }[] = [
    { municipality, recipient_user_id: null, recipient_role: 'security', kind: `lockout.${kind}`, message },
  ];
  if (userId) rows.push({ municipality, recipient_user_id: userId, recipient_role: null, kind: 'lockout.user', message: 'Din konto er spærret efter 5 afviste loginforsøg. Kontakt IT-supporten.' });
  await trx.insertInto('notification').values(rows).execute();
}

/** Reopens a locked user identity or workstation; only with a recorded cause (AUTH-4). Returns false if it was not locked. */
export async function clearLockout(
  deps: IdentityDeps,
  actor: { id: string; ip: string; workstation: string },
  target: { kind: 'user' | 'workstation'; key: string },
  cause: string,
): Promise<boolean> {
  const key = target.kind === 'user' ? target.key.trim().toLowerCase() : target.key;
  return deps.db.transaction().execute(async (trx) => {
    const cleared = await trx
      .updateTable('lockout_counter')
      .set({ consecutive_failures: 0, locked_at: null })
      .where('municipality', '=', deps.municipality)
      .where('kind', '=', target.kind)
      .where('key', '=', key)
      .where('locked_at', 'is not', null)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) === 0) return false;
    const subject = target.kind === 'user' ? await trx.selectFrom('user_account').select('id').where('municipality', '=', deps.municipality).where('username', '=', key).executeTakeFirst() : undefined;
    await recordSecurityEvent(trx, {
      municipality: deps.municipality,
      type: 'lockout.cleared',
      actorId: actor.id,
      subjectId: subject?.id ?? null,
      ip: actor.ip,
      workstation: actor.workstation,
      details: { lock: target.kind, ...(target.kind === 'workstation' ? { target: key } : {}), cause },
    });
    return true;
  });
}

/** The locks currently engaged, for the administrators' page. */
export async function listLocks(deps: IdentityDeps): Promise<{ kind: 'user' | 'workstation'; key: string; lockedAt: Date; failures: number }[]> {
  const rows = await deps.db.selectFrom('lockout_counter').selectAll().where('municipality', '=', deps.municipality).where('locked_at', 'is not', null).orderBy('locked_at', 'desc').execute();
  return rows.map((r) => ({ kind: r.kind, key: r.key, lockedAt: new Date(r.locked_at!), failures: r.consecutive_failures }));
}
