import { createServer } from 'node:net';
import pino, { type Logger } from 'pino';
import type { Config } from './config/index.ts';
import { migrate, openDatabase, type Db } from './db/index.ts';
import { buildApp, type SkjoldApp } from './http/app.ts';
import { defaultHiddenCaseTypes, ensureDefaultHiddenCaseTypes } from './modules/access/index.ts';
import { accessLogMaintenance, ensureSystem, SKJOLD_SYSTEM_KEY } from './modules/audit/index.ts';
import { startMonitor } from './modules/control/index.ts';
import { ensureDemo, type DemoLogin } from './modules/demo/index.ts';
import { loadSecretKey, type IdentityDeps } from './modules/identity/index.ts';

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

function portError(code: string | undefined, port: number): Error | undefined {
  if (code === 'EADDRINUSE') return new PortUnavailableError(`port ${port} is already in use (set PORT to a free port)`);
  if (code === 'EACCES') return new PortUnavailableError(`no permission to listen on port ${port}`);
  return undefined;
}

/** Fails fast, before the database work, when the port is taken. */
async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(portError(error.code, port) ?? error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

const MAINTENANCE_INTERVAL_MS = 60 * 60_000;

/** Runs the access log's maintenance (partitions ahead, checkpoints, retention) now and hourly; state is in the database. */
function startLogMaintenance(deps: Parameters<typeof accessLogMaintenance>[0], logger: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = accessLogMaintenance(deps).catch((error: unknown) => logger.error({ err: { type: (error as Error).name } }, 'access log maintenance failed'));
  };
  run();
  const timer = setInterval(run, MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** Creates the JSON logger; application logs never carry personal data. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'skjold' } });
}

/** Starts Skjold: open and migrate the database, seed the demo in demo mode, serve HTTP. */
export async function startSkjold(config: Config, options: { logger?: Logger; webDir?: string } = {}): Promise<RunningSkjold> {
  const logger = options.logger ?? createLogger(config);
  await assertPortFree(config.port, config.host);
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const applied = await migrate(db.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const identity: IdentityDeps = { db: db.db, municipality: config.municipality, secretKey: loadSecretKey(config.secretKey, config.dataDir), now: () => new Date() };
    await ensureDefaultHiddenCaseTypes(db.db, config.municipality, defaultHiddenCaseTypes);
    await ensureSystem(db.db, config.municipality, SKJOLD_SYSTEM_KEY, 'Skjold');
    let demoLogins: DemoLogin[] = [];
    if (config.mode === 'demo') {
      demoLogins = await ensureDemo(db, { municipality: config.municipality, seed: config.demoSeed, logger });
    }
    const app = await buildApp({ config, db, identity, logger, ...(options.webDir ? { webDir: options.webDir } : {}) });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await app.close();
      throw portError((error as NodeJS.ErrnoException).code, config.port) ?? error;
    }
    const maintenance = startLogMaintenance({ db: db.db, secretKey: identity.secretKey, now: identity.now }, logger);
    // Monitoring rules run as records arrive (polling the log; several processes take turns), reminders hourly.
    const monitor = startMonitor({ db: db.db, municipalities: [config.municipality], logger });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      url: `http://localhost:${port}`,
      app,
      db,
      demoLogins,
      stop: async () => {
        await monitor.stop();
        await maintenance.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
