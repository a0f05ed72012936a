import pino, { type Logger } from 'pino';
import type { Config } from './config/index.ts';
import { migrate, openDatabase, type Db } from './db/index.ts';
import { buildApp, type SkjoldApp } from './http/app.ts';
import { ensureDemo, type DemoLogin } from './modules/demo/index.ts';
import { loadSecretKey, provisionDemoIdentity, type IdentityDeps } from './modules/identity/index.ts';

/** Raised when the HTTP port cannot be bound. */
export class PortUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PortUnavailableError';
  }
}

/** A running Skjold: its address, the demo logins (demo mode only) and how to stop it. */
export interface RunningSkjold {
  url: string;
  app: SkjoldApp;
  db: Db;
  demoLogins: DemoLogin[];
  stop(): Promise<void>;
}

/** Creates the JSON logger; application logs never carry personal data. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'skjold' } });
}

/** Starts Skjold: open and migrate the database, seed the demo in demo mode, serve HTTP. */
export async function startSkjold(config: Config, options: { logger?: Logger; webDir?: string } = {}): Promise<RunningSkjold> {
  const logger = options.logger ?? createLogger(config);
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const applied = await migrate(db.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const identity: IdentityDeps = { db: db.db, municipality: config.municipality, secretKey: loadSecretKey(config.secretKey, config.dataDir), now: () => new Date() };
    let demoLogins: DemoLogin[] = [];
    if (config.mode === 'demo') {
      demoLogins = await ensureDemo(db, { municipality: config.municipality, seed: config.demoSeed, logger });
      await provisionDemoIdentity(identity, demoLogins);
    }
    const app = await buildApp({ config, db, identity, logger, ...(options.webDir ? { webDir: options.webDir } : {}) });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await app.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new PortUnavailableError(`port ${config.port} is already in use (set PORT to a free port)`);
      if (code === 'EACCES') throw new PortUnavailableError(`no permission to listen on port ${config.port}`);
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      url: `http://localhost:${port}`,
      app,
      db,
      demoLogins,
      stop: async () => {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
