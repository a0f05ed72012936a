// `login`: complete password logins per second through the full path (lockout guard, argon2id verify,
// session, security event), next to bare argon2id verifications at the same concurrency in the same run.
import { argon2Params, ensureAccountsForEmployees, hashPassword, loginWithPassword, provisionPassword, verifyPassword, type IdentityDeps } from '../src/modules/identity/index.ts';
import { formatRate, formatRatio, intFromEnv, log, measure, perSecond, withScratchDb } from './support.ts';

/** What this benchmark measures. */
export const description = 'password logins per second (full path) vs bare argon2id verifications';

const PASSWORD = 'Kaffe-og-rugbrod-2026';

async function inParallel(total: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await fn(next++);
  }));
}

/** Runs the benchmark and returns its figure. */
export async function run(): Promise<string> {
  const logins = intFromEnv('BENCH_LOGINS', 200);
  const concurrency = intFromEnv('BENCH_CONCURRENCY', 4);
  const users = 50;
  return withScratchDb(async (scratch) => {
    const deps: IdentityDeps = { db: scratch.db, municipality: '0336', secretKey: Buffer.alloc(32, 1), now: () => new Date() };
    await scratch.db.insertInto('municipality').values({ code: '0336', name: 'Stevns' }).execute();
    await scratch.db.insertInto('org_unit').values({ municipality: '0336', id: 'bs', name: 'Borgerservice', parent_id: null, serves_authority: null }).execute();
    await scratch.db
      .insertInto('employee')
      .values(Array.from({ length: users }, (_, i) => ({ municipality: '0336', id: `u${i}`, username: `bruger${i}`, full_name: `Bench Bruger ${i}`, cpr: `670190${String(1000 + i).slice(-4)}`, unit_id: 'bs', manager_id: null, title: 'Sagsbehandler', street: 'Vej 1', postcode: '4660', city: 'Store Heddinge', employed_from: '2020-01-01', employed_until: null })))
      .execute();
    await ensureAccountsForEmployees(scratch.db, '0336');
    for (let i = 0; i < users; i++) await provisionPassword(deps, `u${i}`, PASSWORD, { mustChange: false });
    await scratch.db.insertInto('auth_policy').values({ municipality: '0336', mfa_policy: 'untrusted-network', trusted_networks: ['10.0.0.0/8'] }).execute();
    const stored = await hashPassword(PASSWORD);

    const verify = await measure(() => inParallel(logins, concurrency, () => verifyPassword(stored, PASSWORD)), { warmup: 1, repeats: 3 });
    const full = await measure(
      () => inParallel(logins, concurrency, async (i) => {
        const r = await loginWithPassword(deps, { ip: `10.0.${i % 250}.1`, workstation: `ws:bench-${i % 250}` }, `bruger${i % users}`, PASSWORD);
        if (r.status !== 'ok') throw new Error(`login ${i} was ${r.status}`);
      }),
      { warmup: 1, repeats: 3 },
    );
    const verifyRate = perSecond(logins, verify.median);
    const loginRate = perSecond(logins, full.median);
    log(`argon2id m=${argon2Params.memoryCost} KiB t=${argon2Params.timeCost} p=${argon2Params.parallelism}; ${logins} logins, concurrency ${concurrency}, ${scratch.kind}`);
    return `${formatRate(loginRate)} logins/s, argon2id verify ${formatRate(verifyRate)}/s, ratio ${formatRatio(loginRate / verifyRate)} (argon2id m=19456 KiB t=2 p=1, ${scratch.kind})`;
  });
}
