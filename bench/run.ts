// `npm run bench -- NAME`: runs one named benchmark outside the test suite; its figure is the last line of stdout, `NAME: …`.
import { ConfigError } from '../src/config/index.ts';
import { DatabaseUnavailableError } from '../src/db/index.ts';
import { BenchUsageError, wasInterrupted, type BenchmarkModule } from './support.ts';

/** Every benchmark by name: bench/<name>.ts, loaded only when asked for. Add new ones here. */
export const benchmarks: Record<string, { summary: string; load: () => Promise<BenchmarkModule> }> = {
  ingest: { summary: 'full ingest path (parse, validate, chain, store) in batches of 1,000 vs raw COPY of the same rows', load: () => import('./ingest.ts') },
  minlog: { summary: "p95 time for a citizen's Min log page (newest 50, unit and system names decoded) among 10 million records (scaled down on PGlite)", load: () => import('./minlog.ts') },
  'person-log': { summary: "p95 time to fetch one person's newest 100 records among 10 million (scaled down on PGlite)", load: () => import('./person-log.ts') },
  'db-write': {
    summary: 'multi-row INSERT vs the bulk path (COPY / unnest) for 100,000 access-log rows, as a ratio',
    load: () => import('./db-write.ts'),
  },
  decide: {
    summary: 'ns per single-case access decision for a user with 50 grants, vs a naive scan',
    load: () => import('./decide.ts'),
  },
  login: {
    summary: 'password logins per second through the full path vs bare argon2id verifications',
    load: () => import('./login.ts'),
  },
  monitor: { summary: 'ingest with every shipped monitoring rule running vs rules off, same data, same run', load: () => import('./monitor.ts') },
  detection: { summary: 'recall, precision and explained share of the monitoring over a synthetic month with injected misuse', load: () => import('./detection.ts') },
  workspace: {
    summary: 'authenticated case views per second through HTTP (policy, query, log write) vs the same route without the log write',
    load: () => import('./workspace.ts'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(benchmarks).map((n) => n.length));
  const lines = Object.entries(benchmarks).map(([name, b]) => `  ${name.padEnd(width)}  ${b.summary}`);
  return [
    'usage: npm run bench -- NAME',
    '',
    'benchmarks:',
    ...lines,
    '',
    'Runs against DATABASE_URL (in a scratch database created and dropped) or, without it, a fresh embedded PGlite.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const name = argv[0];
  if (name === '-h' || name === '--help') {
    console.log(usage());
    return 0;
  }
  const entry = name === undefined ? undefined : benchmarks[name];
  if (name === undefined || entry === undefined || argv.length > 1) {
    if (name !== undefined && entry === undefined) console.error(`unknown benchmark: ${name}\n`);
    if (argv.length > 1) console.error(`expected one benchmark name, got: ${argv.join(' ')}\n`);
    console.error(usage());
    return 2;
  }
  try {
    const bench = await entry.load();
    const figure = await bench.run();
    console.log(`${name}: ${figure}`);
    return 0;
  } catch (error) {
    if (wasInterrupted()) return 130;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench ${name} failed: ${message}`);
    if (error instanceof ConfigError || error instanceof BenchUsageError || error instanceof DatabaseUnavailableError) return 2;
    if (error instanceof Error && error.stack && process.env.BENCH_DEBUG) console.error(error.stack);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
