import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decideGrant, GrantError, grantsCsv, listGrants, requestGrant, revokeGrant, secondApproveGrant, type GrantDeps } from '../../modules/access/index.ts';
import { recordSecurityEvent } from '../../modules/audit/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

const grantView = z.object({
  id: z.string(),
  grantee: z.object({ kind: z.enum(['user', 'unit', 'role']), id: z.string(), name: z.string() }),
  scope: z.string(),
  scopeTitle: z.string(),
  authority: z.string(),
  level: z.enum(['existence', 'content']),
  canSearch: z.boolean(),
  canEnter: z.boolean(),
  canDelete: z.boolean(),
  justification: z.string(),
  status: z.enum(['requested', 'approved', 'rejected', 'revoked']),
  awaitingSecondApproval: z.boolean(),
  validFrom: z.date(),
  validUntil: z.date().nullable(),
  requestedBy: z.string(),
  requestedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  secondApprovedBy: z.string().nullable(),
  revokedAt: z.date().nullable(),
  revokeReason: z.string().nullable(),
});

function asClientError(error: unknown): never {
  if (error instanceof GrantError) {
    const status = error.code === 'not_found' ? 404 : error.code === 'invalid' ? 400 : 409;
    throw new ClientError(status, error.code, error.message, error.field);
  }
  throw error;
}

/** Grant administration (ACC-1, ACC-7, ACC-8, ACC-10, ACC-12): request, decide, second approval, revoke, who-has-what. */
export const accessRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const grantDeps: GrantDeps = { db: identity.db, municipality: identity.municipality, now: identity.now };
  const viewers = requireUser(identity, config, { roles: ['manager', 'authorizer', 'security', 'dpo', 'it-admin'] });
  const actor = (request: Parameters<typeof clientContext>[0] & { user?: { userId: string } }) => ({ id: request.user!.userId, ...clientContext(request, config.trustedProxies) });

  const grantsQuery = z.object({ view: z.enum(['in-force', 'pending', 'all']).default('in-force'), at: z.coerce.date().optional() });

  app.get(
    '/api/access/grants',
    {
      preHandler: viewers,
      schema: {
        summary: 'Who has which access, since when, granted by whom — in force at a date, pending, or all',
        tags: ['access'],
        querystring: grantsQuery,
        response: { 200: z.object({ at: z.date(), grants: z.array(grantView) }) },
      },
    },
    async (request) => {
      const at = request.query.at ?? identity.now();
      return { at, grants: await listGrants(grantDeps, { view: request.query.view, at }) };
    },
  );

  app.get(
    '/api/access/grants/export',
    { preHandler: viewers, schema: { summary: 'The same list as CSV (ACC-7); the export is a security event', tags: ['access'], querystring: grantsQuery } },
    async (request, reply) => {
      const at = request.query.at ?? identity.now();
      const grants = await listGrants(grantDeps, { view: request.query.view, at });
      await identity.db.transaction().execute((trx) =>
        recordSecurityEvent(trx, { municipality: identity.municipality, type: 'export', actorId: request.user!.userId, ...clientContext(request, config.trustedProxies), details: { what: 'access grants', view: request.query.view, at: at.toISOString(), rows: grants.length } }),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="adgange-${at.toISOString().slice(0, 10)}.csv"`)
        .send(grantsCsv(grants));
    },
  );

  app.post(
    '/api/access/grants',
    {
      preHandler: requireUser(identity, config, { roles: ['manager', 'security'] }),
      schema: {
        summary: 'Request a right for a user, unit or role (with justification)',
        tags: ['access'],
        body: z.object({
          granteeKind: z.enum(['user', 'unit', 'role']),
          granteeId: z.string().min(1).max(100),
          scope: z.string().min(1).max(8),
          authority: z.string().min(1).max(100).default('municipality'),
          level: z.enum(['existence', 'content']),
          canSearch: z.boolean().default(false),
          canEnter: z.boolean().default(false),
          canDelete: z.boolean().default(false),
          justification: z.string().max(2000),
          validFrom: z.coerce.date().optional(),
          validUntil: z.coerce.date().nullable().optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const id = await requestGrant(grantDeps, actor(request), request.body).catch(asClientError);
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/api/access/grants/:id/decision',
    {
      preHandler: requireUser(identity, config, { roles: ['authorizer'] }),
      schema: {
        summary: 'Approve or reject a requested right (never your own request)',
        tags: ['access'],
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ approve: z.boolean(), note: z.string().max(2000).nullable().default(null) }),
      },
    },
    async (request) => {
      await decideGrant(grantDeps, actor(request), request.params.id, request.body.approve, request.body.note).catch(asClientError);
      return { status: request.body.approve ? 'approved' : 'rejected' };
    },
  );

  app.post(
    '/api/access/grants/:id/second-approval',
    {
      preHandler: requireUser(identity, config, { roles: ['security', 'authorizer'] }),
      schema: { summary: 'Second approval (four eyes) for hidden case types and other authorities', tags: ['access'], params: z.object({ id: z.string().uuid() }) },
    },
    async (request) => {
      await secondApproveGrant(grantDeps, actor(request), request.params.id).catch(asClientError);
      return { status: 'second-approved' };
    },
  );

  app.post(
    '/api/access/grants/:id/revocation',
    {
      preHandler: requireUser(identity, config, { roles: ['manager', 'authorizer', 'security'] }),
      schema: { summary: 'Revoke a right; it stops on the next request', tags: ['access'], params: z.object({ id: z.string().uuid() }), body: z.object({ reason: z.string().max(2000) }) },
    },
    async (request) => {
      await revokeGrant(grantDeps, actor(request), request.params.id, request.body.reason).catch(asClientError);
      return { status: 'revoked' };
    },
  );
};
