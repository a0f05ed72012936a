// `workspace`: authenticated case views per second through HTTP (session check, policy, case query, access-log
// write), against the very same route with the access-log write switched off (an internal deps flag the benchmark
// alone sets; no HTTP client can reach it). Both apps share one database and alternate round by round.
import pino from 'pino';
import { loadConfig } from '../src/config/index.ts';
import { buildApp, type SkjoldApp } from '../src/http/app.ts';
import type { WorkspaceDeps } from '../src/http/routes/workspace.ts';
import { ensureAccountsForEmployees, provisionPassword, type IdentityDeps } from '../src/modules/identity/index.ts';
import { compare, formatRate, formatRatio, intFromEnv, log, perSecond, withScratchDb } from './support.ts';

/** What this benchmark measures. */
export const description = 'authenticated case views per second through HTTP, with vs without the access-log write';

const M = '0336';
const PASSWORD = 'Kaffe-og-rugbrod-2026';
const CITIZENS = 500;
const CASES_PER_CITIZEN = 4;

async function inParallel(total: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await fn(next++);
  }));
}

/** Runs the benchmark and returns its figure. */
export async function run(): Promise<string> {
  const requests = intFromEnv('BENCH_REQUESTS', 1000);
  const concurrency = intFromEnv('BENCH_CONCURRENCY', 8);
  const repeats = intFromEnv('BENCH_REPEATS', 5);
  return withScratchDb(async (scratch) => {
    const db = scratch.db;
    const identity: IdentityDeps = { db, municipality: M, secretKey: Buffer.alloc(32, 3), now: () => new Date() };
    await db.insertInto('municipality').values({ code: M, name: 'Stevns' }).execute();
    await db.insertInto('org_unit').values({ municipality: M, id: 'bs', name: 'Borgerservice', parent_id: null, serves_authority: null }).execute();
    await db.insertInto('employee').values({ municipality: M, id: 'u1', username: 'bench1', full_name: 'Bench Bruger', cpr: '6701901001', unit_id: 'bs', manager_id: null, title: 'Sagsbehandler', street: 'Vej 1', postcode: '4660', city: 'Store Heddinge', employed_from: '2020-01-01', employed_until: null }).execute();
    await ensureAccountsForEmployees(db, M);
    await provisionPassword(identity, 'u1', PASSWORD, { mustChange: false });
    await db.insertInto('auth_policy').values({ municipality: M, mfa_policy: 'untrusted-network', trusted_networks: ['127.0.0.0/8'], idle_timeout_minutes: 20 }).execute();
    const kles = ['32.03.12', '32.06.04', '23.05.00', '34.10.30', '85.15.03'];
    await db.insertInto('hidden_case_type').values({ municipality: M, kle: '34.10.30', reason: 'Underretninger' }).execute();
    const citizens = Array.from({ length: CITIZENS }, (_, i) => ({ municipality: M, cpr: `67019${String(10000 + i).slice(-5)}`, first_name: `Borger${i}`, last_name: 'Bench', street: `Vej ${i}`, postcode: '4660', city: 'Store Heddinge', home_municipality: M, household_id: `h${i}`, deceased_on: null }));
    await db.insertInto('citizen').values(citizens).execute();
    const caseRows = citizens.flatMap((c, i) => Array.from({ length: CASES_PER_CITIZEN }, (_, j) => ({ municipality: M, id: `c${i}-${j}`, case_number: `n${i}-${j}`, citizen_cpr: c.cpr, kle: kles[(i + j) % kles.length]!, title: 'Sag', status: 'open' as const, responsible_unit_id: 'bs', assigned_employee_id: 'u1', opened_on: '2025-01-01', closed_on: null })));
    await db.insertInto('citizen_case').values(caseRows).execute();
    await db.insertInto('case_document').values(caseRows.map((c) => ({ municipality: M, id: `d-${c.id}`, case_id: c.id, title: 'Notat', body: 'Tekst '.repeat(50), created_at: new Date(), created_by: 'bench1' }))).execute();
    const at = new Date(Date.now() - 3600_000);
    const grants = [{ scope: '*', level: 'content' as const }, ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '13'].map((scope) => ({ scope, level: 'existence' as const }))];
    await db.insertInto('access_grant').values(grants.map((g, i) => ({ municipality: M, id: `g${i}`, grantee_kind: 'user' as const, grantee_id: 'u1', scope: g.scope, level: g.level, can_search: true, justification: 'Benchmark-tildeling', valid_from: at, valid_until: null, status: 'approved' as const, requested_by: 'a', requested_at: at, decided_by: 'b', decided_at: at, decision_note: null, second_approved_by: null, second_approved_at: null, revoked_by: null, revoked_at: null, revoke_reason: null }))).execute();
    // Views of cases the user may see at content level (hidden 34.10.30 ones are left out of the request mix).
    const visible = caseRows.filter((c) => c.kle !== '34.10.30').map((c) => c.id);

    const config = loadConfig({ ...process.env, SKJOLD_MODE: 'demo', LOG_LEVEL: 'silent' });
    const make = async (accessLog: boolean): Promise<SkjoldApp> => {
      const deps: WorkspaceDeps = { config, db: scratch, identity, logger: pino({ level: 'silent' }), webDir: '/nonexistent', workspaceAccessLog: accessLog };
      const app = await buildApp(deps);
      await app.ready();
      return app;
    };
    const logged = await make(true);
    const unlogged = await make(false);
    try {
      const login = await logged.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, payload: { username: 'bench1', password: PASSWORD }, remoteAddress: '127.0.0.1' });
      const setCookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
      const cookie = setCookies.find((c) => /^(__Host-)?skjold_session=/.test(c))?.split(';')[0];
      if (login.statusCode !== 200 || !cookie) throw new Error(`bench login failed: ${login.statusCode}`);
      const views = (app: SkjoldApp) => () =>
        inParallel(requests, concurrency, async (i) => {
          const res = await app.inject({ method: 'GET', url: `/api/workspace/cases/${visible[(i * 7919) % visible.length]}`, headers: { cookie }, remoteAddress: '127.0.0.1' });
          if (res.statusCode !== 200) throw new Error(`case view answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
        });
      const before = await db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const result = await compare(views(unlogged), views(logged), {
        warmup: 1,
        repeats,
        onRound: (round, bt, ct) => log(`round ${round}: without log ${formatRate(perSecond(requests, bt))} req/s, with log ${formatRate(perSecond(requests, ct))} req/s`),
      });
      const after = await db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const expected = requests * (repeats + 1);
      if (Number(after.n) - Number(before.n) !== expected) throw new Error(`expected ${expected} access-log records, found ${Number(after.n) - Number(before.n)}`);
      const withLog = perSecond(requests, result.candidate.median);
      const withoutLog = perSecond(requests, result.baseline.median);
      log(`${requests} case views per round, concurrency ${concurrency}, ${repeats} rounds, ${scratch.engine}; without log ${formatRate(withoutLog)} req/s; ${expected} records written`);
      return `${formatRate(withLog)} req/s, ratio ${formatRatio(result.speedup)}`;
    } finally {
      await logged.close();
      await unlogged.close();
    }
  });
}
