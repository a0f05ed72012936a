import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/index.ts';
import type { IdentityDeps } from '../modules/identity/index.ts';
import { installErrorHandling, notFoundBody } from './errors.ts';
import { accessRoutes } from './routes/access.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { metaRoutes } from './routes/meta.ts';
import { ssoRoutes } from './routes/sso.ts';
import { webauthnRoutes } from './routes/webauthn.ts';
import { csrfGuard } from './session.ts';

/** What the HTTP layer needs from the composition root. */
export interface AppDeps {
  config: Config;
  db: Db;
  identity: IdentityDeps;
  logger: Logger;
  /** Folder with the built web app; served at / when it exists. */
  webDir?: string;
}

/** The Fastify instance with Zod-typed routes. */
export type SkjoldApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** The default folder of the built web app. */
export const defaultWebDir = resolve(import.meta.dirname, '../../dist/web');

/** Builds the Fastify app: security headers, validation, OpenAPI, routes and the web app. */
export async function buildApp(deps: AppDeps): Promise<SkjoldApp> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Request logs carry the route pattern, never the raw URL (which could hold search terms): see onResponse below.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // HSTS only over TLS: on whenever cookies are Secure (production behind a TLS proxy, docs/security.md).
    hsts: deps.config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Skjold API', version: '0.1.0', description: 'Data-security platform for Danish municipalities.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') && request.routeOptions.config?.csrf !== false) csrfGuard(request);
  });
  await app.register(metaRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(ssoRoutes, { deps });
  await app.register(webauthnRoutes, { deps });
  await app.register(adminRoutes, { deps });
  await app.register(accessRoutes, { deps });
  await app.register((await import('./routes/access-log.ts')).accessLogRoutes, { deps });
  await app.register((await import('./routes/workspace.ts')).workspaceRoutes, { deps });
  await app.register((await import('./routes/control.ts')).controlRoutes, { deps });
  await app.register((await import('./routes/citizen.ts')).citizenRoutes, { deps });
  await app.register((await import('./routes/sampling.ts')).samplingRoutes, { deps });
  await app.register((await import('./routes/notice.ts')).noticeRoutes, { deps });

  const webDir = deps.webDir ?? defaultWebDir;
  const serveWeb = existsSync(resolve(webDir, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  // The web app routes on the client: unknown non-API GETs get index.html; everything else a JSON 404.
  app.setNotFoundHandler((request, reply) => {
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(notFoundBody);
  });
  return app;
}
