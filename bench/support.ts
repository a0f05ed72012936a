// Shared helpers for benchmarks: a scratch database on the configured engine, timing, repeated measurement, printing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/index.ts';
import { DatabaseUnavailableError, migrate, openDatabase, type Db } from '../src/db/index.ts';

/** A migrated scratch database for one benchmark run, with a human-readable engine label. */
export interface ScratchDb extends Db {
  /** E.g. `pglite (PostgreSQL 17.5)` or `postgresql 15.20`. */
  engine: string;
}

/**
 * Opens a fresh, migrated scratch database on whichever engine is configured, hands it to `fn`, and always removes it.
 * DATABASE_URL set: `CREATE DATABASE skjold_bench_<random>` on that server, dropped afterwards (also on failure or Ctrl-C).
 * Otherwise: a fresh PGlite persisted in a temporary folder (BENCH_PGLITE=memory keeps it in memory), deleted afterwards.
 */
export async function withScratchDb<T>(fn: (db: ScratchDb) => Promise<T>): Promise<T> {
  const { databaseUrl } = loadConfig();
  let cleanup: () => Promise<void> = async () => undefined;
  let cleaned = false;
  const cleanOnce = async () => {
    if (cleaned) return;
    cleaned = true;
    await cleanup();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    log(`bench: ${signal}, removing the scratch database`);
    void cleanOnce().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let scratch: ScratchDb;
    if (databaseUrl) {
      const name = `skjold_bench_${randomBytes(6).toString('hex')}`;
      await adminQuery(databaseUrl, `CREATE DATABASE ${name}`);
      let db: Db | undefined;
      cleanup = async () => {
        await db?.close().catch(() => undefined);
        await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      };
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      db = await openDatabase({ url: url.toString(), poolSize: 2 });
      const version = await serverVersion(db);
      scratch = { ...db, engine: `postgresql ${version}` };
    } else {
      const inMemory = process.env.BENCH_PGLITE === 'memory';
      const dir = inMemory ? undefined : mkdtempSync(join(tmpdir(), 'skjold-bench-'));
      let db: Db | undefined;
      cleanup = async () => {
        await db?.close().catch(() => undefined);
        if (dir) rmSync(dir, { recursive: true, force: true });
      };
      if (dir) {
        db = await openDatabase({ dataDir: dir });
      } else {
        const { PGlite } = await import('@electric-sql/pglite');
        db = await openDatabase({ pglite: await PGlite.create() });
      }
      const version = await serverVersion(db);
      scratch = { ...db, engine: `pglite${inMemory ? ' in memory' : ''} (PostgreSQL ${version})` };
    }
    await migrate(scratch.db);
    log(`bench: scratch database on ${scratch.engine}`);
    return await fn(scratch);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanOnce();
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`cannot connect to the PostgreSQL server in DATABASE_URL: ${reason}`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function serverVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(db.db);
  return (rows[0]?.server_version ?? 'unknown').split(' ')[0] ?? 'unknown';
}

let interrupted = false;

/** True once Ctrl-C or SIGTERM arrived: the run is being torn down, and errors from in-flight queries are expected. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/** The monotonic clock in nanoseconds. */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** Runs `fn` once and returns how long it took, in milliseconds. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = now();
  await fn();
  return Number(now() - start) / 1e6;
}

/** Runs `fn` `times` times without measuring, to warm JIT, caches and connections. */
export async function warmUp(fn: () => Promise<unknown>, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await fn();
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Repeated timings of one operation, in milliseconds, and their median. */
export interface Measurement {
  samples: number[];
  median: number;
}

/** How to repeat a measurement: warm-up runs, measured runs, and an untimed step before each run (e.g. TRUNCATE). */
export interface MeasureOptions {
  warmup?: number;
  repeats?: number;
  before?: () => Promise<unknown>;
}

/** Warms up, then times `fn` `repeats` times (running `before` untimed before each) and returns the samples and median. */
export async function measure(fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Measurement> {
  const { warmup = 1, repeats = 5, before } = options;
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    await before?.();
    samples.push(await time(fn));
  }
  return { samples, median: median(samples) };
}

/** A baseline and a candidate measured in alternating rounds, with the median of the per-round time ratios. */
export interface Comparison {
  baseline: Measurement;
  candidate: Measurement;
  /** baseline time / candidate time, per round: above 1 means the candidate is faster. */
  speedups: number[];
  /** The median of `speedups`. */
  speedup: number;
}

/**
 * Measures a candidate against a baseline in the same run, alternating them round by round so that
 * noise on a shared machine hits both alike; the figure to report is the median per-round speedup.
 */
export async function compare(
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
  options: MeasureOptions & { onRound?: (round: number, baselineMs: number, candidateMs: number) => void } = {},
): Promise<Comparison> {
  const { warmup = 1, repeats = 5, before, onRound } = options;
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await baseline();
    await before?.();
    await candidate();
  }
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < repeats; i++) {
    await before?.();
    const bt = await time(baseline);
    await before?.();
    const ct = await time(candidate);
    b.push(bt);
    c.push(ct);
    onRound?.(i + 1, bt, ct);
  }
  const speedups = b.map((bt, i) => bt / c[i]!);
  return {
    baseline: { samples: b, median: median(b) },
    candidate: { samples: c, median: median(c) },
    speedups,
    speedup: median(speedups),
  };
}

/** Items per second for `count` items done in `ms` milliseconds. */
export function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

/** A rate as a whole number (no separators, so the last line stays easy to parse). */
export function formatRate(value: number): string {
  return String(Math.round(value));
}

/** A ratio with two decimals. */
export function formatRatio(value: number): string {
  return value.toFixed(2);
}

/** Progress and detail for humans, on stderr, so a benchmark's figure stays the last line of stdout. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A positive whole number from an environment variable (e.g. BENCH_ROWS), or the default. */
export function intFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new BenchUsageError(`${variable} must be a positive whole number`);
  return value;
}

/** A benchmark was asked for something it cannot do (bad environment value); run.ts exits 2 with the message. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

/** What every bench/<name>.ts exports: a one-line description and `run()`, which resolves to the figure (without the `NAME: ` prefix). */
export interface BenchmarkModule {
  description: string;
  run(): Promise<string>;
}
