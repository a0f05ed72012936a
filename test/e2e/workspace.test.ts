// "Borgerservice" in a real Chromium (issue 4 item 1 and the first Done-when bullet): Borgerservice sees a citizen's
// ordinary cases at the granted level and cannot learn that a hidden case or a Børn og unge-udvalget case exists
// (not in the list, not in the count, not through the case's URL); the secretariat and the case worker with the
// hidden right can. Also the name search markings, the purpose sent with lookups, and create/change/print/delete.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

const COMMITTEE = 'boern-og-unge-udvalget';
const PURPOSE = 'Henvendelse i Borgerservice';

/** A demo case as the test needs it. */
interface DemoCase {
  id: string;
  case_number: string;
  kle: string;
  authority: string;
}

/** The citizen the test looks up, with the cases Borgerservice may and may not know of. */
interface Subject {
  cpr: string;
  name: string;
  cases: DemoCase[];
  /** Cases Borgerservice may know of (ordinary types of the municipality). */
  visible: DemoCase[];
  hidden: DemoCase;
  committee: DemoCase | undefined;
}

/** True when kle is a hidden type or below one (the policy's rule). */
const isHidden = (kle: string, hidden: readonly string[]) => hidden.some((h) => kle === h || kle.startsWith(`${h}.`));
/** True when Borgerservice sees contents (its content grants are 23 and 32.03). */
const bsCanView = (c: DemoCase) => c.authority === 'municipality' && ['23', '32.03'].some((s) => c.kle === s || c.kle.startsWith(`${s}.`));

