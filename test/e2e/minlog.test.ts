// Min log in a real Chromium (issue 5, Done-when: "a citizen logs in through the local OIDC provider and sees their
// Min log without employee names"). A real oidc-provider on 127.0.0.1 stands in for the MitID broker and releases the
// CPR claim; the demo user 'borgerservice' looks the citizen up in Borgerservice with a purpose; the citizen then logs
// in at /minlog and sees the lookup (unit, system, purpose) but not who made it. A Low-assurance login is refused.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPR_CLAIM } from '../../src/modules/citizen/index.ts';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { LOA_CLAIM, startTestIdp, type TestIdp } from '../support/oidc-provider.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

const PURPOSE = 'Henvendelse om boligstøtte i Borgerservice';

/** A free TCP port on localhost (Skjold must listen on a known port: the broker's redirect URI names it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!chromiumAvailable)('Min log for a citizen via MitID (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let idp: TestIdp;
  let browser: Browser;
  let citizen: { cpr: string; name: string };
  let employee: { username: string; fullName: string };

  beforeAll(async () => {
    const port = await freePort();
    const callback = `http://localhost:${port}/api/citizen/callback`;
    idp = await startTestIdp({ redirectUri: callback, extraProfileClaims: [CPR_CLAIM] });
    [skjold, browser] = await Promise.all([
      startTestSkjold({
        env: {
          PORT: String(port),
          SKJOLD_PUBLIC_URL: `http://localhost:${port}`,
          SKJOLD_CITIZEN_ISSUER: idp.issuer,
          SKJOLD_CITIZEN_CLIENT_ID: idp.clientId,
          SKJOLD_CITIZEN_CLIENT_SECRET: idp.clientSecret,
          SKJOLD_CITIZEN_REDIRECT_URI: callback,
        },
      }),
      launchBrowser(),
    ]);
    mkdirSync(tmpDir, { recursive: true });
    // A demo citizen of the municipality (not address-protected) to look up and then log in as.
    const person = await skjold.db.selectFrom('citizen').select(['cpr', 'first_name', 'last_name']).where('address_protected', '=', false).orderBy('cpr').limit(1).executeTakeFirstOrThrow();
    citizen = { cpr: person.cpr, name: `${person.first_name} ${person.last_name}` };
    idp.accounts.set('mitid-citizen', { name: citizen.name, [LOA_CLAIM]: 'Substantial', [CPR_CLAIM]: `${citizen.cpr.slice(0, 6)}-${citizen.cpr.slice(6)}` });
    idp.accounts.set('mitid-low', { name: citizen.name, [LOA_CLAIM]: 'Low', [CPR_CLAIM]: citizen.cpr });
  });

  afterAll(async () => {
    await browser?.close();
    await skjold?.stop();
    await idp?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1280, height: 900 } });
    return context.newPage();
  }

  /** The demo employee 'borgerservice' looks the citizen up in Borgerservice with a purpose; returns their shown name. */
  async function lookUpAsBorgerservice(): Promise<{ username: string; fullName: string }> {
    const login = skjold.demoLogins.find((l) => l.username === 'borgerservice');
    if (!login) throw new Error('no demo login borgerservice');
    const page = await newPage();
    try {
      await page.goto(skjold.url);
      await page.getByLabel('Brugernavn').fill(login.username);
      await page.getByLabel('Adgangskode').fill(login.password);
      await page.getByRole('button', { name: 'Log ind' }).click();
      const fullName = (await page.getByTestId('user-name').innerText()).trim();
      // The recurring logging notice (CTL-4) is acknowledged by the browser helper wherever it blocks an action.
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgerservice' }).click();
      await page.getByRole('heading', { level: 1, name: 'Borgerservice' }).waitFor();
      await page.getByLabel('Formål med opslaget').fill(PURPOSE);
      await page.getByRole('textbox', { name: 'CPR-nummer' }).fill(`${citizen.cpr.slice(0, 6)}-${citizen.cpr.slice(6)}`);
      await page.getByRole('button', { name: 'Slå op' }).click();
      await page.getByTestId('citizen-page').waitFor();
      await page.getByTestId('citizen-name').filter({ hasText: citizen.name }).waitFor();
      return { username: login.username, fullName };
    } finally {
      await page.context().close();
    }
  }

  /** Opens /minlog, clicks "Log ind med MitID" and lets the broker log `subject` in; ends back on /minlog. */
  async function citizenLogin(page: Page, subject: string): Promise<void> {
    idp.nextLogin = subject;
    await page.goto(`${skjold.url}/minlog`);
    await page.getByRole('heading', { level: 1, name: 'Min log' }).waitFor();
    await page.getByTestId('mitid-login').click();
    await page.waitForURL((url) => url.href.startsWith(`${skjold.url}/minlog`));
  }

  it('a citizen logs in through the local OIDC provider and sees their Min log without employee names', async () => {
    employee = await lookUpAsBorgerservice();
    expect(employee.fullName.length).toBeGreaterThan(0);

    const page = await newPage();
    try {
      await citizenLogin(page, 'mitid-citizen');
      expect(new URL(page.url()).search).toBe('');
      const table = page.getByTestId('minlog-table');
      await table.waitFor();
      const row = table.locator('tbody tr').filter({ hasText: PURPOSE });
      await row.first().waitFor();
      const cells = (await row.first().locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells[1]).toBe('Borgerservice'); // unit
      expect(cells[2]).toBe('Skjold'); // system
      expect(cells[3]).toBe(PURPOSE);
      expect(cells[0]).toMatch(/^\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}$/);
      expect(cells[4]).toBeTruthy();
      await page.getByRole('button', { name: 'Log ud' }).waitFor();
      await page.screenshot({ path: join(tmpDir, 'minlog.png'), fullPage: true });

      // Never the employee: neither username nor full name (nor the surname alone) anywhere on the page.
      const text = await page.locator('body').innerText();
      const html = await page.content();
      expect(text).not.toContain(employee.fullName);
      expect(html).not.toContain(employee.fullName);
      const surname = employee.fullName.split(' ').at(-1)!;
      expect(text).not.toContain(surname);
      expect(text).not.toMatch(new RegExp(`\\b${employee.username}\\b`));
      // Nor the citizen's own CPR number.
      expect(text).not.toContain(citizen.cpr.slice(6));
    } finally {
      await page.context().close();
    }
  });

  it('refuses a Low-assurance MitID login with the Danish message and shows no log', async () => {
    const page = await newPage();
    try {
      await citizenLogin(page, 'mitid-low');
      expect(new URL(page.url()).searchParams.get('login')).toBe('niveau');
      await page.getByText('Du skal logge ind med MitID på sikringsniveau betydelig eller høj for at se din log.').waitFor();
      await page.getByTestId('mitid-login').waitFor();
      expect(await page.getByTestId('minlog-table').count()).toBe(0);
      await page.screenshot({ path: join(tmpDir, 'minlog-low.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
