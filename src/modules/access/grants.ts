// The formal procedure for access rights (ACC-1, ACC-7, ACC-8, ACC-10, ACC-12): a manager requests with a
// justification, the responsible authorizer decides (never their own request), rights on hidden case types and other
// authorities need a second person's approval, and any right can be revoked. Every step is a security event.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { isKleFormat, kleTitle } from '../reference/index.ts';
import { hiddenCaseTypes } from './load.ts';

/** Raised when a grant step is refused; `code` is stable for clients, the message is for people (Danish). */
export class GrantError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'self_approval' | 'wrong_state' | 'same_person',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GrantError';
  }
}

/** Who acts, from where. */
export interface GrantActor {
  id: string;
  ip: string;
  workstation: string;
}

/** What the grant services need. */
export interface GrantDeps {
  db: Kysely<Database>;
  municipality: string;
  now: () => Date;
}

/** A request for a right. */
export interface GrantRequest {
  granteeKind: 'user' | 'unit' | 'role';
  granteeId: string;
  scope: string;
  authority: string;
  level: 'existence' | 'content';
  canSearch: boolean;
  canEnter: boolean;
  canDelete: boolean;
  justification: string;
  validFrom?: Date;
  validUntil?: Date | null;
}

/** Longest a time-limited (substitute) right may run (ACC-10). */
export const MAX_TEMPORARY_DAYS = 180;

/** True when the scope reaches into a hidden case type (at or below a hidden entry). */
export function reachesHidden(scope: string, hidden: readonly string[]): boolean {
  return scope !== '*' && hidden.some((h) => scope === h || scope.startsWith(`${h}.`));
}

async function validate(deps: GrantDeps, input: GrantRequest): Promise<void> {
  if (input.scope !== '*' && (!isKleFormat(input.scope) || kleTitle(input.scope) === undefined)) {
    throw new GrantError('invalid', 'Sagstypen skal være et KLE-nummer (NN, NN.NN eller NN.NN.NN) med en kendt hovedgruppe, eller * for alle ikke-skjulte sagstyper.', 'scope');
  }
  if (input.justification.trim().length < 10) throw new GrantError('invalid', 'Begrundelsen skal forklare, hvorfor arbejdet kræver adgangen (mindst 10 tegn).', 'justification');
  const from = input.validFrom ?? deps.now();
  if (input.validUntil) {
    if (input.validUntil <= from) throw new GrantError('invalid', 'Slutdatoen skal ligge efter startdatoen.', 'validUntil');
    if (input.validUntil.getTime() - from.getTime() > MAX_TEMPORARY_DAYS * 86_400_000) throw new GrantError('invalid', `En tidsbegrænset adgang kan højst vare ${MAX_TEMPORARY_DAYS} dage.`, 'validUntil');
  }
  if (input.granteeKind === 'user') {
    const user = await deps.db.selectFrom('employee').select('id').where('municipality', '=', deps.municipality).where('id', '=', input.granteeId).executeTakeFirst();
    if (!user) throw new GrantError('invalid', 'Medarbejderen findes ikke.', 'granteeId');
  } else if (input.granteeKind === 'unit') {
    const unit = await deps.db.selectFrom('org_unit').select('id').where('municipality', '=', deps.municipality).where('id', '=', input.granteeId).executeTakeFirst();
    if (!unit) throw new GrantError('invalid', 'Enheden findes ikke.', 'granteeId');
  }
}

/** A manager requests a right; returns the new grant's id. */
export async function requestGrant(deps: GrantDeps, actor: GrantActor, input: GrantRequest): Promise<string> {
  await validate(deps, input);
  const hidden = await hiddenCaseTypes(deps.db, deps.municipality);
  const needsSecond = input.authority !== 'municipality' || reachesHidden(input.scope, hidden);
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('access_grant')
      .values({
        municipality: deps.municipality,
        id,
        grantee_kind: input.granteeKind,
        grantee_id: input.granteeId,
        scope: input.scope,
        authority: input.authority,
        level: input.level,
        can_search: input.canSearch,
        can_enter: input.canEnter,
        can_delete: input.canDelete,
        justification: input.justification.trim(),
        valid_from: input.validFrom ?? deps.now(),
        valid_until: input.validUntil ?? null,
        status: 'requested',
        needs_second_approval: needsSecond,
        requested_by: actor.id,
        requested_at: deps.now(),
        decided_by: null,
        decided_at: null,
        decision_note: null,
        second_approved_by: null,
        second_approved_at: null,
        revoked_by: null,
        revoked_at: null,
        revoke_reason: null,
      })
      .execute();
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'grant.changed', actorId: actor.id, ip: actor.ip, workstation: actor.workstation, details: { grant: id, step: 'requested', grantee: `${input.granteeKind}:${input.granteeId}`, scope: input.scope, authority: input.authority, level: input.level, needsSecondApproval: needsSecond } });
  });
  return id;
}

