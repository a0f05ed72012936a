import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { beginWebauthnLogin, beginWebauthnRegistration, completeWebauthnLogin, finishWebauthnRegistration, relyingPartyFrom } from '../../modules/identity/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { clearCookie, cookieNames, requireUser, setCookie } from '../session.ts';

const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'skal være base64url');
const transports = z.array(z.string().max(32)).max(10).optional();
const credentialBase = {
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};
const registrationBody = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(65536),
    transports,
    authenticatorData: b64url(65536).optional(),
    publicKey: b64url(4096).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
});
const authenticationBody = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(4096),
    signature: b64url(1024),
    userHandle: b64url(1024).optional(),
  }),
});
const optionsResponse = z.record(z.string(), z.unknown());
const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const loginOk = z.object({ status: z.literal('ok'), restriction: z.enum(['password-change', 'mfa-enrolment']).nullable() });
const LOGIN_FAILED = 'Sikkerhedsnøglen blev ikke godkendt. Prøv igen, eller log ind forfra.';

/** WebAuthn (security keys, platform authenticators): enrolment, and login as the second factor (AUTH-2). */
export const webauthnRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const rp = relyingPartyFrom(config.publicUrl);
  const names = cookieNames(config);
  const client = (request: Parameters<typeof clientContext>[0]) => clientContext(request, config.trustedProxies);

  app.post(
    '/api/auth/webauthn/register/options',
    {
      preHandler: requireUser(identity, config, { allowRestriction: 'mfa-enrolment' }),
      schema: { summary: 'Start registering a security key: creation options with a single-use challenge', tags: ['auth'], response: { 200: optionsResponse } },
    },
    async (request) => ({ ...(await beginWebauthnRegistration(identity, rp, { userId: request.user!.userId, username: request.user!.username, sessionHash: request.user!.sessionHash })) }),
  );

  app.post(
    '/api/auth/webauthn/register/verify',
    {
      preHandler: requireUser(identity, config, { allowRestriction: 'mfa-enrolment' }),
      schema: {
        summary: 'Finish registering a security key; the first second factor returns single-use recovery codes once',
        tags: ['auth'],
        body: registrationBody,
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), 400: errorResponse },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const result = await finishWebauthnRegistration(identity, rp, client(request), { userId: user.userId, sessionHash: user.sessionHash }, request.body as RegistrationResponseJSON);
      if (!result) return reply.status(400).send({ error: { code: 'webauthn_refused', message: 'Sikkerhedsnøglen kunne ikke registreres. Prøv igen.' } });
      return result;
    },
  );

  app.post(
    '/api/auth/webauthn/login/options',
    { schema: { summary: 'Request options for the security-key step of a pending login', tags: ['auth'], response: { 200: optionsResponse, 401: errorResponse } } },
    async (request, reply) => {
      const options = await beginWebauthnLogin(identity, rp, request.cookies[names.challenge]);
      if (!options) return reply.status(401).send({ error: { code: 'login_failed', message: LOGIN_FAILED } });
      return { ...options };
    },
  );

  app.post(
    '/api/auth/webauthn/login/verify',
    { schema: { summary: 'Complete a login with a security-key assertion', tags: ['auth'], body: authenticationBody, response: { 200: loginOk, 401: errorResponse } } },
    async (request, reply) => {
      const result = await completeWebauthnLogin(identity, rp, client(request), request.cookies[names.challenge], request.body as AuthenticationResponseJSON);
      if (result.status !== 'ok') return reply.status(401).send({ error: { code: 'login_failed', message: LOGIN_FAILED } });
      clearCookie(reply, config, names.challenge);
      setCookie(reply, config, names.session, result.sessionToken);
      return { status: 'ok' as const, restriction: result.restriction };
    },
  );
};
