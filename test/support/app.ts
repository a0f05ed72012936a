// Builds Skjold's HTTP app over a test database, for inject()-based route tests.
import pino from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { buildApp, type SkjoldApp } from '../../src/http/app.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import type { TestDb } from './db.ts';

/** The app with logging off, no web folder, the given identity deps. */
export async function buildTestApp(db: TestDb, identity: IdentityDeps, env: Record<string, string> = {}): Promise<SkjoldApp> {
  const config = loadConfig({ SKJOLD_MODE: 'demo', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ config, db, identity, logger: pino({ level: 'silent' }), webDir: '/nonexistent' });
  await app.ready();
  return app;
}

/** Headers a same-origin browser request carries. */
export const sameOrigin = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' } as const;

/** Extracts `name=value` for the given cookie from a response's set-cookie headers. */
export function cookieFrom(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const hit = all.find((c) => c.startsWith(`${name}=`));
  return hit?.split(';')[0];
}
