import { z } from 'zod';
import { isMunicipalityCode } from '../modules/reference/index.ts';

/** Raised when an environment variable has a value Skjold cannot run with. */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const portSchema = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** The validated configuration Skjold runs with. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; undefined means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** `demo` seeds a fictional municipality and allows demo logins; `production` never does. */
  mode: 'demo' | 'production';
  municipality: string;
  demoSeed: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

function parseDatabaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL (expected postgres://user@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new ConfigError('DATABASE_URL', 'has no host name');
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'names no database (add /DATABASE at the end)');
  return value;
}

function field<T>(variable: string, schema: z.ZodType<T>, value: string | undefined): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(variable, result.error.issues[0]?.message ?? 'is invalid');
  }
  return result.data;
}

/** Reads and validates Skjold's configuration from environment variables; throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const databaseUrl = blank(env.DATABASE_URL);
  const mode = field(
    'SKJOLD_MODE',
    z.enum(['demo', 'production'], { message: 'must be "demo" or "production"' }),
    blank(env.SKJOLD_MODE) ?? 'demo',
  );
  const municipality = blank(env.SKJOLD_MUNICIPALITY) ?? '0336';
  if (!isMunicipalityCode(municipality)) {
    throw new ConfigError('SKJOLD_MUNICIPALITY', 'must be the 4-digit code of one of the 98 Danish municipalities (e.g. 0336)');
  }
  const config: Config = {
    port: field('PORT', portSchema, blank(env.PORT) ?? '8080'),
    host: blank(env.HOST) ?? '0.0.0.0',
    databaseUrl: databaseUrl === undefined ? undefined : parseDatabaseUrl(databaseUrl),
    dataDir: blank(env.SKJOLD_DATA_DIR) ?? './data',
    mode,
    municipality,
    demoSeed: field(
      'SKJOLD_DEMO_SEED',
      z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more'),
      blank(env.SKJOLD_DEMO_SEED) ?? '1',
    ),
    logLevel: field(
      'LOG_LEVEL',
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      }),
      blank(env.LOG_LEVEL) ?? 'info',
    ),
  };
  if (config.mode === 'production' && config.databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL', 'is required when SKJOLD_MODE=production (embedded PGlite is for trying Skjold out)');
  }
  return config;
}
