// Staff SSO and security keys on the login page in a real Chromium (issue 3 items 2–3): the SSO button and its failure
// message, WebAuthn enrolment and login with Chromium's virtual authenticator (the hand-written browser ceremony).
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

/** A port that was free a moment ago (WebAuthn needs the public URL, and so the port, known before start). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!chromiumAvailable)('SSO button and security keys (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    [skjold, browser] = await Promise.all([
      startTestSkjold({
        env: {
          PORT: String(port),
          SKJOLD_PUBLIC_URL: `http://localhost:${port}`,
          // An identity provider that does not answer: SSO is configured, but every attempt fails.
          SKJOLD_SSO_ISSUER: 'http://127.0.0.1:9',
          SKJOLD_SSO_CLIENT_ID: 'skjold',
          SKJOLD_SSO_CLIENT_SECRET: 'e2e-secret-not-used',
        },
      }),
      launchBrowser(),
    ]);
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

  const login = (username: string) => {
    const found = skjold.demoLogins.find((l) => l.username === username);
    if (!found) throw new Error(`no demo login ${username}`);
    return found;
  };

  async function typeCredentials(username: string): Promise<void> {
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill(login(username).password);
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
  }

  const unexpectedErrors = () => consoleErrors.filter((m) => !/status of (400|401|403|409|422)/.test(m));

  it('offers the SSO login when configured and explains a failed SSO login in Danish', async () => {
    await page.goto(skjold.url);
    const sso = page.getByRole('link', { name: 'Log ind med kommunens login (SSO)' });
    await sso.waitFor();
    expect(await sso.getAttribute('href')).toBe('/api/auth/sso/start');
    await sso.click();
    await page.getByText('Log ind via SSO lykkedes ikke. Prøv igen eller kontakt IT-supporten.').waitFor();
    // The marker is taken out of the address, so a reload does not repeat the message.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.screenshot({ path: join(tmpDir, 'login-sso-failed.png'), fullPage: true });
    await page.reload();
    await sso.waitFor();
    expect(await page.getByTestId('sso-failed').count()).toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('enrols a security key when MFA becomes mandatory, then logs in with it', async () => {
    // The IT administrator makes a second factor mandatory for everyone.
    await page.goto(skjold.url);
    await typeCredentials('itadmin');
    await page.getByTestId('user-name').waitFor();
    await page.goto(`${skjold.url}/brugere`);
    const policy = page.getByTestId('policy-section');
    await policy.getByLabel('Altid', { exact: true }).check();
    await policy.getByRole('button', { name: 'Gem politik' }).click();
    await policy.getByText('Login-politikken er gemt.').waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();

    // A virtual security key in this browser (Chrome DevTools Protocol).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    // The DPO has no second factor yet: the session is restricted to enrolment, and the key is offered next to the app.
    await page.getByLabel('Brugernavn').waitFor();
    await typeCredentials('dpo');
    await page.getByRole('heading', { name: 'Tilknyt to-faktor-login' }).waitFor();
    await page.screenshot({ path: join(tmpDir, 'enrol-choice.png'), fullPage: true });
    await page.getByRole('button', { name: 'Tilknyt sikkerhedsnøgle' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    expect(await codes.locator('li').count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: join(tmpDir, 'enrol-security-key-codes.png'), fullPage: true });
    await page.getByRole('button', { name: 'Jeg har gemt koderne' }).click();
    await page.getByTestId('user-name').waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();

    // Next login: password, then the security key.
    await page.getByLabel('Brugernavn').waitFor();
    await typeCredentials('dpo');
    const useKey = page.getByRole('button', { name: 'Brug sikkerhedsnøgle' });
    await useKey.waitFor();
    await page.screenshot({ path: join(tmpDir, 'mfa-security-key.png'), fullPage: true });
    await useKey.click();
    await page.getByTestId('user-name').waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });
});
