// Starts a whole Skjold in-process for end-to-end tests: fresh database, random port, demo mode, built web app.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.ts';
import type { Database } from '../../src/db/index.ts';
import type { DemoLogin } from '../../src/modules/demo/index.ts';
import { startSkjold } from '../../src/server.ts';
import { defaultWebDir } from '../../src/http/app.ts';

/** A Skjold started for one test file. */
export interface TestSkjold {
  /** Base URL, e.g. http://localhost:41234 */
  url: string;
  /** The demo logins the demo seed created. */
  demoLogins: DemoLogin[];
  /** The running instance's own database handle (PGlite cannot be opened twice), for test set-up queries. */
  db: Kysely<Database>;
  /** Stops the server and removes its database. */
  stop(): Promise<void>;
}

/** Creates an empty database on the PostgreSQL server in DATABASE_URL; returns its URL and how to drop it. */
async function createServerDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `skjold_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Starts Skjold in demo mode on a free port with a fresh database (PGlite in a temp folder, or a new PostgreSQL database). */
export async function startTestSkjold(options: { env?: Record<string, string> } = {}): Promise<TestSkjold> {
  const webDir = resolve(defaultWebDir);
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`The web app is not built (${webDir}/index.html missing): run "npm run build:web" or use "npm run test:e2e".`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'skjold-e2e-'));
  const serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  const database = serverUrl ? await createServerDatabase(serverUrl) : undefined;
  const cleanup = async () => {
    await database?.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      PORT: '0',
      HOST: 'localhost',
      SKJOLD_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SKJOLD_MODE: 'demo',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    });
    const running = await startSkjold(config, { webDir });
    return {
      url: running.url,
      demoLogins: running.demoLogins,
      db: running.db.db,
      stop: async () => {
        try {
          await running.stop();
        } finally {
          await cleanup();
        }
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
