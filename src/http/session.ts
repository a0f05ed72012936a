import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Config } from '../config/index.ts';
import { checkSession, type IdentityDeps, type SessionRestriction, type SessionUser } from '../modules/identity/index.ts';
import type { Role } from '../modules/identity/roles.ts';
import { ClientError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, set by requireUser. */
    user?: SessionUser;
  }
  interface FastifyContextConfig {
    /** false for heartbeats and polling: they do not keep a session from locking (AUTH-6). */
    activity?: boolean;
    /** false only for machine endpoints that authenticate with a Bearer credential and never read cookies. */
    csrf?: boolean;
  }
}

/** Cookie names; the __Host- prefix (Secure, Path=/, no Domain) whenever cookies are Secure. */
export function cookieNames(config: Pick<Config, 'secureCookies'>): { session: string; challenge: string } {
  return config.secureCookies ? { session: '__Host-skjold_session', challenge: '__Host-skjold_mfa' } : { session: 'skjold_session', challenge: 'skjold_mfa' };
}

/** Sets an HttpOnly, SameSite=Strict cookie (Secure when configured). */
export function setCookie(reply: FastifyReply, config: Pick<Config, 'secureCookies'>, name: string, value: string, maxAgeSeconds?: number): void {
  reply.setCookie(name, value, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/', ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) });
}

/** Removes a cookie set by setCookie. */
export function clearCookie(reply: FastifyReply, config: Pick<Config, 'secureCookies'>, name: string): void {
  reply.clearCookie(name, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' });
}

/** Options for requireUser: roles any of which admits, and a restriction the route serves (e.g. the password change). */
export interface RequireUserOptions {
  roles?: readonly Role[];
  allowRestriction?: SessionRestriction;
  /** Serve a locked session too (only the unlock route). */
  allowLocked?: boolean;
}

/** A preHandler that admits only a valid, unlocked, unrestricted session (401, 423 locked, 403 otherwise). */
export function requireUser(identity: IdentityDeps, config: Pick<Config, 'secureCookies'>, options: RequireUserOptions = {}): preHandlerHookHandler {
  const names = cookieNames(config);
  return async (request: FastifyRequest) => {
    const activity = request.routeOptions.config.activity !== false;
    const check = await checkSession(identity, request.cookies[names.session], { activity });
    if (check.status === 'none') throw new ClientError(401, 'not_authenticated', 'Du er ikke logget ind.');
    if (check.status === 'locked' && !options.allowLocked) throw new LockedError();
    const user = check.user;
    if (user.restriction && user.restriction !== options.allowRestriction) {
      throw new ClientError(403, user.restriction === 'password-change' ? 'password_change_required' : 'mfa_enrolment_required', user.restriction === 'password-change' ? 'Du skal vælge en ny adgangskode.' : 'Du skal tilknytte en ekstra faktor (to-faktor-login).');
    }
    if (options.roles && !options.roles.some((r) => user.roles.includes(r))) throw new ClientError(403, 'forbidden', 'Du har ikke adgang til denne funktion.');
    request.user = user;
  };
}

/** The session is screen-locked: HTTP 423 until the password is typed again. */
export class LockedError extends ClientError {
  constructor() {
    super(423, 'session_locked', 'Skærmen er låst. Indtast din adgangskode igen.');
  }
}

/** Rejects state-changing requests that do not come from Skjold's own pages (CSRF, AUTH-9). */
export function csrfGuard(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  if (request.headers.authorization?.startsWith('Bearer ')) return; // machine clients: no ambient credentials
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site === 'same-origin') return;
    throw new ClientError(403, 'csrf', 'Forespørgslen kom ikke fra Skjolds egne sider.');
  }
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (origin && host) {
    try {
      if (new URL(origin).host === host) return;
    } catch {
      /* malformed Origin: refused below */
    }
  }
  throw new ClientError(403, 'csrf', 'Forespørgslen kom ikke fra Skjolds egne sider.');
}
