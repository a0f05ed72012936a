// Composition root: config → database → modules → HTTP. `npm start` runs this file.
import { ConfigError, loadConfig } from './config/index.ts';
import { DatabaseUnavailableError } from './db/index.ts';
import { PortUnavailableError, createLogger, startSkjold } from './server.ts';

function fail(message: string): never {
  process.stderr.write(`skjold: ${message}\n`);
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = createLogger(config);
try {
  const skjold = await startSkjold(config, { logger });
  const lines = [`Skjold kører på ${skjold.url}  (Skjold is running at ${skjold.url})`];
  if (skjold.demoLogins.length > 0) {
    lines.push('', 'Demo-logins (kun i demo-tilstand / demo mode only):');
    for (const login of skjold.demoLogins) lines.push(`  ${login.username.padEnd(16)} ${login.password.padEnd(18)} ${login.description}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await skjold.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  if (error instanceof DatabaseUnavailableError || error instanceof PortUnavailableError || error instanceof ConfigError) fail(error.message);
  throw error;
}
