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
  /** 32-byte key sealing second-factor secrets; undefined in demo mode means a key file in dataDir. */
  secretKey: Buffer | undefined;
  /** Cookies marked Secure (and __Host- prefixed): on by default in production. */
  secureCookies: boolean;
  /** Reverse proxies whose X-Forwarded-For and X-Skjold-Workstation headers are trusted (docs/security.md). */
  trustedProxies: string[];
  /** The address users reach Skjold at: WebAuthn relying party (origin, rpID = its host name) and SSO redirect default. */
  publicUrl: string;
  /** Staff SSO over OpenID Connect; undefined (SSO off) unless SKJOLD_SSO_ISSUER is set. */
  sso: SsoConfig | undefined;
  /** The citizens' MitID OIDC broker for Min log; undefined (citizen login off) unless SKJOLD_CITIZEN_ISSUER is set. */
  citizen: CitizenBrokerConfig | undefined;
}

/** The MitID OIDC broker (NemLog-in or a certified broker) citizens log in through, and Skjold's client there. */
export interface CitizenBrokerConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Scopes asked for (default "openid profile"; a broker may need e.g. "openid mitid ssn"). */
  scope: string;
}

/** The municipality's OpenID Connect identity provider (OS2faktor, Entra ID) and Skjold's client there. */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The claim holding the Skjold user identity on a first SSO login (default preferred_username). */
  usernameClaim: string;
}

function parseHttpUrl(variable: string, value: string, options: { allowPlainHttpOnlyLocal?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, 'is not a valid URL (expected https://host/...)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(variable, `must start with https://, not ${url.protocol}//`);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (options.allowPlainHttpOnlyLocal && url.protocol === 'http:' && !local) throw new ConfigError(variable, 'must use https:// (plain http is only for localhost)');
  return url;
}

function parseSso(env: NodeJS.ProcessEnv, blank: (v: string | undefined) => string | undefined, publicUrl: string): SsoConfig | undefined {
  const issuer = blank(env.SKJOLD_SSO_ISSUER);
  if (issuer === undefined) return undefined;
  const required = (variable: string): string => {
    const value = blank(env[variable]);
    if (value === undefined) throw new ConfigError(variable, 'is required when SKJOLD_SSO_ISSUER is set');
    return value;
  };
  parseHttpUrl('SKJOLD_SSO_ISSUER', issuer, { allowPlainHttpOnlyLocal: true }); // kept verbatim: discovery compares it
  const usernameClaim = blank(env.SKJOLD_SSO_USERNAME_CLAIM) ?? 'preferred_username';
  if (!/^[\w:/.#-]{1,200}$/.test(usernameClaim)) throw new ConfigError('SKJOLD_SSO_USERNAME_CLAIM', 'must be a claim name such as preferred_username');
  return {
    issuer,
    clientId: required('SKJOLD_SSO_CLIENT_ID'),
    clientSecret: required('SKJOLD_SSO_CLIENT_SECRET'),
    redirectUri: parseHttpUrl('SKJOLD_SSO_REDIRECT_URI', blank(env.SKJOLD_SSO_REDIRECT_URI) ?? `${publicUrl}/api/auth/sso/callback`, { allowPlainHttpOnlyLocal: true }).href,
    usernameClaim,
  };
}

function parseCitizenBroker(env: NodeJS.ProcessEnv, blank: (v: string | undefined) => string | undefined, publicUrl: string): CitizenBrokerConfig | undefined {
  const issuer = blank(env.SKJOLD_CITIZEN_ISSUER);
  if (issuer === undefined) return undefined;
  const required = (variable: string): string => {
    const value = blank(env[variable]);
    if (value === undefined) throw new ConfigError(variable, 'is required when SKJOLD_CITIZEN_ISSUER is set');
    return value;
  };
  parseHttpUrl('SKJOLD_CITIZEN_ISSUER', issuer, { allowPlainHttpOnlyLocal: true });
  const scope = blank(env.SKJOLD_CITIZEN_SCOPE) ?? 'openid profile';
  if (!/^openid( [\w:/.-]+)*$/.test(scope)) throw new ConfigError('SKJOLD_CITIZEN_SCOPE', 'must be space-separated scopes starting with openid');
  return {
    issuer,
    clientId: required('SKJOLD_CITIZEN_CLIENT_ID'),
    clientSecret: required('SKJOLD_CITIZEN_CLIENT_SECRET'),
    redirectUri: parseHttpUrl('SKJOLD_CITIZEN_REDIRECT_URI', blank(env.SKJOLD_CITIZEN_REDIRECT_URI) ?? `${publicUrl}/api/citizen/callback`, { allowPlainHttpOnlyLocal: true }).href,
    scope,
  };
}

function parseSecretKey(value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('SKJOLD_SECRET_KEY', 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  return key;
}

function parseBoolean(variable: string, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(variable, 'must be true or false');
}

function parseAddressList(variable: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!/^[0-9a-fA-F:.]+$/.test(item)) throw new ConfigError(variable, `"${item}" is not an IP address`);
  }
  return items;
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
    secretKey: blank(env.SKJOLD_SECRET_KEY) === undefined ? undefined : parseSecretKey(blank(env.SKJOLD_SECRET_KEY)!),
    secureCookies: blank(env.SKJOLD_SECURE_COOKIES) === undefined ? mode === 'production' : parseBoolean('SKJOLD_SECURE_COOKIES', blank(env.SKJOLD_SECURE_COOKIES)!),
    trustedProxies: parseAddressList('SKJOLD_TRUSTED_PROXIES', blank(env.SKJOLD_TRUSTED_PROXIES) ?? ''),
    publicUrl: '',
    sso: undefined,
    citizen: undefined,
  };
  config.publicUrl = parseHttpUrl('SKJOLD_PUBLIC_URL', blank(env.SKJOLD_PUBLIC_URL) ?? `http://localhost:${config.port}`).origin;
  config.sso = parseSso(env, blank, config.publicUrl);
  config.citizen = parseCitizenBroker(env, blank, config.publicUrl);
  if (config.mode === 'production' && config.secretKey === undefined) {
    throw new ConfigError('SKJOLD_SECRET_KEY', 'is required when SKJOLD_MODE=production');
  }
  if (config.mode === 'production' && config.databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL', 'is required when SKJOLD_MODE=production (embedded PGlite is for trying Skjold out)');
  }
  return config;
}
