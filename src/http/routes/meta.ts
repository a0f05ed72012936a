import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { municipality } from '../../modules/reference/index.ts';
import type { AppDeps } from '../app.ts';

/** Health, readiness and the public facts the start page shows (municipality, mode). */
export const metaRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db.db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', reason: 'database' });
    }
  });

  app.get(
    '/api/meta',
    {
      schema: {
        summary: 'Public facts for the start page',
        tags: ['meta'],
        response: {
          200: z.object({
            municipality: z.object({ code: z.string(), name: z.string() }),
            mode: z.enum(['demo', 'production']),
            version: z.string(),
          }),
        },
      },
    },
    async () => ({
      municipality: { code: deps.config.municipality, name: municipality(deps.config.municipality)?.name ?? deps.config.municipality },
      mode: deps.config.mode,
      version: '0.1.0',
    }),
  );
};
