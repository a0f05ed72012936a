import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accessActions,
  authenticateSystem,
  BatchFormatError,
  BatchTooLargeError,
  decodeCursor,
  exportAccessLog,
  ingestBatch,
  MAX_BATCH_BYTES,
  MAX_BATCH_RECORDS,
  parseBatch,
  searchAccessLogLogged,
  verifyAccessLog,
  type AccessLogFilters,
  type IngestSource,
} from '../../modules/audit/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The sending system a bearer credential belongs to, set on the ingest route. */
    logSystem?: IngestSource;
  }
}

const tooLarge = () => new ClientError(413, 'batch_too_large', `En batch må højst indeholde ${MAX_BATCH_RECORDS.toLocaleString('da-DK')} poster og ${MAX_BATCH_BYTES / 1024 / 1024} MB. Del den op; intet er gemt.`);

const filtersSchema = z.object({
  cpr: z.string().regex(/^\d{10}$/, 'must be 10 digits without hyphen').optional(),
  userId: z.string().min(1).max(128).optional(),
  unit: z.string().min(1).max(128).optional(),
  system: z.string().min(1).max(64).optional(),
  caseId: z.string().min(1).max(128).optional(),
  action: z.enum(accessActions).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

function toFilters(f: z.infer<typeof filtersSchema>): AccessLogFilters {
  return { ...f, from: f.from ? new Date(f.from) : undefined, to: f.to ? new Date(f.to) : undefined };
}

/** The access log's routes: ingest from sending systems (bearer credential), and search, export and verify for the security staff. */
export const accessLogRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const security = requireUser(identity, config, { roles: ['security'] });
  const actor = (request: Parameters<typeof clientContext>[0] & { user?: { userId: string; unit: { id: string } } }) => ({
    userId: request.user!.userId,
    unitId: request.user!.unit.id,
    ...clientContext(request, config.trustedProxies),
  });

  // Ingest lives in its own context: its bodies are read as text (JSON array or JSON Lines) with a larger limit.
  await app.register(async (ingest) => {
    ingest.removeAllContentTypeParsers();
    const asText = (_request: unknown, body: string, done: (err: Error | null, body?: unknown) => void) => {
      if (Buffer.byteLength(body, 'utf8') > MAX_BATCH_BYTES) return done(tooLarge());
      done(null, body);
    };
    ingest.addContentTypeParser(['application/json', 'application/x-ndjson', 'application/jsonl'], { parseAs: 'string', bodyLimit: MAX_BATCH_BYTES * 4 }, asText);

    ingest.post(
      '/api/log/records',
      {
        // Sending systems authenticate with a Bearer credential only; no cookies, so no CSRF check (see session.ts).
        config: { csrf: false },
        bodyLimit: MAX_BATCH_BYTES * 4,
        onRequest: async (request) => {
          const header = request.headers.authorization;
          const credential = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
          const system = credential ? await authenticateSystem(identity.db, credential) : undefined;
          if (!system) throw new ClientError(401, 'invalid_credential', 'Manglende eller ugyldig systemnøgle (Authorization: Bearer …).');
          request.logSystem = { municipality: system.municipality, key: system.key };
        },
        schema: {
          summary: 'Deliver a batch of access-log records (JSON array, or JSON Lines as application/x-ndjson); at most 10,000 records and 5 MB',
          tags: ['audit'],
          response: {
            200: z.object({ accepted: z.number(), duplicates: z.number(), rejected: z.array(z.object({ index: z.number(), id: z.string().optional(), reason: z.string() })) }),
          },
        },
      },
      async (request) => {
        const body = typeof request.body === 'string' ? request.body : '';
        const ndjson = /^application\/(x-ndjson|jsonl)/i.test(request.headers['content-type'] ?? '');
        try {
          const items = parseBatch(body, ndjson ? 'ndjson' : 'json');
          return await ingestBatch({ db: identity.db, secretKey: identity.secretKey, now: identity.now }, request.logSystem!, items);
        } catch (error) {
          if (error instanceof BatchTooLargeError) throw tooLarge();
          if (error instanceof BatchFormatError) throw new ClientError(400, 'invalid_batch', error.message);
          throw error;
        }
      },
    );
  });

  app.post(
    '/api/log/search',
    {
      preHandler: security,
      schema: {
        summary: 'Search the access log (newest first); the search itself is logged. CPR goes in the body, never the URL',
        tags: ['audit'],
        body: filtersSchema.extend({ limit: z.number().int().min(1).max(500).default(100), cursor: z.string().max(200).optional() }),
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.body;
      if (cursor && !decodeCursor(cursor)) throw new ClientError(400, 'invalid_cursor', 'Ugyldig side-markør; start søgningen forfra.', 'cursor');
      return searchAccessLogLogged(identity.db, actor(request), { ...toFilters(filters), municipality: identity.municipality, limit, cursor }, identity.now());
    },
  );

  app.post(
    '/api/log/export',
    {
      preHandler: security,
      schema: {
        summary: 'Export the access-log records matching the filters as CSV or JSON Lines; the export is logged',
        tags: ['audit'],
        body: z.object({ filters: filtersSchema.default({}), format: z.enum(['csv', 'jsonl']) }),
      },
    },
    async (request, reply) => {
      const { filters, format } = request.body;
      const lines = await exportAccessLog(identity.db, actor(request), identity.municipality, toFilters(filters), format, identity.now());
      const stamp = identity.now().toISOString().slice(0, 10).replaceAll('-', '');
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="adgangslog-${stamp}.${format}"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(lines));
    },
  );

  app.get(
    '/api/log/verify',
    { preHandler: security, schema: { summary: 'Verify the hash chain and signed checkpoints of the access log', tags: ['audit'] } },
    async () => verifyAccessLog(identity.db, identity.municipality, identity.secretKey),
  );
};
