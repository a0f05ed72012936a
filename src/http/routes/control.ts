import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addToWatchlist, approveRule, closeCase, ControlError, controlErrorStatus, dryRunDefinition, dryRunRule, explainCase, listAlerts, listControlCases, listRules, listWatchlist,
  parseRuleDefinition, proposeRule, rejectRule, removeFromWatchlist, reviewCase, type ControlCaseStatus,
} from '../../modules/control/index.ts';
import type { AppDeps } from '../app.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

function asClientError(error: unknown): never {
  if (error instanceof ControlError) throw new ClientError(controlErrorStatus(error.code), error.code, error.message, error.field);
  throw error;
}

const statuses = ['awaiting-explanation', 'awaiting-review', 'awaiting-security', 'closed-explained', 'closed-misuse'] as const;
const caseParams = z.object({ id: z.string().uuid() });
const ruleParams = z.object({ key: z.string().min(1).max(64), version: z.coerce.number().int().min(1).max(100_000) });
const tags = ['control'];

/** Log control (CTL-2, CTL-3): alerts, rules with four eyes and dry run, the watch list, and the follow-up of control cases. */
export const controlRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const base = { db: identity.db, municipality: identity.municipality, now: identity.now };
  const security = requireUser(identity, config, { roles: ['security'] });
  const anyone = requireUser(identity, config);
  const managers = requireUser(identity, config, { roles: ['manager'] });
  const me = (request: { user?: { userId: string; roles: readonly string[] } }) => ({ id: request.user!.userId, roles: request.user!.roles });

  app.get('/api/control/alerts', { preHandler: security, schema: { summary: 'Alerts since a moment (security staff)', tags, querystring: z.object({ since: z.coerce.date().optional(), limit: z.coerce.number().int().min(1).max(10_000).default(500) }) } }, async (request) => ({
    alerts: await listAlerts(identity.db, identity.municipality, { ...(request.query.since ? { since: request.query.since } : {}), limit: request.query.limit }),
  }));

  app.get('/api/control/cases', { preHandler: security, schema: { summary: 'Control cases, optionally by status (security staff)', tags, querystring: z.object({ status: z.enum(statuses).optional() }) } }, async (request) => ({
    cases: await listControlCases(base, request.query.status ? { status: [request.query.status] } : {}),
  }));

  app.get('/api/control/my-cases', { preHandler: anyone, schema: { summary: 'My own control cases (the lookups I am asked to explain)', tags } }, async (request) => ({
    cases: await listControlCases(base, { employeeId: request.user!.userId }),
  }));

  app.post('/api/control/cases/:id/explanation', { preHandler: anyone, schema: { summary: 'Explain the lookups of my control case', tags, params: caseParams, body: z.object({ explanation: z.string().max(4000) }) } }, async (request) =>
    explainCase(base, me(request), request.params.id, request.body.explanation).catch(asClientError),
  );

  app.get('/api/control/reviews', { preHandler: managers, schema: { summary: 'Control cases awaiting my review (managers)', tags } }, async (request) => ({
    cases: await listControlCases(base, { reviewerId: request.user!.userId, status: ['awaiting-review'] as ControlCaseStatus[] }),
  }));

  app.post('/api/control/cases/:id/review', { preHandler: managers, schema: { summary: 'Review an explanation: satisfied closes, otherwise security follows up', tags, params: caseParams, body: z.object({ outcome: z.enum(['satisfied', 'not-satisfied']), note: z.string().max(4000).nullable().default(null) }) } }, async (request) =>
    reviewCase(base, me(request), request.params.id, request.body.outcome, request.body.note).catch(asClientError),
  );

  app.post('/api/control/cases/:id/close', { preHandler: security, schema: { summary: 'Close as explained or as misuse, with the follow-up noted (security staff)', tags, params: caseParams, body: z.object({ outcome: z.enum(['explained', 'misuse']), note: z.string().max(4000) }) } }, async (request) =>
    closeCase(base, me(request), request.params.id, request.body.outcome, request.body.note).catch(asClientError),
  );

  app.get('/api/control/rules', { preHandler: security, schema: { summary: 'Monitoring rules, every version', tags } }, async () => ({ rules: await listRules(base) }));

  app.post('/api/control/rules', { preHandler: security, schema: { summary: 'Propose a rule or a new version (a second person approves)', tags, body: z.object({ key: z.string().max(64), definition: z.unknown() }) } }, async (request, reply) => {
    const result = await proposeRule(base, request.user!.userId, request.body.key, request.body.definition).catch(asClientError);
    return reply.status(201).send(result);
  });

  app.post('/api/control/rules/:key/versions/:version/approval', { preHandler: security, schema: { summary: 'Approve a proposed rule version (not by its proposer); refused if it matches most lookups', tags, params: ruleParams, body: z.object({ note: z.string().max(2000).nullable().default(null) }) } }, async (request) => {
    const dry = await approveRule(base, request.user!.userId, request.params.key, request.params.version, request.body.note).catch(asClientError);
    return { status: 'active', dryRun: { records: dry.records, flagged: dry.flagged, share: dry.share, criteriaShare: dry.criteriaShare } };
  });

  app.post('/api/control/rules/:key/versions/:version/rejection', { preHandler: security, schema: { summary: 'Reject a proposed rule version (not by its proposer)', tags, params: ruleParams, body: z.object({ note: z.string().max(2000).nullable().default(null) }) } }, async (request) => {
    await rejectRule(base, request.user!.userId, request.params.key, request.params.version, request.body.note).catch(asClientError);
    return { status: 'rejected' };
  });

  app.post('/api/control/rules/dry-run', { preHandler: security, schema: { summary: 'What a stored rule, or a definition not yet saved, would have flagged over the last N days', tags, body: z.object({ key: z.string().max(64).optional(), version: z.number().int().min(1).optional(), definition: z.unknown().optional(), days: z.number().int().min(1).max(366).default(30) }) } }, async (request) => {
    const b = request.body;
    if (b.definition !== undefined) {
      const def = (() => { try { return parseRuleDefinition(b.definition); } catch (e) { return asClientError(e); } })();
      return dryRunDefinition(identity.db, identity.municipality, b.key ?? 'utkast', def, b.days, identity.now()).catch(asClientError);
    }
    if (!b.key) throw new ClientError(400, 'invalid', 'Angiv en regelnøgle eller en definition.', 'key');
    return dryRunRule(base, b.key, b.days, b.version).catch(asClientError);
  });

  app.get('/api/control/watchlist', { preHandler: security, schema: { summary: 'The watch list of known persons (CPR masked)', tags } }, async () => ({ entries: await listWatchlist(base) }));

  app.post('/api/control/watchlist', { preHandler: security, schema: { summary: 'Add a known person (CPR in the body, never in the URL)', tags, body: z.object({ cpr: z.string().max(20), reason: z.string().max(500) }) } }, async (request, reply) => {
    const id = await addToWatchlist(base, request.user!.userId, request.body.cpr, request.body.reason).catch(asClientError);
    return reply.status(201).send({ id });
  });

  app.delete('/api/control/watchlist/:id', { preHandler: security, schema: { summary: 'Remove a person from the watch list', tags, params: z.object({ id: z.string().uuid() }) } }, async (request) => {
    await removeFromWatchlist(base, request.params.id).catch(asClientError);
    return { status: 'removed' };
  });
};
