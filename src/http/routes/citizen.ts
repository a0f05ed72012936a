import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  checkCitizenSession,
  CITIZEN_IDLE_MINUTES,
  CitizenRequestError,
  createCitizenBroker,
  endCitizenSession,
  MAX_REQUEST_MESSAGE,
  minLogCsv,
  minLogPdf,
  readMinLog,
  readWholeMinLog,
  submitCitizenRequest,
  type CitizenDeps,
  type CitizenSession,
} from '../../modules/citizen/index.ts';
import type { AppDeps } from '../app.ts';
import { ClientError } from '../errors.ts';

const STATE_COOKIE_SECONDS = 600;
const PAGE = '/minlog';

const entrySchema = z.object({ time: z.string(), timeText: z.string(), unit: z.string(), system: z.string(), purpose: z.string(), action: z.string() });

/** Min log for citizens (CTL-5, CIT-1, CIT-2): MitID login through the broker, the log, downloads and formal requests. */
export const citizenRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { config, identity } = deps;
  const broker = config.citizen ? createCitizenBroker(config.citizen) : undefined;
  const citizen: CitizenDeps = { db: identity.db, municipality: identity.municipality, secretKey: identity.secretKey, now: identity.now };
  // Own cookies, never the staff session's: a citizen session cannot reach staff routes and vice versa.
  const sessionCookie = config.secureCookies ? '__Host-skjold_citizen' : 'skjold_citizen';
  const stateCookie = config.secureCookies ? '__Host-skjold_citizen_sso' : 'skjold_citizen_sso';
  const cookieBase = { httpOnly: true, secure: config.secureCookies, path: '/' } as const;

  // Min log answers hold personal data: never cached (the plugin's hooks apply only to its own routes).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  /** The citizen of this request, from the session cookie only (401 otherwise). */
  const requireCitizen = async (request: FastifyRequest): Promise<CitizenSession> => {
    const session = await checkCitizenSession(citizen, request.cookies[sessionCookie]);
    if (!session) throw new ClientError(401, 'not_authenticated', 'Du er ikke logget ind med MitID, eller du har været inaktiv for længe.');
    return session;
  };

  app.get('/api/citizen/login', { schema: { summary: 'Start a MitID login for Min log: redirects to the broker', tags: ['citizen'] } }, async (request, reply) => {
    if (!broker) return reply.redirect(`${PAGE}?login=unavailable`, 302);
    try {
      const { redirectUrl, challengeToken } = await broker.begin(citizen);
      // The broker sends the browser back cross-site: Lax, or the cookie would not come along.
      reply.setCookie(stateCookie, challengeToken, { ...cookieBase, sameSite: 'lax', maxAge: STATE_COOKIE_SECONDS });
      return reply.redirect(redirectUrl, 302);
    } catch (error) {
      request.log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'citizen login start failed: broker unavailable');
      return reply.redirect(`${PAGE}?login=unavailable`, 302);
    }
  });

  app.get('/api/citizen/callback', { schema: { summary: 'Callback from the MitID broker; redirects to Min log', tags: ['citizen'] } }, async (request, reply) => {
    reply.clearCookie(stateCookie, { ...cookieBase, sameSite: 'lax' });
    if (!broker) return reply.redirect(`${PAGE}?login=unavailable`, 302);
    const rawUrl = request.raw.url ?? '';
    const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
    const result = await broker.complete(citizen, request.cookies[stateCookie], query);
    if (result.status !== 'ok') return reply.redirect(`${PAGE}?login=${result.reason === 'assurance' ? 'niveau' : 'failed'}`, 302);
    reply.setCookie(sessionCookie, result.sessionToken, { ...cookieBase, sameSite: 'strict' });
    return reply.redirect(PAGE, 302);
  });

  app.get(
    '/api/citizen/session',
    { schema: { summary: 'Whether a citizen is signed in to Min log, and whether MitID login is available', tags: ['citizen'], response: { 200: z.object({ signedIn: z.boolean(), loginAvailable: z.boolean(), idleMinutes: z.number() }) } } },
    async (request) => {
      const session = await checkCitizenSession(citizen, request.cookies[sessionCookie]);
      return { signedIn: session !== undefined, loginAvailable: broker !== undefined, idleMinutes: CITIZEN_IDLE_MINUTES };
    },
  );

  app.post('/api/citizen/logout', { schema: { summary: 'Log the citizen out of Min log', tags: ['citizen'], response: { 204: z.null() } } }, async (request, reply) => {
    const session = await checkCitizenSession(citizen, request.cookies[sessionCookie]);
    if (session) await endCitizenSession(citizen, session.tokenHash, 'logout');
    reply.clearCookie(sessionCookie, { ...cookieBase, sameSite: 'strict' });
    return reply.status(204).send(null);
  });

  app.get(
    '/api/citizen/log',
    {
      schema: {
        summary: "The signed-in citizen's Min log, newest first (50 per page); the CPR number comes only from the session",
        tags: ['citizen'],
        // Unknown parameters (e.g. a cpr someone adds) are stripped by the schema and never reach the query.
        querystring: z.object({ cursor: z.string().max(100).optional() }),
        response: { 200: z.object({ entries: z.array(entrySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const session = await requireCitizen(request);
      return readMinLog(identity.db, identity.municipality, session.cpr, request.query.cursor ? { cursor: request.query.cursor } : {});
    },
  );

  app.get('/api/citizen/log.csv', { schema: { summary: 'Min log as CSV (semicolon-separated, UTF-8)', tags: ['citizen'] } }, async (request, reply) => {
    const session = await requireCitizen(request);
    const entries = await readWholeMinLog(identity.db, identity.municipality, session.cpr);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="min-log.csv"');
    return minLogCsv(entries);
  });

  app.get('/api/citizen/log.pdf', { schema: { summary: 'Min log as PDF', tags: ['citizen'] } }, async (request, reply) => {
    const session = await requireCitizen(request);
    const entries = await readWholeMinLog(identity.db, identity.municipality, session.cpr);
    const municipality = await identity.db.selectFrom('municipality').select('name').where('code', '=', identity.municipality).executeTakeFirst();
    reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="min-log.pdf"');
    return reply.send(minLogPdf(entries, { municipalityName: municipality ? `${municipality.name} Kommune` : 'Kommunen', generatedAt: identity.now() }));
  });

  app.post(
    '/api/citizen/requests',
    {
      schema: {
        summary: 'Ask formally for access to the log (indsigt) or for rectification; returns a receipt',
        tags: ['citizen'],
        body: z.object({ kind: z.enum(['access', 'rectification']), message: z.string().max(MAX_REQUEST_MESSAGE).optional() }),
        response: { 201: z.object({ reference: z.string(), kind: z.enum(['access', 'rectification']), receivedAt: z.string(), message: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      const session = await requireCitizen(request);
      try {
        const receipt = await submitCitizenRequest(citizen, session.cpr, request.body.kind, request.body.message ?? null);
        return reply.status(201).send(receipt);
      } catch (error) {
        if (error instanceof CitizenRequestError) throw new ClientError(422, 'invalid_request', error.message, 'message');
        throw error;
      }
    },
  );
};
