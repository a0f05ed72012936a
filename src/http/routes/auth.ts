import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  beginTotpEnrolment,
  changePassword,
  completeSecondFactor,
  confirmTotpEnrolment,
  endSession,
  loginWithPassword,
  redeemPasswordReset,
  unlockSession,
  WeakPasswordError,
  listNotifications,
  markNotificationRead,
  type LoginResult,
  type SessionUser,
} from '../../modules/identity/index.ts';
import type { AppDeps } from '../app.ts';
import { clientContext } from '../client.ts';
import { ClientError } from '../errors.ts';
import { clearCookie, cookieNames, requireUser, setCookie } from '../session.ts';

const userView = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  unit: z.object({ id: z.string(), name: z.string() }),
});
const loginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), restriction: z.enum(['password-change', 'mfa-enrolment']).nullable() }),
  z.object({ status: z.literal('mfa_required'), methods: z.array(z.enum(['totp', 'webauthn', 'recovery'])) }),
]);
const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const GENERIC_FAILURE = 'Forkert brugernavn eller adgangskode.';

function toView(user: SessionUser) {
  return { id: user.userId, username: user.username, name: user.name, roles: user.roles, unit: user.unit };
}

/** Login, second factor, lock screen, logout, password change and reset (AUTH-1..6). */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { identity, config } = deps;
  const names = cookieNames(config);
  const client = (request: Parameters<typeof clientContext>[0]) => clientContext(request, config.trustedProxies);

  const sendLogin = (reply: Parameters<typeof setCookie>[0], result: LoginResult, failureMessage: string) => {
    if (result.status === 'failed') return reply.status(401).send({ error: { code: 'login_failed', message: failureMessage } });
    if (result.status === 'mfa_required') {
      setCookie(reply, config, names.challenge, result.challengeToken, 300);
      return reply.send({ status: 'mfa_required' as const, methods: result.methods });
    }
    clearCookie(reply, config, names.challenge);
    setCookie(reply, config, names.session, result.sessionToken);
    return reply.send({ status: 'ok' as const, restriction: result.restriction });
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Log in with user identity and password',
        tags: ['auth'],
        body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }),
        response: { 200: loginResponse, 401: errorResponse },
      },
    },
    async (request, reply) => sendLogin(reply, await loginWithPassword(identity, client(request), request.body.username, request.body.password), GENERIC_FAILURE),
  );

  app.post(
    '/api/auth/mfa/:factor',
    {
      schema: {
        summary: 'Complete a login with a TOTP or recovery code',
        tags: ['auth'],
        params: z.object({ factor: z.enum(['totp', 'recovery']) }),
        body: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: loginResponse, 401: errorResponse },
      },
    },
    async (request, reply) =>
      sendLogin(reply, await completeSecondFactor(identity, client(request), request.cookies[names.challenge], request.params.factor, request.body.code), 'Koden blev ikke godkendt. Prøv igen, eller log ind forfra.'),
  );

  app.get(
    '/api/auth/me',
    {
      config: { activity: false },
      preHandler: requireUser(identity, config, { allowLocked: true, allowRestriction: undefined }),
      schema: { summary: 'The signed-in user and session state', tags: ['auth'], response: { 200: z.object({ user: userView, session: z.object({ locked: z.boolean(), idleTimeoutSeconds: z.number() }) }) } },
    },
    async (request) => {
      const user = request.user!;
      return { user: toView(user), session: { locked: user.locked, idleTimeoutSeconds: user.idleTimeoutSeconds } };
    },
  );

  app.post(
    '/api/auth/unlock',
    {
      preHandler: requireUser(identity, config, { allowLocked: true }),
      schema: {
        summary: 'Unlock a screen-locked session with the password (and TOTP code when the session used one)',
        tags: ['auth'],
        body: z.object({ password: z.string().min(1).max(1024), code: z.string().max(16).optional() }),
        response: { 200: z.object({ status: z.literal('ok') }), 401: errorResponse },
      },
    },
    async (request, reply) => {
      const ok = await unlockSession(identity, client(request), request.user!.sessionHash, request.body.password, request.body.code);
      if (!ok) return reply.status(401).send({ error: { code: 'unlock_failed', message: 'Adgangskoden blev ikke godkendt.' } });
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/auth/logout',
    { preHandler: requireUser(identity, config, { allowLocked: true, allowRestriction: undefined }), schema: { summary: 'Log out', tags: ['auth'] } },
    async (request, reply) => {
      await endSession(identity, request.user!.sessionHash, 'logout', client(request));
      clearCookie(reply, config, names.session);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    {
      preHandler: requireUser(identity, config, { allowRestriction: 'password-change' }),
      schema: {
        summary: 'Change your own password (ends every session)',
        tags: ['auth'],
        body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }),
        response: { 204: z.null(), 401: errorResponse },
      },
    },
    async (request, reply) => {
      try {
        const ok = await changePassword(identity, client(request), request.user!.userId, request.body.currentPassword, request.body.newPassword);
        if (!ok) return reply.status(401).send({ error: { code: 'wrong_password', message: 'Den nuværende adgangskode er forkert.' } });
      } catch (error) {
        if (error instanceof WeakPasswordError) throw new ClientError(422, 'weak_password', error.message, 'newPassword');
        throw error;
      }
      clearCookie(reply, config, names.session);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/reset',
    {
      schema: {
        summary: 'Choose a new password with a one-time reset token from an administrator',
        tags: ['auth'],
        body: z.object({ token: z.string().min(10).max(200), newPassword: z.string().min(1).max(1024) }),
        response: { 204: z.null(), 400: errorResponse },
      },
    },
    async (request, reply) => {
      try {
        const ok = await redeemPasswordReset(identity, client(request), request.body.token, request.body.newPassword);
        if (!ok) return reply.status(400).send({ error: { code: 'invalid_token', message: 'Linket til nulstilling er ugyldigt, brugt eller udløbet.' } });
      } catch (error) {
        if (error instanceof WeakPasswordError) throw new ClientError(422, 'weak_password', error.message, 'newPassword');
        throw error;
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/enrol',
    {
      preHandler: requireUser(identity, config, { allowRestriction: 'mfa-enrolment' }),
      schema: { summary: 'Start TOTP enrolment', tags: ['auth'], response: { 200: z.object({ secret: z.string(), uri: z.string() }) } },
    },
    async (request) => beginTotpEnrolment(identity, request.user!.userId, `${request.user!.username}`),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      preHandler: requireUser(identity, config, { allowRestriction: 'mfa-enrolment' }),
      schema: {
        summary: 'Confirm TOTP enrolment with a first code; returns single-use recovery codes once',
        tags: ['auth'],
        body: z.object({ code: z.string().min(1).max(16) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), 401: errorResponse },
      },
    },
    async (request, reply) => {
      const codes = await confirmTotpEnrolment(identity, client(request), request.user!.sessionHash, request.user!.userId, request.body.code);
      if (!codes) return reply.status(401).send({ error: { code: 'wrong_code', message: 'Koden passer ikke. Tjek uret på telefonen og prøv igen.' } });
      return { recoveryCodes: codes };
    },
  );

  app.get(
    '/api/notifications',
    {
      config: { activity: false },
      preHandler: requireUser(identity, config),
      schema: {
        summary: 'Notices for the signed-in user (e.g. lockouts for the security staff)',
        tags: ['auth'],
        response: { 200: z.object({ notifications: z.array(z.object({ id: z.number(), kind: z.string(), message: z.string(), createdAt: z.date(), read: z.boolean() })) }) },
      },
    },
    async (request) => ({ notifications: await listNotifications(identity, request.user!) }),
  );

  app.post(
    '/api/notifications/:id/read',
    { preHandler: requireUser(identity, config), schema: { summary: 'Mark one of your own notices read', tags: ['auth'], params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (request) => {
      if (!(await markNotificationRead(identity, request.user!.userId, request.params.id))) throw new ClientError(404, 'not_found', 'Beskeden findes ikke.');
      return { status: 'read' };
    },
  );
};
