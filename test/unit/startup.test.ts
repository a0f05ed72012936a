import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

/** Starts `skjold` (src/main.ts) with the given environment; resolves when it exits. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'skjold-start-'));
    const child = execFile(tsx, ['src/main.ts'], { cwd: root, env: { PATH: process.env.PATH!, SKJOLD_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 }, (_error, stdout, stderr) =>
      done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('start-up errors: one line naming the problem, exit code 2', () => {
  let occupied: Server;
  let occupiedPort: number;
  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((r) => occupied.listen(0, '0.0.0.0', () => r()));
    occupiedPort = (occupied.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => occupied.close(() => r())));

  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['a non-numeric port', () => ({ PORT: 'abc' }), /^skjold: PORT: must be a number$/],
    ['a port out of range', () => ({ PORT: '70000' }), /^skjold: PORT: must be between 0 and 65535$/],
    ['a malformed DATABASE_URL', () => ({ DATABASE_URL: 'not a url' }), /^skjold: DATABASE_URL: is not a valid URL/],
    ['a DATABASE_URL of another scheme', () => ({ DATABASE_URL: 'mysql://root@127.0.0.1/skjold' }), /^skjold: DATABASE_URL: must start with postgres:\/\//],
    ['an unreachable database', () => ({ DATABASE_URL: 'postgres://skjold:hemmelig@127.0.0.1:1/skjold' }), /^skjold: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/skjold: /],
    ['an occupied port', () => ({ PORT: String(occupiedPort) }), /^skjold: port \d+ is already in use/],
  ];
  it.each(cases)('%s', { timeout: 60_000 }, async (_name, env, message) => {
    const result = await start(env());
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toContain('hemmelig'); // never the password from the URL
    expect(result.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
  });
});

describe('configuration', () => {
  it('defaults to demo mode on embedded PGlite at port 8080 for Stevns', () => {
    expect(loadConfig({})).toMatchObject({ port: 8080, mode: 'demo', databaseUrl: undefined, dataDir: './data', municipality: '0336', secureCookies: false });
  });
  it('refuses production without a PostgreSQL server or a secret key', () => {
    expect(() => loadConfig({ SKJOLD_MODE: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ SKJOLD_MODE: 'production', SKJOLD_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') })).toThrow(/DATABASE_URL/);
    const prod = loadConfig({ SKJOLD_MODE: 'production', SKJOLD_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'), DATABASE_URL: 'postgres://skjold@db/skjold' });
    expect(prod.secureCookies).toBe(true);
  });
  it('names the variable for an unknown municipality, a short key and a bad boolean', () => {
    expect(() => loadConfig({ SKJOLD_MUNICIPALITY: '9999' })).toThrow(/^SKJOLD_MUNICIPALITY: /);
    expect(() => loadConfig({ SKJOLD_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/^SKJOLD_SECRET_KEY: /);
    expect(() => loadConfig({ SKJOLD_SECURE_COOKIES: 'maybe' })).toThrow(/^SKJOLD_SECURE_COOKIES: /);
  });
});
