import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addDocument, createCase, deleteCase, deriveRefKey, getCase, getCitizen, printCase, RecordsError, searchCitizens, updateCase, SEARCH_TEXT_MAX, CITIZEN_CASES_MAX,
  type RecordsContext,
} from '../../modules/records/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { requireUser } from '../session.ts';

/** Internal options of the workspace routes: `workspaceAccessLog: false` (benchmark only) switches off the log write. */
export type WorkspaceDeps = AppDeps & { workspaceAccessLog?: boolean };

// Lengths are checked here only loosely (well above any valid value) so that the services give the precise reason.
const purpose = z.string().max(200).optional();
const caseId = z.object({ caseId: z.string().min(1).max(100).regex(/^[\w.:-]+$/, 'is not a case id') });
const ref = z.object({ ref: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'is not a citizen reference') });
const cprText = z.string().max(20);
const searchText = z.string().max(SEARCH_TEXT_MAX * 2);

/** The citizen-service workspace (issue 4 item 1): find citizens, see and change cases; every call authorized and logged. */
export const workspaceRoutes: FastifyPluginAsyncZod<{ deps: WorkspaceDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const staff = requireUser(identity, config);
  const refKey = deriveRefKey(identity.secretKey);
  const accessLog = deps.workspaceAccessLog !== false;
  const tags = ['workspace'];

  const ctx = (request: FastifyRequest): RecordsContext => {
    const user = request.user!;
    return {
      db: identity.db,
      municipality: identity.municipality,
      user: { municipality: identity.municipality, userId: user.userId, unitId: user.unit.id, roles: user.roles, username: user.username },
      client: clientContext(request, config.trustedProxies),
      now: identity.now(),
      refKey,
      accessLog,
    };
  };
  const present = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof RecordsError) throw new ClientError(error.status, error.code, error.message, error.field);
      throw error;
    }
  };

  app.post(
    '/api/workspace/citizens/search',
    {
      preHandler: staff,
      schema: { summary: 'Search citizens by CPR (exact) or by name and/or address (logged per person shown)', tags, body: z.object({ cpr: cprText.optional(), name: searchText.optional(), address: searchText.optional(), purpose }) },
    },
    async (request) => present(searchCitizens(ctx(request), request.body)),
  );

  app.post(
    '/api/workspace/citizens/lookup',
    { preHandler: staff, schema: { summary: 'Open a citizen by CPR number (in the body, never in a URL)', tags, body: z.object({ cpr: cprText, purpose }) } },
    async (request) => present(getCitizen(ctx(request), { cpr: request.body.cpr }, { purpose: request.body.purpose })),
  );

  app.get(
    '/api/workspace/citizens/:ref',
    {
      preHandler: staff,
      schema: {
        summary: 'A citizen and the cases the user may know of',
        tags,
        params: ref,
        querystring: z.object({ purpose, limit: z.coerce.number().int().min(1).max(CITIZEN_CASES_MAX).default(100), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
      },
    },
    async (request) => present(getCitizen(ctx(request), { ref: request.params.ref }, request.query)),
  );

  app.post(
    '/api/workspace/cases',
    {
      preHandler: staff,
      schema: {
        summary: 'Open a case for a citizen (enter right on its case type)',
        tags,
        body: z.object({
          citizenRef: ref.shape.ref,
          kle: z.string().max(20),
          title: z.string().trim().min(1).max(300),
          facet: z.string().max(10).optional(),
          authority: z.string().max(100).optional(),
          responsibleUnitId: z.string().min(1).max(100).optional(),
          assignedEmployeeId: z.string().min(1).max(100).nullable().optional(),
          purpose,
        }),
      },
    },
    async (request, reply) => {
      const view = await present(createCase(ctx(request), request.body));
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/workspace/cases/:caseId',
    { preHandler: staff, schema: { summary: 'One case at the level the user may see (404 when it may not be known)', tags, params: caseId, querystring: z.object({ purpose }) } },
    async (request) => present(getCase(ctx(request), request.params.caseId, request.query)),
  );

  app.patch(
    '/api/workspace/cases/:caseId',
    {
      preHandler: staff,
      schema: {
        summary: 'Change status, title or assignee (enter right)',
        tags,
        params: caseId,
        body: z.object({ status: z.enum(['open', 'closed']).optional(), title: z.string().trim().min(1).max(300).optional(), assignedEmployeeId: z.string().min(1).max(100).nullable().optional(), purpose }),
      },
    },
    async (request) => present(updateCase(ctx(request), request.params.caseId, request.body)),
  );

  app.post(
    '/api/workspace/cases/:caseId/documents',
    {
      preHandler: staff,
      schema: { summary: 'Add a document to a case (enter right)', tags, params: caseId, body: z.object({ title: z.string().trim().min(1).max(300), body: z.string().max(200_000), purpose }) },
    },
    async (request, reply) => {
      const doc = await present(addDocument(ctx(request), request.params.caseId, request.body));
      return reply.status(201).send(doc);
    },
  );

  app.delete(
    '/api/workspace/cases/:caseId',
    { preHandler: staff, schema: { summary: 'Delete a case and its documents (delete right)', tags, params: caseId, querystring: z.object({ purpose }) } },
    async (request) => present(deleteCase(ctx(request), request.params.caseId, request.query)),
  );

  app.get(
    '/api/workspace/cases/:caseId/print',
    { preHandler: staff, schema: { summary: 'A case with its documents, ready to print (print right)', tags, params: caseId, querystring: z.object({ purpose }) } },
    async (request) => present(printCase(ctx(request), request.params.caseId, request.query)),
  );
};
