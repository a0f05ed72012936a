import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { configureSchedule, drawSample, getSample, getSchedule, listSamples, replaySample, runDueSample, SamplingError, type SampleTargets, type SamplingDeps } from '../../modules/sampling/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

const targetsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all'), ids: z.array(z.string()).max(0).default([]) }),
  z.object({ kind: z.enum(['units', 'employees']), ids: z.array(z.string().min(1).max(128)).min(1).max(500) }),
]);
const scheduleSchema = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  minIntervalDays: z.number(),
  maxIntervalDays: z.number(),
  targets: z.object({ kind: z.enum(['all', 'units', 'employees']), ids: z.array(z.string()) }),
  employeesPerSample: z.number(),
  lastSampleDate: z.string().nullable(),
  nextSampleDate: z.string().nullable(),
});
const sampleSchema = z.object({
  id: z.string(),
  trigger: z.enum(['manual', 'scheduled']),
  drawnAt: z.string(),
  drawnBy: z.string(),
  sampleDate: z.string(),
  seed: z.string(),
  targets: z.object({ kind: z.enum(['all', 'units', 'employees']), ids: z.array(z.string()) }),
  employeesPerSample: z.number(),
  poolSize: z.number(),
  maxLogSeq: z.number(),
  selection: z.array(z.object({ userId: z.string(), employeeId: z.string().nullable(), caseId: z.string(), records: z.array(z.object({ seq: z.number(), time: z.string() })) })),
});

// How often the server checks whether the scheduled sample is due.
const SCHEDULE_CHECK_MS = 60 * 60_000;

function asClientError(error: unknown): never {
  if (error instanceof SamplingError) throw new ClientError(422, error.code, error.message);
  throw error;
}

/** Random sampling of the log for security staff (CTL-1): schedule, draw now, list and replay samples. */
export const samplingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const security = requireUser(identity, config, { roles: ['security'] });
  const sampling: SamplingDeps = { db: identity.db, municipality: identity.municipality, now: identity.now };

  // The scheduled draw: checked hourly while the server runs (serialised per municipality inside drawSample).
  const timer = setInterval(() => {
    runDueSample(sampling).then(
      (result) => result && app.log.info({ outcome: 'refused' in result ? `refused:${result.refused}` : 'drawn' }, 'scheduled sample'),
      (error: unknown) => app.log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'scheduled sample failed'),
    );
  }, SCHEDULE_CHECK_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.get('/api/sampling/schedule', { preValidation: security, schema: { summary: 'The sampling schedule, with the next random date (security staff only)', tags: ['sampling'], response: { 200: scheduleSchema } } }, async () =>
    getSchedule(identity.db, identity.municipality),
  );

  app.put(
    '/api/sampling/schedule',
    {
      preValidation: security,
      schema: {
        summary: 'Set the sampling schedule: targets, interval window (at most 183 days) and employees per sample',
        tags: ['sampling'],
        body: z.object({
          enabled: z.boolean(),
          minIntervalDays: z.number().int().min(1).max(183),
          maxIntervalDays: z.number().int().min(1).max(183),
          targets: targetsSchema,
          employeesPerSample: z.number().int().min(1).max(50),
        }),
        response: { 200: scheduleSchema },
      },
    },
    async (request) => {
      const actor = { userId: request.user!.userId, ...clientContext(request, config.trustedProxies) };
      return configureSchedule(identity.db, identity.municipality, { ...request.body, targets: request.body.targets as SampleTargets }, actor, identity.now()).catch(asClientError);
    },
  );

  app.get('/api/sampling/samples', { preValidation: security, schema: { summary: 'Drawn samples, newest first', tags: ['sampling'], response: { 200: z.object({ samples: z.array(sampleSchema) }) } } }, async () => ({
    samples: await listSamples(identity.db, identity.municipality),
  }));

  app.post(
    '/api/sampling/samples',
    {
      preValidation: security,
      schema: {
        summary: 'Draw a sample now; refused with a reason (nothing stored) when the targets have no employees or no lookups',
        tags: ['sampling'],
        body: z.object({
          sampleDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
          targets: targetsSchema.optional(),
          employeesPerSample: z.number().int().min(1).max(50).optional(),
        }),
        response: { 201: sampleSchema },
      },
    },
    async (request, reply) => {
      const { sampleDate, targets, employeesPerSample } = request.body;
      const sample = await drawSample(sampling, {
        actorId: request.user!.userId,
        trigger: 'manual',
        ...(sampleDate ? { sampleDate } : {}),
        ...(targets ? { targets: targets as SampleTargets } : {}),
        ...(employeesPerSample ? { employeesPerSample } : {}),
      }).catch(asClientError);
      return reply.status(201).send(sample);
    },
  );

  app.get(
    '/api/sampling/samples/:id',
    {
      preValidation: security,
      schema: {
        summary: 'One sample, with a replay from its recorded seed (audit: the same seed gives the same selection)',
        tags: ['sampling'],
        params: z.object({ id: z.string().max(64) }),
        response: { 200: z.object({ sample: sampleSchema, replayMatches: z.boolean() }) },
      },
    },
    async (request) => {
      const sample = await getSample(identity.db, identity.municipality, request.params.id);
      if (!sample) throw new ClientError(404, 'not_found', 'Stikprøven findes ikke.');
      const replay = await replaySample(identity.db, identity.municipality, sample.id);
      return { sample, replayMatches: replay?.matches ?? false };
    },
  );
};