describe.skipIf(!chromiumAvailable)('Borgerservice workspace (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let browser: Browser;
  let page: Page;
  let subject: Subject;
  const consoleErrors: string[] = [];

  /** Finds a demo citizen with ordinary cases (one Borgerservice may read), a hidden case and, if possible, a committee case. */
  async function findSubject(): Promise<Subject> {
    const db = skjold.db;
    const hidden = (await db.selectFrom('hidden_case_type').select('kle').execute()).map((h) => h.kle);
    const candidates = await db
      .selectFrom('citizen_case as c')
      .innerJoin('citizen as p', (j) => j.onRef('p.municipality', '=', 'c.municipality').onRef('p.cpr', '=', 'c.citizen_cpr'))
      .select('c.citizen_cpr as cpr')
      .select(sql<number>`count(*) filter (where c.kle in ('34.10.30', '34.25.00') and c.authority = 'municipality')`.as('hidden'))
      .select(sql<number>`count(*) filter (where c.authority = ${COMMITTEE})`.as('committee'))
      .select(sql<number>`count(*) filter (where c.authority = 'municipality' and (c.kle like '23.%' or c.kle like '32.03.%'))`.as('readable'))
      .select(sql<number>`count(*)`.as('total'))
      .where('p.address_protected', '=', false)
      .groupBy('c.citizen_cpr')
      .having(sql<boolean>`count(*) filter (where c.kle in ('34.10.30', '34.25.00') and c.authority = 'municipality') > 0`)
      .execute();
    const ranked = candidates
      .map((c) => ({ ...c, hidden: Number(c.hidden), committee: Number(c.committee), readable: Number(c.readable), total: Number(c.total) }))
      .filter((c) => c.total - c.hidden - c.committee > 0 && c.total <= 20)
      .sort((a, b) => Number(b.committee > 0) - Number(a.committee > 0) || Number(b.readable > 0) - Number(a.readable > 0) || a.total - b.total);
    const best = ranked[0];
    if (!best) throw new Error('the demo database has no citizen with both an ordinary and a hidden case');
    const person = await db.selectFrom('citizen').select(['first_name', 'last_name']).where('cpr', '=', best.cpr).executeTakeFirstOrThrow();
    const cases = await db.selectFrom('citizen_case').select(['id', 'case_number', 'kle', 'authority']).where('citizen_cpr', '=', best.cpr).execute();
    const visible = cases.filter((c) => c.authority === 'municipality' && !isHidden(c.kle, hidden));
    return {
      cpr: best.cpr,
      name: `${person.first_name} ${person.last_name}`,
      cases,
      visible,
      hidden: cases.find((c) => c.authority === 'municipality' && ['34.10.30', '34.25.00'].includes(c.kle))!,
      committee: cases.find((c) => c.authority === COMMITTEE),
    };
  }

  beforeAll(async () => {
    [skjold, browser] = await Promise.all([startTestSkjold(), launchBrowser()]);
    mkdirSync(tmpDir, { recursive: true });
    subject = await findSubject();
  });

  afterAll(async () => {
    await browser?.close();
    await skjold?.stop();
  });

  beforeEach(async () => {
    await newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  async function newPage(): Promise<void> {
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1400, height: 900 } });
    // window.print() is recorded instead of opening a dialog.
    await context.addInitScript(() => {
      (window as unknown as { printCalls: number }).printCalls = 0;
      window.print = () => {
        (window as unknown as { printCalls: number }).printCalls++;
      };
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }

  async function logInAs(username: string): Promise<void> {
    const login = skjold.demoLogins.find((l) => l.username === username);
    if (!login) throw new Error(`no demo login ${username}`);
    await page?.context().close();
    await newPage();
    await page.goto(skjold.url);
    await page.getByLabel('Brugernavn').fill(login.username);
    await page.getByLabel('Adgangskode').fill(login.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'visible' });
  }

  /** Opens Borgerservice from the main navigation, states the purpose and looks the subject up by CPR. */
  async function lookUpSubject(): Promise<void> {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgerservice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Borgerservice' }).waitFor();
    await page.getByLabel('Formål med opslaget').fill(PURPOSE);
    await page.getByRole('textbox', { name: 'CPR-nummer' }).fill(`${subject.cpr.slice(0, 6)}-${subject.cpr.slice(6)}`);
    await page.getByRole('button', { name: 'Slå op' }).click();
    await page.getByTestId('citizen-page').waitFor();
    await page.getByTestId('citizen-name').filter({ hasText: subject.name }).waitFor();
  }

  const shownCaseIds = async () => (await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id') ?? ''))).sort();
  const mainText = async () => ((await page.locator('main').innerText()) ?? '').trim();
  const unexpectedErrors = () => consoleErrors.filter((m) => !/status of (400|401|403|404)/.test(m));

  it('Borgerservice sees the ordinary cases at the granted level, and neither the hidden nor the committee case', async () => {
    expect(subject.visible.length).toBeGreaterThan(0);
    await logInAs('borgerservice');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgerservice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Borgerservice' }).waitFor();
    expect(await page.getByTestId('lookup-logged').first().innerText()).toContain('Dit opslag bliver logget');
    await page.screenshot({ path: join(tmpDir, 'workspace-search.png'), fullPage: true });

    await lookUpSubject();
    // The CPR number never reaches the address bar: only the opaque ref.
    expect(page.url()).toMatch(/\/borgerservice\/borger\/[A-Za-z0-9_-]+$/);
    expect(page.url()).not.toContain(subject.cpr.slice(0, 6));

    expect(await shownCaseIds()).toEqual(subject.visible.map((c) => c.id).sort());
    const n = subject.visible.length;
    expect(await page.getByTestId('cases-count').innerText()).toBe(n === 1 ? '1 sag.' : `${n} sager.`);
    const html = await page.content();
    expect(html).not.toContain(subject.hidden.case_number);
    expect(html).not.toContain(subject.hidden.id);
    if (subject.committee) {
      expect(html).not.toContain(subject.committee.case_number);
      expect(html).not.toContain('Børn og unge-udvalget');
    }
    // "Vis" where the contents may be seen, "Kun kendskab" elsewhere.
    for (const c of subject.visible) {
      const row = page.locator(`[data-testid="case-row"][data-case-id="${c.id}"]`);
      if (bsCanView(c)) expect(await row.getByRole('link', { name: `Vis sag ${c.case_number}` }).count()).toBe(1);
      else expect(await row.innerText()).toContain('Kun kendskab');
    }
    await page.screenshot({ path: join(tmpDir, 'workspace-citizen-borgerservice.png'), fullPage: true });

    // The lookup was logged once (the citizen page shows the lookup's answer, it does not look up again), with the
    // purpose the user stated (shown to the citizen in Min log).
    const logged = await skjold.db.selectFrom('access_log').select(['purpose', 'action', 'outcome']).where('subject_cpr', '=', subject.cpr).where('user_id', '=', 'borgerservice').execute();
    expect(logged).toEqual([{ purpose: PURPOSE, action: 'view', outcome: 'ok' }]);

    // An existence-only case: the facts and the notice, no contents.
    const existenceOnly = subject.visible.find((c) => !bsCanView(c));
    if (existenceOnly) {
      await page.getByRole('link', { name: existenceOnly.case_number, exact: true }).click();
      await page.getByTestId('case-page').waitFor();
      expect(await page.getByTestId('case-page').getAttribute('data-level')).toBe('existence');
      await page.getByText('Du har adgang til at se, at sagen findes, men ikke dens indhold.').waitFor();
      expect(await page.getByTestId('documents').count()).toBe(0);
      await page.screenshot({ path: join(tmpDir, 'workspace-case-existence.png'), fullPage: true });
      await page.goBack();
      await page.getByTestId('citizen-page').waitFor();
    }
    // A case Borgerservice may read: contents and documents.
    const readable = subject.visible.find(bsCanView);
    if (readable) {
      await page.getByRole('link', { name: `Vis sag ${readable.case_number}` }).click();
      await page.getByTestId('case-page').waitFor();
      expect(await page.getByTestId('case-page').getAttribute('data-level')).toBe('content');
      await page.getByTestId('documents').waitFor();
      await page.screenshot({ path: join(tmpDir, 'workspace-case-content.png'), fullPage: true });
    }

    // The hidden case's and the committee case's URLs answer exactly like a made-up id.
    await page.goto(`${skjold.url}/borgerservice/sag/findes-ikke-4711`);
    await page.getByTestId('case-not-found').waitFor();
    const madeUp = await mainText();
    expect(madeUp).toContain('Sagen findes ikke');
    await page.goto(`${skjold.url}/borgerservice/sag/${encodeURIComponent(subject.hidden.id)}`);
    await page.getByTestId('case-not-found').waitFor();
    expect(await mainText()).toBe(madeUp);
    await page.screenshot({ path: join(tmpDir, 'workspace-hidden-case-url.png'), fullPage: true });
    if (subject.committee) {
      await page.goto(`${skjold.url}/borgerservice/sag/${encodeURIComponent(subject.committee.id)}`);
      await page.getByTestId('case-not-found').waitFor();
      expect(await mainText()).toBe(madeUp);
    }
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the Børn og unge-udvalget secretariat sees the committee case', async () => {
    if (!subject.committee) return; // the demo seed gave no citizen with all three kinds of case
    await logInAs('sekretariat');
    await lookUpSubject();
    const ids = await shownCaseIds();
    expect(ids).toContain(subject.committee.id);
    expect(ids).not.toContain(subject.hidden.id);
    await page.screenshot({ path: join(tmpDir, 'workspace-citizen-sekretariat.png'), fullPage: true });
    await page.getByRole('link', { name: `Vis sag ${subject.committee.case_number}` }).click();
    await page.getByTestId('case-page').waitFor();
    expect(await page.getByTestId('case-page').getAttribute('data-level')).toBe('content');
    expect(await page.getByTestId('case-facts').innerText()).toContain('Børn og unge-udvalget');
    await page.screenshot({ path: join(tmpDir, 'workspace-committee-case.png'), fullPage: true });
  });

  it('the case worker with the right on the hidden case type sees the hidden case', async () => {
    await logInAs('sagsbehandler');
    await lookUpSubject();
    expect(await shownCaseIds()).toContain(subject.hidden.id);
    await page.getByRole('link', { name: `Vis sag ${subject.hidden.case_number}` }).click();
    await page.getByTestId('case-page').waitFor();
    expect(await page.getByTestId('case-page').getAttribute('data-level')).toBe('content');
    expect(await page.getByTestId('case-facts').innerText()).toContain(subject.hidden.kle);
    await page.screenshot({ path: join(tmpDir, 'workspace-hidden-case-sagsbehandler.png'), fullPage: true });
  });

  it('name search shows masked CPR numbers and the protection and deceased markings', async () => {
    const protectedPerson = await skjold.db.selectFrom('citizen').select(['first_name', 'last_name']).where('address_protected', '=', true).orderBy('cpr').executeTakeFirst();
    const deceased = await skjold.db.selectFrom('citizen').select(['first_name', 'last_name']).where('deceased_on', 'is not', null).orderBy('cpr').executeTakeFirst();
    await logInAs('borgerservice');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgerservice' }).click();
    const form = page.getByTestId('text-form');
    for (const [person, marking] of [[protectedPerson, 'Navne- og adressebeskyttet'], [deceased, 'Død']] as const) {
      if (!person) continue;
      await form.getByLabel('Navn', { exact: true }).fill(`${person.first_name} ${person.last_name}`);
      await form.getByRole('button', { name: 'Søg' }).click();
      const row = page.getByTestId('citizen-row').filter({ hasText: `${person.first_name} ${person.last_name}` }).filter({ hasText: marking }).first();
      await row.waitFor();
      expect(await row.innerText()).toMatch(/\d{6}-\*{4}/);
      await page.screenshot({ path: join(tmpDir, `workspace-search-${marking === 'Død' ? 'deceased' : 'protected'}.png`), fullPage: true });
    }
    const results = (await page.getByTestId('search-results').innerText()) ?? '';
    expect(results).not.toMatch(/\d{6}-\d{4}/);
  });

  it('Borgerservice creates a case in its own area, changes it, adds a document and prints it; other types are refused', async () => {
    await logInAs('borgerservice');
    await lookUpSubject();
    const create = page.getByTestId('create-case');
    await create.getByRole('button', { name: 'Opret ny sag' }).click();
    // A hidden type: refused by the server with a clear message.
    await create.getByLabel('Sagstype (KLE)').fill('34.10.30');
    await create.getByLabel('Sagens titel').fill('Forsøg');
    await create.getByRole('button', { name: 'Opret sagen' }).click();
    await create.getByText('Du har ikke ret til at oprette sager af den type for borgeren.').waitFor();
    await page.screenshot({ path: join(tmpDir, 'workspace-create-refused.png'), fullPage: true });

    await create.getByLabel('Sagstype (KLE)').fill('32.03');
    await create.getByLabel('Sagens titel').fill('Ansøgning om boligstøtte (e2e)');
    await create.getByRole('button', { name: 'Opret sagen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ansøgning om boligstøtte (e2e)' }).waitFor();
    expect(await page.getByTestId('case-page').getAttribute('data-level')).toBe('content');

    const change = page.getByTestId('change-case');
    await change.getByLabel('Status').selectOption('closed');
    await change.getByRole('button', { name: 'Gem ændringer' }).click();
    await change.getByText('Ændringerne er gemt.').waitFor();
    expect(await page.getByTestId('case-facts').innerText()).toContain('Lukket');

    const add = page.getByTestId('add-document');
    await add.getByLabel('Dokumentets titel').fill('Notat fra samtale');
    await add.getByLabel('Tekst').fill('Borgeren henvendte sig i Borgerservice.\nVejledt om boligstøtte.');
    await add.getByRole('button', { name: 'Tilføj dokumentet' }).click();
    await page.getByTestId('document').filter({ hasText: 'Notat fra samtale' }).waitFor();
    await page.screenshot({ path: join(tmpDir, 'workspace-case-edited.png'), fullPage: true });

    // Print: the print view loads the case (the server logs it) and calls window.print().
    const caseUrl = page.url();
    await page.getByRole('button', { name: 'Udskriv', exact: true }).click();
    await page.getByTestId('print-view').waitFor();
    await page.waitForFunction(() => (window as unknown as { printCalls: number }).printCalls === 1);
    expect(await page.getByTestId('print-view').innerText()).toContain('Notat fra samtale');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(tmpDir, 'workspace-print.png'), fullPage: true });
    expect(await page.locator('.shell-nav').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    const caseId = decodeURIComponent(caseUrl.split('/').pop()!);
    const prints = await skjold.db.selectFrom('access_log').select('action').where('case_id', '=', caseId).where('action', '=', 'print').execute();
    expect(prints).toHaveLength(1);

    // Borgerservice has no delete right: no delete button.
    await page.getByRole('link', { name: 'Tilbage til sagen' }).click();
    await page.getByTestId('case-page').waitFor();
    expect(await page.getByRole('button', { name: 'Slet sag' }).count()).toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the secretariat creates a committee case and deletes it after confirming', async () => {
    await logInAs('sekretariat');
    await lookUpSubject();
    const before = await shownCaseIds();
    const create = page.getByTestId('create-case');
    await create.getByRole('button', { name: 'Opret ny sag' }).click();
    await create.getByLabel('Sagstype (KLE)').fill('34.10.10');
    await create.getByLabel('Sagens titel').fill('Sag til udvalgsmøde (e2e)');
    await create.getByLabel('Myndighed').selectOption(COMMITTEE);
    await create.getByRole('button', { name: 'Opret sagen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sag til udvalgsmøde (e2e)' }).waitFor();
    const caseId = decodeURIComponent(page.url().split('/').pop()!);

    await page.getByRole('button', { name: 'Slet sag' }).click();
    const dialog = page.getByRole('dialog', { name: /^Slet sag / });
    await dialog.waitFor();
    await page.screenshot({ path: join(tmpDir, 'workspace-delete-dialog.png') });
    await dialog.getByRole('button', { name: 'Slet sagen' }).click();
    await page.getByTestId('citizen-page').waitFor();
    await page.getByText(/^Sag .* er slettet\.$/).waitFor();
    expect(await shownCaseIds()).toEqual(before);
    expect(await skjold.db.selectFrom('citizen_case').select('id').where('id', '=', caseId).executeTakeFirst()).toBeUndefined();
    // The deleted case's URL now answers like any case that does not exist.
    await page.goto(`${skjold.url}/borgerservice/sag/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-not-found').waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });
});
