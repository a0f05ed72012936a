import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { acknowledgeNotice, getNoticeInterval, MAX_NOTICE_INTERVAL_MONTHS, MIN_NOTICE_INTERVAL_MONTHS, NoticeVersionError, noticeStatus, setNoticeInterval } from '../../modules/instruction/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

const statusSchema = z.object({
  due: z.boolean(),
  version: z.number(),
  title: z.string(),
  paragraphs: z.array(z.string()),
  intervalMonths: z.number(),
  lastAcknowledgedAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
});

/** The recurring logging notice (CTL-4, INS-3): status and acknowledgement for every employee, interval for security/IT. */
export const noticeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const user = requireUser(identity, config);
  const admins = requireUser(identity, config, { roles: ['security', 'it-admin'] });

  app.get('/api/notice/status', { preValidation: user, config: { activity: false }, schema: { summary: 'Whether the signed-in user must acknowledge the logging notice now, with its Danish text', tags: ['notice'], response: { 200: statusSchema } } }, async (request) => {
    const status = await noticeStatus(identity.db, identity.municipality, request.user!.userId, identity.now());
    return { ...status, paragraphs: [...status.paragraphs] };
  });

  app.post(
    '/api/notice/acknowledge',
    { preValidation: user, schema: { summary: 'Acknowledge the logging notice (the version shown)', tags: ['notice'], body: z.object({ version: z.number().int() }), response: { 200: statusSchema } } },
    async (request) => {
      try {
        const status = await acknowledgeNotice(identity.db, identity.municipality, request.user!.userId, request.body.version, identity.now());
        return { ...status, paragraphs: [...status.paragraphs] };
      } catch (error) {
        if (error instanceof NoticeVersionError) throw new ClientError(409, 'notice_changed', error.message);
        throw error;
      }
    },
  );

  app.get('/api/notice/settings', { preValidation: admins, schema: { summary: 'How often employees must acknowledge the notice', tags: ['notice'], response: { 200: z.object({ intervalMonths: z.number() }) } } }, async () => ({
    intervalMonths: await getNoticeInterval(identity.db, identity.municipality),
  }));

  app.put(
    '/api/notice/settings',
    {
      preValidation: admins,
      schema: {
        summary: 'Set how often employees must acknowledge the notice (1–12 months)',
        tags: ['notice'],
        body: z.object({ intervalMonths: z.number().int().min(MIN_NOTICE_INTERVAL_MONTHS).max(MAX_NOTICE_INTERVAL_MONTHS) }),
        response: { 200: z.object({ intervalMonths: z.number() }) },
      },
    },
    async (request) => ({
      intervalMonths: await setNoticeInterval(identity.db, identity.municipality, request.body.intervalMonths, { userId: request.user!.userId, ...clientContext(request, config.trustedProxies) }, identity.now()),
    }),
  );
};