async function transition(
  deps: GrantDeps,
  actor: GrantActor,
  id: string,
  step: 'approved' | 'rejected' | 'second-approved' | 'revoked',
  text: string | null,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const grant = await trx.selectFrom('access_grant').selectAll().where('municipality', '=', deps.municipality).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!grant) throw new GrantError('not_found', 'Adgangen findes ikke.');
    const now = deps.now();
    if (step === 'approved' || step === 'rejected') {
      if (grant.status !== 'requested') throw new GrantError('wrong_state', 'Anmodningen er allerede afgjort.');
      if (grant.requested_by === actor.id) throw new GrantError('self_approval', 'Du kan ikke afgøre din egen anmodning.');
      await trx.updateTable('access_grant').set({ status: step, decided_by: actor.id, decided_at: now, decision_note: text }).where('municipality', '=', deps.municipality).where('id', '=', id).execute();
    } else if (step === 'second-approved') {
      if (grant.status !== 'approved' || !grant.needs_second_approval || grant.second_approved_at !== null) throw new GrantError('wrong_state', 'Adgangen afventer ikke en anden godkendelse.');
      if (actor.id === grant.requested_by || actor.id === grant.decided_by) throw new GrantError('same_person', 'Den anden godkendelse skal gives af en tredje person (fire øjne).');
      await trx.updateTable('access_grant').set({ second_approved_by: actor.id, second_approved_at: now }).where('municipality', '=', deps.municipality).where('id', '=', id).execute();
    } else {
      if (grant.status === 'revoked' || grant.status === 'rejected') throw new GrantError('wrong_state', 'Adgangen er ikke aktiv.');
      if (!text || text.trim().length < 5) throw new GrantError('invalid', 'Angiv hvorfor adgangen fjernes (fx jobskifte, fratrædelse).', 'reason');
      await trx.updateTable('access_grant').set({ status: 'revoked', revoked_by: actor.id, revoked_at: now, revoke_reason: text.trim() }).where('municipality', '=', deps.municipality).where('id', '=', id).execute();
    }
    await recordSecurityEvent(trx, { municipality: deps.municipality, type: 'grant.changed', actorId: actor.id, ip: actor.ip, workstation: actor.workstation, details: { grant: id, step, ...(text ? { note: text } : {}) } });
  });
}

/** The responsible authorizer approves or rejects a request (never their own). */
export function decideGrant(deps: GrantDeps, actor: GrantActor, id: string, approve: boolean, note: string | null): Promise<void> {
  return transition(deps, actor, id, approve ? 'approved' : 'rejected', note);
}

/** A third person gives the second approval a hidden type or another authority needs (ACC-12). */
export function secondApproveGrant(deps: GrantDeps, actor: GrantActor, id: string): Promise<void> {
  return transition(deps, actor, id, 'second-approved', null);
}

/** Revokes a right; it stops on the next request (ACC-8). */
export function revokeGrant(deps: GrantDeps, actor: GrantActor, id: string, reason: string): Promise<void> {
  return transition(deps, actor, id, 'revoked', reason);
}

/** One line of "who has which access, since when, granted by whom" (ACC-7). */
export interface GrantView {
  id: string;
  grantee: { kind: 'user' | 'unit' | 'role'; id: string; name: string };
  scope: string;
  scopeTitle: string;
  authority: string;
  level: 'existence' | 'content';
  canSearch: boolean;
  canEnter: boolean;
  canDelete: boolean;
  justification: string;
  status: 'requested' | 'approved' | 'rejected' | 'revoked';
  awaitingSecondApproval: boolean;
  validFrom: Date;
  validUntil: Date | null;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  secondApprovedBy: string | null;
  revokedAt: Date | null;
  revokeReason: string | null;
}

