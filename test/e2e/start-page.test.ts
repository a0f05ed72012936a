// The start page in a real Chromium: municipality, the AUTH-7 logging notice, demo banner, language switch, login.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { municipality } from '../../src/modules/reference/index.ts';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

describe.skipIf(!chromiumAvailable)('start page (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [skjold, browser] = await Promise.all([startTestSkjold(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await skjold?.stop();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 860 } });
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

  it('shows the municipality, the logging notice in Danish and the demo banner; switches to English', async () => {
    await page.goto(skjold.url);
    const expectedName = municipality('0336')?.name ?? '0336';

    await expect.poll(() => page.getByTestId('municipality-name').textContent()).toBe(expectedName);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');

    const notice = page.getByTestId('logging-notice');
    await notice.waitFor({ state: 'visible' });
    const noticeText = (await notice.textContent()) ?? '';
    expect(noticeText).toContain('logget');
    expect(noticeText).toContain('stikprøvekontrol');
    expect(noticeText).toContain('automatisk overvågning');

    const banner = page.getByTestId('demo-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('Demo');

    expect(await page.getByLabel('Brugernavn').isVisible()).toBe(true);
    expect(await page.getByLabel('Adgangskode').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Log ind' }).isVisible()).toBe(true);

    mkdirSync(tmpDir, { recursive: true });
    await page.screenshot({ path: join(tmpDir, 'start-page.png'), fullPage: true });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => notice.textContent()).toContain('random samples');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(tmpDir, 'start-page-en.png'), fullPage: true });

    // The choice survives a reload (localStorage).
    await page.reload();
    await expect.poll(() => page.getByTestId('logging-notice').textContent()).toContain('random samples');

    // No script errors and no CSP violations. (Chromium logs the anonymous 401 of /api/auth/me as a console error: expected.)
    expect(consoleErrors.filter((m) => !/status of 401/.test(m))).toEqual([]);
  });

  it('is usable on a narrow (mobile) screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(skjold.url);
    await page.getByRole('button', { name: 'Log ind' }).waitFor({ state: 'visible' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(tmpDir, 'start-page-mobile.png'), fullPage: true });
  });

  it('shows the error message when the login is refused', async () => {
    await page.goto(skjold.url);
    await page.getByLabel('Brugernavn').fill('ingen-saadan-bruger');
    await page.getByLabel('Adgangskode').fill('forkert-adgangskode');
    await page.getByRole('button', { name: 'Log ind' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    expect(((await alert.textContent()) ?? '').length).toBeGreaterThan(0);
    // Still on the start page, password cleared.
    expect(await page.getByLabel('Adgangskode').inputValue()).toBe('');
  });

  async function logIn(): Promise<void> {
    const login = skjold.demoLogins[0];
    if (!login) throw new Error('the demo seed printed no demo logins');
    await page.goto(skjold.url);
    await page.getByLabel('Brugernavn').fill(login.username);
    await page.getByLabel('Adgangskode').fill(login.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'visible' });
  }

  it('logs in with a demo login, shows the shell with name, unit, navigation and the notice, and logs out', async () => {
    await logIn();
    expect(((await page.getByTestId('user-name').textContent()) ?? '').trim().length).toBeGreaterThan(0);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    expect(await nav.getByRole('link', { name: 'Forside' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('logging-notice').isVisible()).toBe(true);
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
    await page.screenshot({ path: join(tmpDir, 'app-shell.png'), fullPage: true });

    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor({ state: 'visible' });
    // The session is really gone on the server: a reload stays on the start page.
    await page.reload();
    await page.getByRole('button', { name: 'Log ind' }).waitFor({ state: 'visible' });
    expect(await page.getByTestId('user-name').count()).toBe(0);
  });

  it('shows the lock screen and unmounts every data view when the server answers 423', async () => {
    await logIn();
    await page.route('**/api/auth/me', (route) =>
      route.fulfill({
        status: 423,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'session_locked', message: 'Skærmen er låst.' } }),
      }),
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Skærmen er låst' }).waitFor({ state: 'visible' });
    expect(await page.getByTestId('user-name').count()).toBe(0);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lås op' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(tmpDir, 'lock-screen.png'), fullPage: true });
    await page.unroute('**/api/auth/me');
    await page.getByRole('button', { name: 'Log ud i stedet' }).click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor({ state: 'visible' });
  });
});
