import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { createSsoService } from '../../modules/identity/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { clearCookie, cookieNames, setCookie } from '../session.ts';

const SSO_COOKIE_SECONDS = 600;
const FAILED_LOCATION = '/?login=failed';

/** Staff SSO over OpenID Connect (AUTH-1, AUTH-2): start, callback, and whether it is configured. */
export const ssoRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const sso = config.sso ? createSsoService(config.sso) : undefined;
  const names = cookieNames(config);
  const stateCookie = config.secureCookies ? '__Host-skjold_sso' : 'skjold_sso';

  // The IdP sends the browser back with a cross-site top-level GET: a SameSite=Strict cookie would not come along.
  const setStateCookie = (reply: FastifyReply, value: string) =>
    reply.setCookie(stateCookie, value, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: SSO_COOKIE_SECONDS });
  const clearStateCookie = (reply: FastifyReply) => reply.clearCookie(stateCookie, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' });

  app.get(
    '/api/auth/sso',
    { schema: { summary: 'Whether staff SSO is configured (for the start page)', tags: ['auth'], response: { 200: z.object({ enabled: z.boolean() }) } } },
    async () => ({ enabled: sso !== undefined }),
  );

  app.get('/api/auth/sso/start', { schema: { summary: "Start an SSO login: redirects to the municipality's identity provider", tags: ['auth'] } }, async (request, reply) => {
    if (!sso) return reply.redirect(FAILED_LOCATION, 302);
    try {
      const { redirectUrl, challengeToken } = await sso.begin(identity);
      setStateCookie(reply, challengeToken);
      reply.header('cache-control', 'no-store');
      return reply.redirect(redirectUrl, 302);
    } catch (error) {
      request.log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'sso start failed: identity provider unavailable');
      return reply.redirect(FAILED_LOCATION, 302);
    }
  });

  app.get('/api/auth/sso/callback', { schema: { summary: 'SSO callback from the identity provider; redirects to the web app', tags: ['auth'] } }, async (request, reply) => {
    clearStateCookie(reply);
    reply.header('cache-control', 'no-store');
    if (!sso) return reply.redirect(FAILED_LOCATION, 302);
    const rawUrl = request.raw.url ?? '';
    const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
    const result = await sso.complete(identity, clientContext(request, config.trustedProxies), request.cookies[stateCookie], query);
    if (result.status !== 'ok') return reply.redirect(FAILED_LOCATION, 302);
    clearCookie(reply, config, names.challenge);
    setCookie(reply, config, names.session, result.sessionToken);
    return reply.redirect('/', 302);
  });
};
