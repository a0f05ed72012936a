import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import { appendAccessRecords, ensureSystem, type AccessRecord } from '../../src/modules/audit/index.ts';
import { CPR_CLAIM } from '../../src/modules/citizen/index.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import { buildTestApp, cookieFrom, sameOrigin } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, TEST_MUNICIPALITY, TEST_PASSWORD, testClock, type TestClock } from '../support/fixtures.ts';
import { followIdpRedirects, LOA_CLAIM, startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

// The shared test IdP releases only preferred_username, name and the loa claim; a MitID broker also releases the
// CPR claim. Wrap the provider so its profile scope carries that claim too (no change to the shared support file).
vi.mock('oidc-provider', async (importOriginal) => {
  const mod = await importOriginal<{ default: new (issuer: string, config: Record<string, unknown>) => object }>();
  const Original = mod.default;
  class MitIdBroker extends Original {
    constructor(issuer: string, config: Record<string, unknown>) {
      const claims = (config.claims ?? {}) as Record<string, string[]>;
      super(issuer, { ...config, claims: { ...claims, profile: [...(claims.profile ?? []), 'https://data.gov.dk/model/core/eid/cprNumber'] } });
    }
  }
  return { ...mod, default: MitIdBroker };
});

// Substitute CPR numbers only (day + 60): they can never belong to a real person.
const CITIZEN_A = '6701902345';
const CITIZEN_B = '6502855678';
const CALLBACK = 'http://localhost:8080/api/citizen/callback';

function lookup(id: string, time: Date, extra: Partial<AccessRecord> = {}): AccessRecord {
  return { id, time, system: 'skjold', user: { id: 'user1', unit: 'borgerservice' }, workstation: 'BS-PC-7', ip: '10.20.30.40', action: 'view', subject: { cpr: CITIZEN_A }, purpose: 'Ansøgning om boligstøtte', ...extra };
}

describe('Min log for citizens via a MitID OIDC broker (CTL-5, CIT-1, CIT-2)', () => {
  let idp: TestIdp;
  let t: TestDb;
  let clock: TestClock;
  let deps: IdentityDeps;
  let app: SkjoldApp;

  beforeAll(async () => {
    idp = await startTestIdp({
      redirectUri: CALLBACK,
      accounts: {
        'mitid-a': { name: 'Borger A', [LOA_CLAIM]: 'Substantial', [CPR_CLAIM]: `${CITIZEN_A.slice(0, 6)}-${CITIZEN_A.slice(6)}` },
        'mitid-a-high': { name: 'Borger A', [LOA_CLAIM]: 'https://data.gov.dk/concept/core/nsis/loa/High', [CPR_CLAIM]: CITIZEN_A },
        'mitid-low': { name: 'Borger Lav', [LOA_CLAIM]: 'Low', [CPR_CLAIM]: CITIZEN_B },
        'mitid-nocpr': { name: 'Borger Uden', [LOA_CLAIM]: 'Substantial' },
      },
    });
  });
  afterAll(async () => idp.close());

  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock();
    deps = identityDeps(t, clock);
    await seedUsers(deps, 2);
    await ensureSystem(t.db, TEST_MUNICIPALITY, 'skjold', 'Skjold');
    await ensureSystem(t.db, TEST_MUNICIPALITY, 'kmd-nova', 'KMD Nova');
    const now = clock.now().getTime();
    const h = 3600_000;
    await appendAccessRecords(t.db, TEST_MUNICIPALITY, [
      lookup('a-1', new Date(now - 30 * h)),
      lookup('a-2', new Date(now - 2 * h), { system: 'kmd-nova', user: { id: 'ext-77', unit: 'NOVA-ENHED-9' }, action: 'update', purpose: 'Opfølgning på sygedagpenge' }),
      lookup('a-3', new Date(now - 50 * h), { action: 'search', purpose: null }),
      lookup('b-1', new Date(now - 1 * h), { subject: { cpr: CITIZEN_B }, purpose: 'Sag om B' }),
    ]);
    app = await buildTestApp(t, deps, {
      SKJOLD_CITIZEN_ISSUER: idp.issuer,
      SKJOLD_CITIZEN_CLIENT_ID: idp.clientId,
      SKJOLD_CITIZEN_CLIENT_SECRET: idp.clientSecret,
      SKJOLD_CITIZEN_REDIRECT_URI: CALLBACK,
    });
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  /** Login → broker (logs in `subject`) → callback; returns the callback answer and the citizen cookie. */
  const citizenLogin = async (subject: string) => {
    idp.nextLogin = subject;
    const start = await app.inject({ method: 'GET', url: '/api/citizen/login' });
    expect(start.statusCode).toBe(302);
    expect(String(start.headers.location)).toContain(idp.issuer);
    const state = cookieFrom(start.headers['set-cookie'], 'skjold_citizen_sso')!;
    const callbackUrl = await followIdpRedirects(idp, String(start.headers.location));
    const callback = await app.inject({ method: 'GET', url: callbackUrl.slice(new URL(callbackUrl).origin.length), headers: { cookie: state } });
    return { callback, cookie: cookieFrom(callback.headers['set-cookie'], 'skjold_citizen') };
  };

  it('logs a citizen in at Substantial and shows time, unit, system, purpose and action — never the employee', async () => {
    const { callback, cookie } = await citizenLogin('mitid-a');
    expect(callback.headers.location).toBe('/minlog');
    expect(String(callback.headers['set-cookie'])).toMatch(/skjold_citizen=[^;]+;.*HttpOnly.*SameSite=Strict/);
    const session = await app.inject({ method: 'GET', url: '/api/citizen/session', headers: { cookie: cookie! } });
    expect(session.json()).toMatchObject({ signedIn: true, loginAvailable: true });

    const res = await app.inject({ method: 'GET', url: '/api/citizen/log', headers: { cookie: cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { entries: Record<string, string>[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.entries.map((e) => [e.unit, e.system, e.purpose, e.action])).toEqual([
      ['KMD Nova', 'KMD Nova', 'Opfølgning på sygedagpenge', 'Ændring'], // unknown unit → the system's name
      ['Borgerservice', 'Skjold', 'Ansøgning om boligstøtte', 'Opslag'],
      ['Borgerservice', 'Skjold', 'Ikke oplyst', 'Søgning'],
    ]);
    expect(body.entries[0]!.timeText).toMatch(/^\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}$/);
    expect(Object.keys(body.entries[0]!).sort()).toEqual(['action', 'purpose', 'system', 'time', 'timeText', 'unit']);
    // Never the employee's identity, workstation or address; never another citizen's lookups.
    for (const secret of ['user1', 'Test Bruger', 'ext-77', 'BS-PC-7', '10.20.30.40', 'NOVA-ENHED-9', 'Sag om B', CITIZEN_B, CITIZEN_A]) expect(res.body).not.toContain(secret);
  });

  it('accepts High (as a URI) and refuses Low and a login without a CPR claim; nothing is opened', async () => {
    expect((await citizenLogin('mitid-a-high')).callback.headers.location).toBe('/minlog');
    await t.db.deleteFrom('citizen_session').execute();
    const low = await citizenLogin('mitid-low');
    expect(low.callback.headers.location).toBe('/minlog?login=niveau');
    expect(low.cookie).toBeUndefined();
    const noCpr = await citizenLogin('mitid-nocpr');
    expect(noCpr.callback.headers.location).toBe('/minlog?login=failed');
    const denied = await citizenLogin('deny');
    expect(denied.callback.headers.location).toBe('/minlog?login=failed');
    expect(await t.db.selectFrom('citizen_session').select('token_hash').execute()).toHaveLength(0);
  });

  it("cannot show another person's log: a cpr parameter or body field has no effect", async () => {
    const { cookie } = await citizenLogin('mitid-a');
    const plain = await app.inject({ method: 'GET', url: '/api/citizen/log', headers: { cookie: cookie! } });
    const tampered = await app.inject({ method: 'GET', url: `/api/citizen/log?cpr=${CITIZEN_B}&subject=${CITIZEN_B}`, headers: { cookie: cookie! } });
    expect(tampered.statusCode).toBe(200);
    expect(tampered.json()).toEqual(plain.json());
    expect(tampered.body).not.toContain('Sag om B');
    const csv = await app.inject({ method: 'GET', url: `/api/citizen/log.csv?cpr=${CITIZEN_B}`, headers: { cookie: cookie! } });
    expect(csv.body).not.toContain('Sag om B');
    const request = await app.inject({ method: 'POST', url: '/api/citizen/requests', headers: { ...sameOrigin, cookie: cookie! }, payload: { kind: 'access', cpr: CITIZEN_B } });
    expect(request.statusCode).toBe(201);
    expect((await t.db.selectFrom('citizen_access_request').select('cpr').execute()).map((r) => r.cpr)).toEqual([CITIZEN_A]);
    // Without a citizen session nothing is shown, and a staff session is not a citizen session.
    expect((await app.inject({ method: 'GET', url: `/api/citizen/log?cpr=${CITIZEN_A}` })).statusCode).toBe(401);
    const staff = await app.inject({ method: 'POST', url: '/api/auth/login', headers: sameOrigin, payload: { username: 'user1', password: TEST_PASSWORD } });
    const staffCookie = cookieFrom(staff.headers['set-cookie'], 'skjold_session');
    if (staffCookie) expect((await app.inject({ method: 'GET', url: '/api/citizen/log', headers: { cookie: staffCookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie!.replace('skjold_citizen', 'skjold_session') } })).statusCode).toBe(401);
  });

  it('downloads CSV and PDF with the same lines', async () => {
    const { cookie } = await citizenLogin('mitid-a');
    const csv = await app.inject({ method: 'GET', url: '/api/citizen/log.csv', headers: { cookie: cookie! } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="min-log.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Tidspunkt;Enhed;System;Formål;Handling');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2};KMD Nova;KMD Nova;Opfølgning på sygedagpenge;Ændring$/);
    expect(csv.body).not.toContain('user1');

    const pdf = await app.inject({ method: 'GET', url: '/api/citizen/log.pdf', headers: { cookie: cookie! } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdf.rawPayload.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    for (const line of ['(Min log \x96 Stevns Kommune)', '(Borgerservice)', '(KMD Nova)', '(Ansøgning om boligstøtte)', '(Opfølgning på sygedagpenge)', '(Ændring)']) expect(text).toContain(line);
    expect(text).not.toContain('user1');
    expect(text).not.toContain('Test Bruger');
    // The cross-reference table points at the objects.
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
  });

  it('pages newest first, 50 at a time', async () => {
    const base = clock.now().getTime() - 10 * 24 * 3600_000;
    await appendAccessRecords(t.db, TEST_MUNICIPALITY, Array.from({ length: 60 }, (_, i) => lookup(`p-${i}`, new Date(base + i * 60_000))));
    const { cookie } = await citizenLogin('mitid-a');
    const first = (await app.inject({ method: 'GET', url: '/api/citizen/log', headers: { cookie: cookie! } })).json() as { entries: { time: string }[]; nextCursor: string };
    expect(first.entries).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const second = (await app.inject({ method: 'GET', url: `/api/citizen/log?cursor=${first.nextCursor}`, headers: { cookie: cookie! } })).json() as { entries: { time: string }[]; nextCursor: null };
    expect(second.entries).toHaveLength(13);
    expect(second.nextCursor).toBeNull();
    const times = [...first.entries, ...second.entries].map((e) => e.time);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('stores a formal access request and a rectification request with a receipt; refuses an empty rectification', async () => {
    const { cookie } = await citizenLogin('mitid-a');
    const access = await app.inject({ method: 'POST', url: '/api/citizen/requests', headers: { ...sameOrigin, cookie: cookie! }, payload: { kind: 'access' } });
    expect(access.statusCode).toBe(201);
    expect(access.json().reference).toMatch(/^ML-\d{4}-[2-9A-Z]{8}$/);
    const empty = await app.inject({ method: 'POST', url: '/api/citizen/requests', headers: { ...sameOrigin, cookie: cookie! }, payload: { kind: 'rectification', message: '   ' } });
    expect(empty.statusCode).toBe(422);
    const fix = await app.inject({ method: 'POST', url: '/api/citizen/requests', headers: { ...sameOrigin, cookie: cookie! }, payload: { kind: 'rectification', message: 'Opslaget den 3. maj var ikke mig.' } });
    expect(fix.statusCode).toBe(201);
    const rows = await t.db.selectFrom('citizen_access_request').select(['kind', 'message', 'cpr']).orderBy('created_at').execute();
    expect(rows.map((r) => r.kind).sort()).toEqual(['access', 'rectification']);
    const notes = await t.db.selectFrom('notification').select(['recipient_role', 'message']).where('kind', '=', 'citizen-request').execute();
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n.message).not.toContain(CITIZEN_A);
    // A cross-site form post is refused (CSRF).
    const csrf = await app.inject({ method: 'POST', url: '/api/citizen/requests', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json', cookie: cookie! }, payload: { kind: 'access' } });
    expect(csrf.statusCode).toBe(403);
  });

  it('ends an idle citizen session after 15 minutes, and on logout', async () => {
    const { cookie } = await citizenLogin('mitid-a');
    clock.advance(16 * 60_000);
    expect((await app.inject({ method: 'GET', url: '/api/citizen/log', headers: { cookie: cookie! } })).statusCode).toBe(401);
    const again = await citizenLogin('mitid-a');
    const out = await app.inject({ method: 'POST', url: '/api/citizen/logout', headers: { ...sameOrigin, cookie: again.cookie! }, payload: {} });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/citizen/log', headers: { cookie: again.cookie! } })).statusCode).toBe(401);
  });
});
