import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchSecurityEvents, securityEventTypes } from '../../modules/audit/index.ts';
import { clearLockout, getAuthPolicy, inNetworks, issuePasswordReset, listLocks, listUsers, updateAuthPolicy } from '../../modules/identity/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

const policyView = z.object({
  mfaPolicy: z.enum(['always', 'untrusted-network', 'sensitive-roles']),
  trustedNetworks: z.array(z.string()),
  idleTimeoutMinutes: z.number(),
  absoluteTimeoutMinutes: z.number(),
});
const cidr = z.string().refine((v) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(v) && inNetworks(v.split('/')[0]!, [v]), { message: 'must be a network in CIDR form, e.g. 10.20.0.0/16' });

/** The administrators' and security staff's routes: users, locks, resets, the auth policy, the security event log. */
export const adminRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const admins = requireUser(identity, config, { roles: ['it-admin', 'security'] });
  const actor = (request: Parameters<typeof clientContext>[0] & { user?: { userId: string } }) => ({ id: request.user!.userId, ...clientContext(request, config.trustedProxies) });

  app.get(
    '/api/admin/users',
    {
      preHandler: admins,
      schema: {
        summary: 'User identities with factors and lock state',
        tags: ['admin'],
        querystring: z.object({ search: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      },
    },
    async (request) => listUsers(identity, request.query),
  );

  app.get('/api/admin/locks', { preHandler: admins, schema: { summary: 'Engaged locks on user identities and workstations', tags: ['admin'] } }, async () => ({ locks: await listLocks(identity) }));

  app.post(
    '/api/admin/locks/clear',
    {
      preHandler: admins,
      schema: {
        summary: 'Reopen a locked user identity or workstation, with the cause clarified',
        tags: ['admin'],
        body: z.object({ kind: z.enum(['user', 'workstation']), key: z.string().min(1).max(200), cause: z.string().trim().min(10, 'describe the clarified cause (at least 10 characters)').max(2000) }),
      },
    },
    async (request) => {
      const cleared = await clearLockout(identity, actor(request), { kind: request.body.kind, key: request.body.key }, request.body.cause);
      if (!cleared) throw new ClientError(404, 'not_locked', 'Der er ingen aktiv spærring af den bruger eller arbejdsstation.');
      return { status: 'cleared' };
    },
  );

  app.post(
    '/api/admin/users/:id/password-reset',
    {
      preHandler: admins,
      schema: {
        summary: 'Issue a one-time password reset token (identity check recorded; ends all sessions)',
        tags: ['admin'],
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ identityCheck: z.string().trim().min(10, 'describe how the identity was checked (at least 10 characters)').max(2000) }),
      },
    },
    async (request) => {
      const exists = await identity.db.selectFrom('user_account').select('id').where('municipality', '=', identity.municipality).where('id', '=', request.params.id).executeTakeFirst();
      if (!exists) throw new ClientError(404, 'not_found', 'Brugeren findes ikke.');
      const { token, expiresAt } = await issuePasswordReset(identity, actor(request), request.params.id, request.body.identityCheck);
      return { token, expiresAt: expiresAt.toISOString() };
    },
  );

  app.get('/api/admin/auth-policy', { preHandler: admins, schema: { summary: 'The authentication policy', tags: ['admin'], response: { 200: policyView } } }, async () =>
    getAuthPolicy(identity.db, identity.municipality),
  );

  app.put(
    '/api/admin/auth-policy',
    {
      preHandler: admins,
      schema: {
        summary: 'Change the authentication policy (idle lock 5–20 minutes)',
        tags: ['admin'],
        body: z.object({
          mfaPolicy: z.enum(['always', 'untrusted-network', 'sensitive-roles']).optional(),
          trustedNetworks: z.array(cidr).max(50).optional(),
          idleTimeoutMinutes: z.number().int().min(5).max(20).optional(),
          absoluteTimeoutMinutes: z.number().int().min(60).max(1440).optional(),
        }),
        response: { 200: policyView },
      },
    },
    async (request) => updateAuthPolicy(identity, actor(request), request.body),
  );

  app.get(
    '/api/security-events',
    {
      preHandler: requireUser(identity, config, { roles: ['security'] }),
      schema: {
        summary: 'Search the security event log (newest first)',
        tags: ['audit'],
        querystring: z.object({
          type: z.enum(securityEventTypes).optional(),
          userId: z.string().max(100).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => ({ events: await searchSecurityEvents(identity.db, { municipality: identity.municipality, ...request.query }) }),
  );
};
