// The administrators' page, the security log and the reset-code page in a real Chromium (AUTH-3..5, AUTH-8, issue 3 item 9).
import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

/** One failed password login sent from a chosen local source address (so the browser's workstation stays unlocked). */
function failedLoginFrom(baseUrl: string, localAddress: string, username: string): Promise<number> {
  const url = new URL(baseUrl);
  const body = JSON.stringify({ username, password: 'helt-forkert-adgangskode' });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(url.port),
        path: '/api/auth/login',
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'sec-fetch-site': 'same-origin',
          host: url.host,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!chromiumAvailable)('users and access, security log, reset code (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [skjold, browser] = await Promise.all([startTestSkjold(), launchBrowser()]);
    mkdirSync(tmpDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await skjold?.stop();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    consoleErrors.length = 0;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterEach(async () => {
    await page?.context().close();
  });

  /** The demo login whose description names the role (the descriptions are in Danish). */
  function demoLogin(pattern: RegExp) {
    const login = skjold.demoLogins.find((l) => pattern.test(l.description));
    if (!login) throw new Error(`no demo login matches ${pattern}: ${skjold.demoLogins.map((l) => l.description).join(', ')}`);
    return login;
  }

  async function logIn(login: { username: string; password: string }): Promise<void> {
    await page.goto(skjold.url);
    await page.getByLabel('Brugernavn').fill(login.username);
    await page.getByLabel('Adgangskode').fill(login.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'visible' });
  }

  const nav = () => page.getByRole('navigation', { name: 'Hovedmenu' });
  const unexpectedErrors = () => consoleErrors.filter((m) => !/status of (400|401|403|422)/.test(m));

  it('lets the IT administrator search a user and issue a one-time reset code after describing the identity check', async () => {
    await logIn(demoLogin(/IT-administrator/i));
    expect(await nav().getByRole('link', { name: 'Sikkerhedslog' }).count()).toBe(0);
    await nav().getByRole('link', { name: 'Brugere og adgang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brugere og adgang' }).waitFor();
    expect(await nav().getByRole('link', { name: 'Brugere og adgang' }).getAttribute('aria-current')).toBe('page');

    const users = page.getByTestId('users-section');
    await users.getByTestId('user-row').first().waitFor();
    await page.screenshot({ path: join(tmpDir, 'admin-users.png'), fullPage: true });

    await page.getByRole('searchbox', { name: 'Søg efter bruger' }).fill('sagsbehandler');
    await expect.poll(() => users.getByTestId('user-row').count()).toBe(1);
    const row = users.getByTestId('user-row').first();
    expect(await row.textContent()).toContain('sagsbehandler');
    expect(await row.textContent()).toContain('Åben');
    const name = ((await row.locator('.cell-primary').textContent()) ?? '').trim();

    await row.getByRole('button', { name: `Nulstil adgangskode for ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Nulstil adgangskode for ${name}` });
    await dialog.waitFor();
    // The identity check is required: too short is refused before anything is sent.
    const check = dialog.getByLabel('Sådan kontrollerede du identiteten');
    await check.fill('ok');
    await dialog.getByRole('button', { name: 'Udsted engangskode' }).click();
    await dialog.getByText('Beskriv identitetskontrollen med mindst 10 tegn.').waitFor();
    await page.screenshot({ path: join(tmpDir, 'admin-reset-dialog.png') });

    await check.fill('Mødt personligt i Borgerservice med kørekort; nærmeste leder bekræftede.');
    await dialog.getByRole('button', { name: 'Udsted engangskode' }).click();
    const issued = page.getByRole('dialog', { name: 'Engangskoden er udstedt' });
    const tokenText = issued.getByTestId('reset-token');
    await tokenText.waitFor();
    const token = ((await tokenText.textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThanOrEqual(10);
    expect(await issued.textContent()).toContain('Giv koden personligt til brugeren');
    expect(await issued.textContent()).toMatch(/udløber \d{2}\.\d{2}\.\d{4}/);
    await page.screenshot({ path: join(tmpDir, 'admin-reset-token.png') });
    expect(page.url()).not.toContain(token);

    await issued.getByRole('button', { name: 'Luk' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByText(token).count()).toBe(0);

    // The IT administrator has no security-staff role: the security log says so politely.
    await page.goto(`${skjold.url}/sikkerhedslog`);
    await page.getByRole('heading', { name: 'Du har ikke adgang' }).waitFor();
    await page.screenshot({ path: join(tmpDir, 'access-denied.png'), fullPage: true });

    // The user redeems the code on the start page (a fresh, anonymous browser context).
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    await page.goto(skjold.url);
    await page.getByRole('link', { name: 'Har du fået en engangskode til ny adgangskode?' }).click();
    await page.getByRole('heading', { name: 'Vælg ny adgangskode' }).waitFor();
    await page.getByLabel('Engangskode', { exact: true }).fill(token);
    await page.getByLabel('Ny adgangskode', { exact: true }).fill('password1234');
    await page.getByLabel('Gentag ny adgangskode').fill('password1234');
    await page.getByRole('button', { name: 'Gem ny adgangskode' }).click();
    const weak = page.locator('.field-error');
    await weak.first().waitFor();
    expect(((await weak.first().textContent()) ?? '').length).toBeGreaterThan(5);
    await page.screenshot({ path: join(tmpDir, 'reset-weak.png'), fullPage: true });
    expect(page.url()).not.toContain(token);

    const strong = 'Blaabaer-Tagrende-Kompas-47';
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(strong);
    await page.getByLabel('Gentag ny adgangskode').fill(strong);
    await page.getByRole('button', { name: 'Gem ny adgangskode' }).click();
    await page.getByRole('heading', { name: 'Din nye adgangskode er gemt' }).waitFor();
    await page.screenshot({ path: join(tmpDir, 'reset-done.png'), fullPage: true });

    expect(unexpectedErrors()).toEqual([]);
  });

  it('shows a lock caused from another workstation and lets security staff clear it with a cause; the log shows it', async () => {
    const victim = 'borgerservice';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await failedLoginFrom(skjold.url, '127.0.0.2', victim));
    expect(statuses.every((s) => s === 401)).toBe(true);

    await logIn(demoLogin(/Informationssikkerhed/i));
    await nav().getByRole('link', { name: 'Brugere og adgang' }).click();
    const locks = page.getByTestId('locks-section');
    const userLock = locks.getByTestId('lock-row').filter({ hasText: victim });
    await userLock.waitFor();
    expect(await locks.getByTestId('lock-row').filter({ hasText: '127.0.0.2' }).count()).toBe(1);

    await page.getByRole('searchbox', { name: 'Søg efter bruger' }).fill(victim);
    const users = page.getByTestId('users-section');
    await expect.poll(async () => (await users.getByTestId('user-row').filter({ hasText: victim }).first().textContent()) ?? '').toContain('Spærret');
    await locks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpDir, 'admin-locks.png'), fullPage: true });

    await userLock.getByRole('button', { name: `Ophæv spærring af ${victim}` }).click();
    const dialog = page.getByRole('dialog', { name: `Ophæv spærring af brugeren ${victim}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ophæv spærring' }).click();
    await dialog.getByText('Beskriv den afklarede årsag med mindst 10 tegn.').waitFor();
    await dialog.getByLabel('Afklaret årsag').fill('Brugeren ringede og bekræftede, at hun selv tastede forkert.');
    await page.screenshot({ path: join(tmpDir, 'admin-clear-lock-dialog.png') });
    await dialog.getByRole('button', { name: 'Ophæv spærring' }).click();
    await locks.getByText(`Spærringen af ${victim} er ophævet.`).waitFor();
    await expect.poll(() => locks.getByTestId('lock-row').filter({ hasText: victim }).count()).toBe(0);
    await expect.poll(async () => (await users.getByTestId('user-row').filter({ hasText: victim }).first().textContent()) ?? '').toContain('Åben');
    // The workstation lock is a separate lock and stays until cleared on its own.
    expect(await locks.getByTestId('lock-row').filter({ hasText: '127.0.0.2' }).count()).toBe(1);

    // More than one page of events (50): failed attempts from a third source address (which locks that one too).
    for (let i = 0; i < 45; i++) await failedLoginFrom(skjold.url, '127.0.0.3', `ukendt-${i}`);

    await nav().getByRole('link', { name: 'Sikkerhedslog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sikkerhedslog' }).waitFor();
    const events = page.getByTestId('security-event');
    await events.first().waitFor();
    expect(await events.count()).toBe(50);
    await page.screenshot({ path: join(tmpDir, 'security-log.png'), fullPage: true });
    await page.getByRole('button', { name: 'Vis flere' }).click();
    await expect.poll(() => events.count()).toBeGreaterThan(50);
    const times = await events.evaluateAll((rows) => rows.map((r) => r.querySelector('time')?.getAttribute('datetime') ?? ''));
    expect([...times].sort().reverse()).toEqual(times);
    expect(await page.locator('[data-testid="security-event"][data-type="lockout.cleared"]').count()).toBeGreaterThanOrEqual(1);

    await page.getByLabel('Hændelse', { exact: true }).selectOption('lockout.cleared');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await expect.poll(async () => (await events.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))).every((t) => t === 'lockout.cleared')).toBe(true);
    const cleared = events.first();
    expect(await cleared.textContent()).toContain('Spærring ophævet');
    expect(await cleared.textContent()).toContain('tastede forkert');
    // Danish time: dd.mm.yyyy hh.mm.ss
    expect(await cleared.locator('time').textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4},? \d{2}[.:]\d{2}[.:]\d{2}$/);
    await page.screenshot({ path: join(tmpDir, 'security-log-filtered.png'), fullPage: true });

    expect(unexpectedErrors()).toEqual([]);
  });

  it('shows the server validation errors for the login policy and saves a valid one', async () => {
    await logIn(demoLogin(/IT-administrator/i));
    await page.goto(`${skjold.url}/brugere`);
    const policy = page.getByTestId('policy-section');
    const networks = policy.getByLabel('Betroede netværk', { exact: true });
    await networks.waitFor();
    expect(await policy.getByLabel('Uden for de betroede netværk').isChecked()).toBe(true);
    const original = await networks.inputValue();
    expect(original).toContain('127.0.0.0/8');

    await networks.fill(`${original}\nrådhuset`);
    await policy.getByLabel('Skærmlås efter inaktivitet (minutter)').fill('30');
    await policy.getByRole('button', { name: 'Gem politik' }).click();
    const alert = policy.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Politikken blev ikke gemt');
    expect(await alert.textContent()).toContain('"rådhuset"');
    expect(await alert.textContent()).toContain('Skærmlås efter inaktivitet');
    await policy.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpDir, 'admin-policy-errors.png'), fullPage: true });

    await networks.fill(original);
    await policy.getByLabel('Skærmlås efter inaktivitet (minutter)').fill('10');
    await policy.getByRole('button', { name: 'Gem politik' }).click();
    await policy.getByText('Login-politikken er gemt.').waitFor();
    expect(await policy.getByLabel('Skærmlås efter inaktivitet (minutter)').inputValue()).toBe('10');

    // English catalogue, and a narrow screen: wide tables scroll inside their frame, the page itself does not.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users and access' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('user-row').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(tmpDir, 'admin-mobile-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Skift til dansk' }).click();

    expect(unexpectedErrors()).toEqual([]);
  });
});
