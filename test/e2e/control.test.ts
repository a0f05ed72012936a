// "Kontrol" in a real Chromium (issue 5 items 3–4): security staff put a citizen on the watch list, a Borgerservice
// lookup of that citizen raises an alert, the employee explains under "Mine kontroller" (a too-short explanation is
// refused), the manager reviews it as satisfied and the case is closed; an empty unit's sample is refused politely.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts, runMonitoring } from '../../src/modules/control/index.ts';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

const PURPOSE = 'Henvendelse i Borgerservice';
const EXPLANATION = 'Borgeren henvendte sig i skranken om sin adresseændring (sag 2026-0042).';

describe.skipIf(!chromiumAvailable)('Kontrol: watch list, alert, explanation and review (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let browser: Browser;
  let page: Page | undefined;
  let municipality: string;
  let subject: { cpr: string; name: string };
  let caseId: string | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [skjold, browser] = await Promise.all([startTestSkjold(), launchBrowser()]);
    mkdirSync(tmpDir, { recursive: true });
    const employee = await skjold.db.selectFrom('employee').select('municipality').where('username', '=', 'borgerservice').executeTakeFirstOrThrow();
    municipality = employee.municipality;
    const person = await skjold.db
      .selectFrom('citizen')
      .select(['cpr', 'first_name', 'last_name'])
      .where('municipality', '=', municipality)
      .where('address_protected', '=', false)
      .orderBy('cpr')
      .limit(1)
      .executeTakeFirstOrThrow();
    subject = { cpr: person.cpr, name: `${person.first_name} ${person.last_name}` };
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await skjold?.stop();
  });

  /** Logs in as a demo login in a fresh browser context. */
  async function logInAs(username: string): Promise<Page> {
    const login = skjold.demoLogins.find((l) => l.username === username);
    if (!login) throw new Error(`no demo login ${username}`);
    await page?.context().close();
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1400, height: 900 } });
    const p = await context.newPage();
    p.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    p.on('pageerror', (error) => consoleErrors.push(error.message));
    page = p;
    await p.goto(skjold.url);
    await p.getByLabel('Brugernavn').fill(login.username);
    await p.getByLabel('Adgangskode').fill(login.password);
    await p.getByRole('button', { name: 'Log ind' }).click();
    await p.getByTestId('user-name').waitFor({ state: 'visible' });
      // The recurring logging notice (CTL-4) is acknowledged by the browser helper wherever it blocks an action.
    return p;
  }

  async function openControl(p: Page): Promise<void> {
    await p.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Kontrol' }).click();
    await p.getByRole('heading', { level: 1, name: 'Kontrol' }).waitFor();
    await p.getByTestId('my-cases').waitFor();
  }

  const unexpectedErrors = () => consoleErrors.filter((m) => !/status of (400|401|403|409|422)/.test(m));

  it('security staff put a citizen on the watch list (listed masked) and see an empty unit refused for sampling', async () => {
    const p = await logInAs('sikkerhed');
    await openControl(p);
    for (const id of ['alerts', 'watchlist', 'sampling']) await p.getByTestId(id).waitFor();
    expect(await p.getByTestId('reviews').count()).toBe(0);

    const watch = p.getByTestId('watchlist');
    await watch.getByRole('textbox', { name: 'CPR-nummer' }).fill(`${subject.cpr.slice(0, 6)}-${subject.cpr.slice(6)}`);
    await watch.getByRole('textbox', { name: 'Begrundelse' }).fill('Kendt person, omtalt i pressen');
    await watch.getByRole('button', { name: 'Tilføj til listen' }).click();
    const row = watch.getByTestId('watch-row').filter({ hasText: `${subject.cpr.slice(0, 6)}-xxxx` });
    await row.waitFor();
    expect(await watch.innerText()).not.toContain(subject.cpr.slice(6));

    // The same person again: the server's refusal is shown, nothing added.
    await watch.getByRole('textbox', { name: 'CPR-nummer' }).fill(subject.cpr);
    await watch.getByRole('textbox', { name: 'Begrundelse' }).fill('Igen');
    await watch.getByRole('button', { name: 'Tilføj til listen' }).click();
    await watch.getByTestId('refusal').waitFor();
    expect(await watch.getByTestId('watch-row').count()).toBe(1);

    const sampling = p.getByTestId('sampling');
    await sampling.getByTestId('sampling-schedule').waitFor();
    await sampling.getByRole('textbox', { name: 'Enhed' }).fill('findes-ikke');
    await sampling.getByRole('button', { name: 'Udtag nu' }).click();
    const refusal = sampling.getByTestId('refusal');
    await refusal.waitFor();
    expect((await refusal.innerText()).trim().length).toBeGreaterThan(5);
    await p.screenshot({ path: join(tmpDir, 'control-security.png'), fullPage: true });
  });

  it('a Borgerservice lookup of the watched citizen raises an alert within seconds', async () => {
    const p = await logInAs('borgerservice');
    await p.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgerservice' }).click();
    await p.getByRole('heading', { level: 1, name: 'Borgerservice' }).waitFor();
    await p.getByLabel('Formål med opslaget').fill(PURPOSE);
    await p.getByRole('textbox', { name: 'CPR-nummer' }).fill(`${subject.cpr.slice(0, 6)}-${subject.cpr.slice(6)}`);
    await p.getByRole('button', { name: 'Slå op' }).click();
    await p.getByTestId('citizen-page').waitFor();

    // The server does not run the monitor itself yet: run it as the ingest path would, polling up to 15 s.
    const deadline = Date.now() + 15_000;
    for (;;) {
      await runMonitoring(skjold.db, municipality);
      const alerts = await listAlerts(skjold.db, municipality, { userId: 'borgerservice' });
      const hit = alerts.find((a) => a.rule === 'watchlist');
      if (hit?.controlCaseId) {
        caseId = hit.controlCaseId;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no watch-list alert within 15 s (alerts: ${JSON.stringify(alerts.map((a) => a.rule))})`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(caseId).toBeDefined();
  });

  it('the employee sees the case under "Mine kontroller"; a too-short explanation is refused, a real one is sent', async () => {
    const p = await logInAs('borgerservice');
    await openControl(p);
    const mine = p.getByTestId('my-cases');
    expect(await mine.getByTestId('not-an-accusation').innerText()).toContain('En kontrol er ikke en afgørelse');
    const card = mine.locator(`[data-testid="my-case"][data-case-id="${caseId}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain('overvågningslisten');
    expect(await card.getByTestId('case-record').count()).toBeGreaterThan(0);
    expect(await card.getByTestId('case-records').innerText()).toContain(PURPOSE);
    expect(await card.innerText()).not.toContain(subject.cpr.slice(6));

    await card.getByRole('textbox', { name: 'Din forklaring' }).fill('kort');
    await card.getByRole('button', { name: 'Send forklaring' }).click();
    // The server's refusal is shown at the field (aria-invalid, described by the message); nothing changed.
    const textbox = card.getByRole('textbox', { name: 'Din forklaring' });
    await card.locator('textarea[aria-invalid="true"]').waitFor();
    expect(await card.locator('.field-error').innerText()).toContain('mindst 10 tegn');
    expect(await textbox.getAttribute('aria-describedby')).toBeTruthy();
    await card.locator('[data-testid="case-status"][data-status="awaiting-explanation"]').waitFor();
    await p.screenshot({ path: join(tmpDir, 'control-employee-refused.png'), fullPage: true });

    await card.getByRole('textbox', { name: 'Din forklaring' }).fill(EXPLANATION);
    await card.getByRole('button', { name: 'Send forklaring' }).click();
    await card.locator('[data-testid="case-status"][data-status="awaiting-review"]').waitFor();
    expect(await card.getByTestId('case-explanation').innerText()).toBe(EXPLANATION);
    await p.screenshot({ path: join(tmpDir, 'control-employee-explained.png'), fullPage: true });
  });

  it("Borgerservice's manager reviews the explanation as satisfied and the case is closed", async () => {
    const p = await logInAs('leder');
    await openControl(p);
    const reviews = p.getByTestId('reviews');
    const card = reviews.locator(`[data-testid="review-case"][data-case-id="${caseId}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain(EXPLANATION);
    await p.screenshot({ path: join(tmpDir, 'control-manager-review.png'), fullPage: true });
    await card.getByRole('button', { name: 'Forklaringen er tilfredsstillende' }).click();
    const dialog = p.getByTestId('review-dialog');
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Passer med henvendelsen i skranken.');
    await dialog.getByRole('button', { name: 'Gem vurdering' }).click();
    await reviews.getByText('Kontrollen er afsluttet som forklaret.').waitFor();
    expect(await card.count()).toBe(0);

    const stored = await skjold.db.selectFrom('control_case').select(['status', 'review_outcome']).where('id', '=', caseId!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'closed-explained', review_outcome: 'satisfied' });
  });

  it('security staff see the alert with its Danish reason, severity and the closed status', async () => {
    const p = await logInAs('sikkerhed');
    await openControl(p);
    const row = p.getByTestId('alerts').locator('[data-testid="alert-row"][data-rule="watchlist"][data-user="borgerservice"]');
    await row.first().waitFor();
    const text = await row.first().innerText();
    expect(text).toContain('overvågningslisten');
    expect(text).toContain('Høj');
    expect(text).toContain('Afsluttet – forklaret');
    await p.screenshot({ path: join(tmpDir, 'control-security-alerts.png'), fullPage: true });
    expect(unexpectedErrors()).toEqual([]);
  });
});
