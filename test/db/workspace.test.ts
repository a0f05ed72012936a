// The citizen-service workspace over HTTP (issue 4 items 1 and 3): hidden cases and other authorities' cases never
// leak (list, count, search, status code, error body), levels and separate rights hold, revocation and expiry take
// effect on the next request, and every call writes its access-log record in the same transaction.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkjoldApp } from '../../src/http/app.ts';
import type { IdentityDeps } from '../../src/modules/identity/index.ts';
import { deriveRefKey, getCase, updateCase, type RecordsContext } from '../../src/modules/records/index.ts';
import { COMMITTEE, cases, citizens, grant, seedAccessWorld, signIn, units, type StaffClient } from '../support/access-fixtures.ts';
import { buildTestApp } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, testClock, TEST_MUNICIPALITY, type TestClock } from '../support/fixtures.ts';

describe('citizen-service workspace (ACC-2..8, LOG-1)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  let clock: TestClock;
  let app: SkjoldApp;
  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock();
    deps = identityDeps(t, clock);
    await seedAccessWorld(deps);
    app = await buildTestApp(t, deps);
  });
  afterEach(async () => {
    await app.close();
    await t.drop();
  });

  const records = (where: { action?: string; outcome?: string } = {}) => {
    let q = t.db.selectFrom('access_log').selectAll().where('system', '=', 'skjold');
    if (where.action) q = q.where('action', '=', where.action);
    if (where.outcome) q = q.where('outcome', '=', where.outcome);
    return q.orderBy('seq').execute();
  };
  const lookup = (c: StaffClient, cpr: string = citizens.anna.cpr) => c.call('POST', '/api/workspace/citizens/lookup', { cpr });
  const caseIds = (body: { cases: { id: string }[] }) => body.cases.map((c) => c.id).sort();
  const allCpr = Object.values(citizens).map((c) => c.cpr);
  const noCpr = (text: string) => {
    for (const cpr of allCpr) {
      expect(text).not.toContain(cpr);
      expect(text).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    }
  };

  it('Borgerservice sees ordinary cases but cannot learn that the hidden or the committee case exists', async () => {
    await grant(deps, { to: 'bs1', scope: '*', level: 'content', search: true });
    const bs1 = await signIn(app, 'bs1');
    const citizen = await lookup(bs1);
    expect(citizen.status).toBe(200);
    expect(caseIds(citizen.json())).toEqual([cases.ordinary, cases.ordinaryClosed].sort());
    expect(citizen.json().totalCases).toBe(2);
    expect(citizen.body).not.toContain('34.10.30');
    expect(citizen.body).not.toContain(COMMITTEE);
    // Also through the ref and with paging: the total never counts what the user may not know of.
    const viaRef = await bs1.call('GET', `/api/workspace/citizens/${citizen.json().ref}?limit=1&offset=1`);
    expect(viaRef.json().totalCases).toBe(2);
    expect(viaRef.json().cases).toHaveLength(1);

    const missing = await bs1.call('GET', '/api/workspace/cases/no-such-case-42');
    expect(missing.status).toBe(404);
    for (const id of [cases.hidden, cases.committee]) {
      for (const [method, suffix, payload] of [['GET', '', undefined], ['GET', '/print', undefined], ['PATCH', '', { status: 'closed' }], ['POST', '/documents', { title: 'x', body: 'y' }], ['DELETE', '', undefined]] as const) {
        const probe = await bs1.call(method, `/api/workspace/cases/${id}${suffix}`, payload);
        const control = await bs1.call(method, `/api/workspace/cases/no-such-case-42${suffix}`, payload);
        expect(probe.status, `${method} ${suffix} on ${id}`).toBe(404);
        expect(probe.status).toBe(control.status);
        expect(probe.body).toBe(control.body);
      }
    }
    // Nothing changed on the hidden case; the attempts are logged as denied.
    expect(await t.db.selectFrom('citizen_case').select('status').where('id', '=', cases.hidden).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
    const denied = await records({ outcome: 'denied' });
    expect(denied.filter((r) => r.case_id === cases.hidden).length).toBe(5);
    expect(denied.find((r) => r.case_id === cases.hidden)).toMatchObject({ subject_cpr: citizens.anna.cpr, case_kle: '34.10.30' });

    // A search gives no hint either: same hits and shape as for any citizen.
    const search = await bs1.call('POST', '/api/workspace/citizens/search', { name: 'anna' });
    expect(search.status).toBe(200);
    expect(search.json().results).toHaveLength(1);
    expect(Object.keys(search.json().results[0]).sort()).toEqual(['address', 'addressProtected', 'cpr', 'deceased', 'name', 'ref']);
    expect(search.body).not.toMatch(/34\.10|case|udvalg/i);
  });

  it('the Børn og unge-udvalget secretariat sees the committee case, and only it', async () => {
    await grant(deps, { to: units.sekretariat, kind: 'unit', scope: '*', authority: COMMITTEE, level: 'content', search: true });
    const sek = await signIn(app, 'sek1');
    const citizen = await lookup(sek);
    expect(caseIds(citizen.json())).toEqual([cases.committee]);
    expect(citizen.json().totalCases).toBe(1);
    const view = await sek.call('GET', `/api/workspace/cases/${cases.committee}`);
    expect(view.status).toBe(200);
    expect(view.json()).toMatchObject({ level: 'content', authority: COMMITTEE, responsibleUnit: { name: 'Sekretariatet for Børn og unge-udvalget' } });
    expect((await sek.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(404);
  });

  it('only an explicit grant on 34.10.30 reveals the hidden case; a grant on main group 34 does not', async () => {
    await grant(deps, { to: 'bf1', scope: '34.10.30', level: 'content', search: true });
    await grant(deps, { to: 'bs2', scope: '34', level: 'content', search: true });
    const bf = await signIn(app, 'bf1');
    const citizen = await lookup(bf);
    expect(caseIds(citizen.json())).toEqual([cases.hidden]);
    const view = await bf.call('GET', `/api/workspace/cases/${cases.hidden}`);
    expect(view.status).toBe(200);
    expect(view.json()).toMatchObject({ kle: '34.10.30', kleTitle: expect.any(String), level: 'content', content: { title: 'Underretning fra skole', documents: [{ id: 'doc-3' }] } });
    const bs2 = await signIn(app, 'bs2');
    expect((await lookup(bs2)).json()).toMatchObject({ cases: [], totalCases: 0 });
    expect((await bs2.call('GET', `/api/workspace/cases/${cases.hidden}`)).status).toBe(404);
  });

  it('existence level shows type, status and unit only; content level shows title, dates, assignee and documents', async () => {
    await grant(deps, { to: 'bs2', scope: '32', level: 'existence', search: true });
    await grant(deps, { to: 'bs1', scope: '32', level: 'content', search: true });
    const bs2 = await signIn(app, 'bs2');
    const existence = await bs2.call('GET', `/api/workspace/cases/${cases.ordinary}`);
    expect(existence.status).toBe(200);
    expect(existence.json()).toMatchObject({ caseNumber: expect.any(String), kle: '32.03.12', status: 'open', responsibleUnit: { name: 'Borgerservice' }, level: 'existence', content: null, abilities: { view: false, update: false, delete: false, print: false } });
    expect(existence.body).not.toContain('boligstøtte');
    expect(existence.body).not.toContain('Ansøgning modtaget');
    const list = (await lookup(bs2)).json();
    expect(list.cases.every((c: { canView: boolean }) => c.canView === false)).toBe(true);
    expect(list.cpr).toBe('650582-****');
    const print = await bs2.call('GET', `/api/workspace/cases/${cases.ordinary}/print`);
    expect(print.status).toBe(403);
    expect(print.json().error.code).toBe('forbidden');
    expect((await records({ action: 'print', outcome: 'denied' })).length).toBe(1);

    const bs1 = await signIn(app, 'bs1');
    const content = (await bs1.call('GET', `/api/workspace/cases/${cases.ordinary}`)).json();
    expect(content).toMatchObject({ level: 'content', content: { title: 'Ansøgning om boligstøtte', openedOn: '2025-03-01', assignedEmployee: { id: 'bs1', name: 'Medarbejder BS1' } } });
    expect(content.content.documents.map((d: { id: string }) => d.id)).toEqual(['doc-1', 'doc-2']);
    expect((await lookup(bs1)).json()).toMatchObject({ cpr: '650582-1234' });
    const printed = await bs1.call('GET', `/api/workspace/cases/${cases.ordinary}/print`);
    expect(printed.status).toBe(200);
    expect(printed.json()).toMatchObject({ case: { title: 'Ansøgning om boligstøtte' }, documents: [{ title: 'Ansøgning' }, { title: 'Afgørelse' }], printedBy: 'bs1' });
    expect((await records({ action: 'print', outcome: 'ok' })).length).toBe(1);
  });

  it('search, enter and delete are separate rights (ACC-6)', async () => {
    const g = await grant(deps, { to: 'bs3', scope: '*', level: 'content' });
    const bs3 = await signIn(app, 'bs3');
    const search = await bs3.call('POST', '/api/workspace/citizens/search', { name: 'Hansen' });
    expect(search.status).toBe(403);
    expect(search.json().error.code).toBe('no_search_right');
    expect((await lookup(bs3)).status).toBe(403);
    expect(await records({ action: 'search', outcome: 'denied' })).toHaveLength(1);
    expect((await bs3.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(200);
    const patch = await bs3.call('PATCH', `/api/workspace/cases/${cases.ordinary}`, { status: 'closed' });
    expect(patch.status).toBe(403);
    expect(patch.json().error.code).toBe('forbidden');
    expect((await bs3.call('DELETE', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(403);
    expect((await bs3.call('POST', `/api/workspace/cases/${cases.ordinary}/documents`, { title: 'Notat', body: 'tekst' })).status).toBe(403);

    await t.db.updateTable('access_grant').set({ can_enter: true, can_search: true }).where('id', '=', g).execute();
    const closed = await bs3.call('PATCH', `/api/workspace/cases/${cases.ordinary}`, { status: 'closed', title: 'Boligstøtte 2025' });
    expect(closed.status).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', content: { title: 'Boligstøtte 2025', closedOn: expect.any(String) } });
    expect((await bs3.call('POST', `/api/workspace/cases/${cases.ordinary}/documents`, { title: 'Notat', body: 'tekst' })).status).toBe(201);
    expect((await bs3.call('DELETE', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(403);
    const ref = (await lookup(bs3)).json().ref as string;
    const created = await bs3.call('POST', '/api/workspace/cases', { citizenRef: ref, kle: '32.03.04', title: 'Ny sag' });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ kle: '32.03.04', status: 'open', responsibleUnit: { id: units.borgerservice }, level: 'content' });
    const hiddenCreate = await bs3.call('POST', '/api/workspace/cases', { citizenRef: ref, kle: '34.10.30', title: 'Forsøg' });
    expect(hiddenCreate.status).toBe(403);

    await t.db.updateTable('access_grant').set({ can_delete: true }).where('id', '=', g).execute();
    const deleted = await bs3.call('DELETE', `/api/workspace/cases/${cases.ordinary}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json()).toEqual({ deleted: true, documents: 3 });
    expect((await bs3.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(404);
    expect(await t.db.selectFrom('case_document').select('id').where('case_id', '=', cases.ordinary).execute()).toEqual([]);
    expect((await records({ action: 'delete', outcome: 'ok' })).map((r) => r.case_id)).toEqual([cases.ordinary]);
    expect((await records({ action: 'create', outcome: 'ok' })).length).toBe(2);
  });

  it('revocation takes effect on the next request and a time-limited grant stops at valid_until (ACC-8, ACC-10)', async () => {
    const g = await grant(deps, { to: 'bs1', scope: '*', level: 'content', search: true });
    await grant(deps, { to: 'bs2', scope: '*', level: 'content', search: true, validUntil: new Date(clock.now().getTime() + 60_000) });
    const bs1 = await signIn(app, 'bs1');
    const bs2 = await signIn(app, 'bs2');
    expect((await bs1.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(200);
    await t.db.updateTable('access_grant').set({ status: 'revoked', revoked_by: 'autorisator', revoked_at: clock.now(), revoke_reason: 'Stillingsskift' }).where('id', '=', g).execute();
    expect((await bs1.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(404);
    expect((await lookup(bs1)).status).toBe(403);

    expect((await bs2.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(200);
    clock.advance(61_000);
    expect((await bs2.call('GET', `/api/workspace/cases/${cases.ordinary}`)).status).toBe(404);
  });

  it('logs every call in the same transaction: one record per person shown, the criterion, the purpose', async () => {
    await grant(deps, { to: 'bs1', scope: '*', level: 'content', search: true });
    const bs1 = await signIn(app, 'bs1');
    const search = await bs1.call('POST', '/api/workspace/citizens/search', { name: 'hansen', purpose: 'Henvendelse i borgerservice' });
    expect(search.json()).toMatchObject({ total: 2, totalCapped: false });
    let log = await records({ action: 'search' });
    expect(log).toHaveLength(2);
    expect(log.map((r) => r.subject_cpr).sort()).toEqual([citizens.anna.cpr, citizens.cille.cpr].sort());
    expect(log[0]).toMatchObject({ query: 'navn: hansen', result_count: 2, purpose: 'Henvendelse i borgerservice', user_id: 'bs1', user_unit: units.borgerservice, workstation: 'ip:127.0.0.1', ip: '127.0.0.1', outcome: 'ok' });
    await bs1.call('POST', '/api/workspace/citizens/search', { address: 'Ingen Sådan Vej' });
    log = await records({ action: 'search' });
    expect(log).toHaveLength(3);
    expect(log[2]).toMatchObject({ subject_cpr: null, query: 'adresse: Ingen Sådan Vej', result_count: 0 });
    const byCpr = await bs1.call('POST', '/api/workspace/citizens/search', { cpr: '650582-1234' });
    expect(byCpr.json().results).toHaveLength(1);
    noCpr(byCpr.body);

    await lookup(bs1);
    await bs1.call('GET', `/api/workspace/cases/${cases.ordinary}?purpose=Sagsbehandling`);
    const views = await records({ action: 'view' });
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ subject_cpr: citizens.anna.cpr, case_id: null });
    expect(views[1]).toMatchObject({ subject_cpr: citizens.anna.cpr, case_id: cases.ordinary, case_kle: '32.03.12', case_facet: 'G01', case_status: 'open', purpose: 'Sagsbehandling' });
  });

  it('a failing change rolls back its log record, and a failing log write rolls back the change', async () => {
    await grant(deps, { to: 'bs1', scope: '*', level: 'content', search: true, enter: true });
    const ctx: RecordsContext = {
      db: t.db, municipality: TEST_MUNICIPALITY, user: { municipality: TEST_MUNICIPALITY, userId: 'bs1', unitId: units.borgerservice, roles: ['employee'], username: 'bs1' },
      client: { ip: '127.0.0.1', workstation: 'ws:test' }, now: clock.now(), refKey: deriveRefKey(deps.secretKey),
    };
    const before = (await records()).length;
    await sql`create function skjold_test_fail() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`.execute(t.db);
    await sql`create trigger skjold_test_fail_case before update on citizen_case for each row execute function skjold_test_fail()`.execute(t.db);
    await expect(updateCase(ctx, cases.ordinary, { status: 'closed' })).rejects.toThrow(/forced failure/);
    expect(await records()).toHaveLength(before);
    await sql`drop trigger skjold_test_fail_case on citizen_case`.execute(t.db);

    await sql`create trigger skjold_test_fail_log before insert on access_log_key for each row execute function skjold_test_fail()`.execute(t.db);
    await expect(updateCase(ctx, cases.ordinary, { status: 'closed' })).rejects.toThrow(/forced failure/);
    await expect(getCase(ctx, cases.ordinary)).rejects.toThrow(/forced failure/);
    expect(await t.db.selectFrom('citizen_case').select('status').where('id', '=', cases.ordinary).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
    await sql`drop trigger skjold_test_fail_log on access_log_key`.execute(t.db);

    await updateCase(ctx, cases.ordinary, { status: 'closed' });
    expect(await records()).toHaveLength(before + 1);
    expect(await t.db.selectFrom('citizen_case').select('status').where('id', '=', cases.ordinary).executeTakeFirstOrThrow()).toEqual({ status: 'closed' });
  });

  it('protected persons: the address is hidden unless the user has content on one of their cases', async () => {
    await grant(deps, { to: 'bs2', scope: '*', level: 'existence', search: true });
    await grant(deps, { to: 'bs1', scope: '*', level: 'content', search: true });
    const bs2 = await signIn(app, 'bs2');
    const hidden = (await bs2.call('POST', '/api/workspace/citizens/search', { name: 'jensen' })).json().results[0];
    expect(hidden).toMatchObject({ name: 'Bo Jensen', address: null, addressProtected: true, cpr: '670275-****' });
    expect((await lookup(bs2, citizens.bo.cpr)).json().address).toBeNull();
    const bs1 = await signIn(app, 'bs1');
    expect((await bs1.call('POST', '/api/workspace/citizens/search', { name: 'jensen' })).json().results[0]).toMatchObject({ address: 'Skjultvej 9, 4660 Store Heddinge' });
  });

  it('bad input gets a clear 4xx, no 500, no CPR in the answer, nothing logged as success', async () => {
    await grant(deps, { to: 'bs1', scope: '*', level: 'content', search: true, enter: true });
    const bs1 = await signIn(app, 'bs1');
    const okBefore = (await records({ outcome: 'ok' })).length;
    const probes: [Parameters<StaffClient['call']>[0], string, unknown, number][] = [
      ['POST', '/api/workspace/citizens/search', { cpr: '650582-12' }, 400],
      ['POST', '/api/workspace/citizens/search', { cpr: '6513821234' }, 400], // month 13
      ['POST', '/api/workspace/citizens/search', { cpr: '650582-1234', name: 'Anna' }, 400],
      ['POST', '/api/workspace/citizens/search', { name: 'x'.repeat(101) }, 400],
      ['POST', '/api/workspace/citizens/search', { name: 'x'.repeat(5000) }, 400],
      ['POST', '/api/workspace/citizens/search', { name: '%%' }, 400],
      ['POST', '/api/workspace/citizens/search', {}, 400],
      ['POST', '/api/workspace/citizens/search', { cpr: 6505821234 }, 400],
      ['POST', '/api/workspace/citizens/lookup', { cpr: '3202851234' }, 400],
      ['POST', '/api/workspace/citizens/lookup', { cpr: '6505821234'.repeat(3) }, 400],
      ['GET', '/api/workspace/citizens/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', undefined, 404],
      ['GET', '/api/workspace/citizens/not*a*ref', undefined, 400],
      ['GET', '/api/workspace/cases/%27%3B%20drop', undefined, 400],
      ['GET', `/api/workspace/cases/${cases.ordinary}?purpose=${'p'.repeat(300)}`, undefined, 400],
      ['POST', '/api/workspace/cases', { citizenRef: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', kle: '32.03.12', title: 'x' }, 404],
      ['PATCH', `/api/workspace/cases/${cases.ordinary}`, { status: 'pending' }, 400],
      ['PATCH', `/api/workspace/cases/${cases.ordinary}`, { assignedEmployeeId: 'nobody' }, 400],
    ];
    for (const [method, url, payload, status] of probes) {
      const res = await bs1.call(method, url, payload);
      expect(res.status, `${method} ${url} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(status);
      expect(res.json().error.code).toEqual(expect.any(String));
      noCpr(res.body);
      expect(res.body).not.toContain('3202851234');
      expect(res.body).not.toContain('6513821234');
    }
    const ref = (await lookup(bs1)).json().ref as string;
    const unknownKle = await bs1.call('POST', '/api/workspace/cases', { citizenRef: ref, kle: '99.01.01', title: 'x' });
    expect(unknownKle.status).toBe(400);
    expect(unknownKle.json().error.code).toBe('unknown_kle');
    // One 'ok' record: the lookup above. Nothing else was logged as a success.
    expect((await records({ outcome: 'ok' })).length).toBe(okBefore + 1);
    // A number failing modulus 11 is still valid (never rejected): it is simply not found.
    const mod11 = await bs1.call('POST', '/api/workspace/citizens/search', { cpr: '650582-1235' });
    expect(mod11.status).toBe(200);
    expect(mod11.json()).toMatchObject({ results: [], total: 0 });
  });
});