/** Grants as they stood at a moment (`in-force`), or the pending requests, or all; with names resolved. */
export async function listGrants(deps: GrantDeps, options: { view: 'in-force' | 'pending' | 'all'; at?: Date }): Promise<GrantView[]> {
  const at = options.at ?? deps.now();
  let q = deps.db
    .selectFrom('access_grant as g')
    .leftJoin('employee as ge', (j) => j.onRef('ge.municipality', '=', 'g.municipality').onRef('ge.id', '=', 'g.grantee_id').on('g.grantee_kind', '=', 'user'))
    .leftJoin('org_unit as gu', (j) => j.onRef('gu.municipality', '=', 'g.municipality').onRef('gu.id', '=', 'g.grantee_id').on('g.grantee_kind', '=', 'unit'))
    .leftJoin('employee as rq', (j) => j.onRef('rq.municipality', '=', 'g.municipality').onRef('rq.id', '=', 'g.requested_by'))
    .leftJoin('employee as dc', (j) => j.onRef('dc.municipality', '=', 'g.municipality').onRef('dc.id', '=', 'g.decided_by'))
    .leftJoin('employee as sa', (j) => j.onRef('sa.municipality', '=', 'g.municipality').onRef('sa.id', '=', 'g.second_approved_by'))
    .selectAll('g')
    .select(['ge.full_name as grantee_user_name', 'gu.name as grantee_unit_name', 'rq.full_name as requested_by_name', 'dc.full_name as decided_by_name', 'sa.full_name as second_by_name'])
    .where('g.municipality', '=', deps.municipality);
  if (options.view === 'pending') {
    q = q.where((eb) => eb.or([eb('g.status', '=', 'requested'), eb.and([eb('g.status', '=', 'approved'), eb('g.needs_second_approval', '=', true), eb('g.second_approved_at', 'is', null)])]));
  } else if (options.view === 'in-force') {
    // As it stood at `at`: decided before then, not revoked before then, within validity.
    q = q
      .where('g.decided_at', '<=', at)
      .where((eb) => eb.or([eb('g.status', '=', 'approved'), eb.and([eb('g.status', '=', 'revoked'), eb('g.revoked_at', '>', at)])]))
      .where((eb) => eb.or([eb('g.needs_second_approval', '=', false), eb('g.second_approved_at', '<=', at)]))
      .where('g.valid_from', '<=', at)
      .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>', at)]));
  }
  const rows = await q.orderBy(sql`coalesce(ge.full_name, gu.name, g.grantee_id)`).orderBy('g.scope').execute();
  return rows.map((r) => ({
    id: r.id,
    grantee: { kind: r.grantee_kind, id: r.grantee_id, name: r.grantee_user_name ?? r.grantee_unit_name ?? r.grantee_id },
    scope: r.scope,
    scopeTitle: r.scope === '*' ? 'Alle ikke-skjulte sagstyper' : (kleTitle(r.scope) ?? r.scope),
    authority: r.authority,
    level: r.level,
    canSearch: r.can_search,
    canEnter: r.can_enter,
    canDelete: r.can_delete,
    justification: r.justification,
    status: r.status,
    awaitingSecondApproval: r.status === 'approved' && r.needs_second_approval && r.second_approved_at === null,
    validFrom: new Date(r.valid_from),
    validUntil: r.valid_until ? new Date(r.valid_until) : null,
    requestedBy: r.requested_by_name ?? r.requested_by,
    requestedAt: new Date(r.requested_at),
    decidedBy: r.decided_by_name ?? r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    secondApprovedBy: r.second_by_name ?? r.second_approved_by,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    revokeReason: r.revoke_reason,
  }));
}

function csvCell(value: unknown): string {
  const s = value instanceof Date ? value.toISOString() : value === null || value === undefined ? '' : String(value);
  // Quote everything; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The grants as CSV (ACC-7), one row per grant, with a header. */
export function grantsCsv(grants: readonly GrantView[]): string {
  const header = ['id', 'modtager_type', 'modtager_id', 'modtager', 'sagstype', 'sagstype_titel', 'myndighed', 'niveau', 'soege', 'indtaste', 'slette', 'begrundelse', 'status', 'gyldig_fra', 'gyldig_til', 'anmodet_af', 'anmodet', 'bevilget_af', 'bevilget', 'anden_godkender', 'fjernet', 'fjernet_aarsag'];
  const lines = grants.map((g) =>
    [g.id, g.grantee.kind, g.grantee.id, g.grantee.name, g.scope, g.scopeTitle, g.authority, g.level, g.canSearch, g.canEnter, g.canDelete, g.justification, g.status, g.validFrom, g.validUntil, g.requestedBy, g.requestedAt, g.decidedBy, g.decidedAt, g.secondApprovedBy, g.revokedAt, g.revokeReason].map(csvCell).join(','),
  );
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

/** Inserts the default hidden case types for a municipality that has none yet. */
export async function ensureDefaultHiddenCaseTypes(db: Kysely<Database>, municipality: string, defaults: readonly { kle: string; reason: string }[]): Promise<void> {
  const existing = await db.selectFrom('hidden_case_type').select('kle').where('municipality', '=', municipality).limit(1).executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('hidden_case_type')
    .values(defaults.map((d) => ({ municipality, kle: d.kle, reason: d.reason })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
