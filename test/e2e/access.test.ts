// The "Adgange" page in a real Chromium (issue 4 item 4, ACC-7/8/12): who has access, requests, decisions, four eyes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

describe.skipIf(!chromiumAvailable)('access rights page (e2e, Chromium)', () => {
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
    await newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  async function newPage(): Promise<void> {
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }

  /** Logs in as a demo login in a fresh browser context; returns the name the shell shows. */
  async function logInAs(username: string): Promise<string> {
    const login = skjold.demoLogins.find((l) => l.username === username);
    if (!login) throw new Error(`no demo login ${username}`);
    await page?.context().close();
    await newPage();
    await page.goto(skjold.url);
    await page.getByLabel('Brugernavn').fill(login.username);
    await page.getByLabel('Adgangskode').fill(login.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'visible' });
    return ((await page.getByTestId('user-name').textContent()) ?? '').trim();
  }

  async function openAccessPage(): Promise<void> {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Adgange' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adgange' }).waitFor();
    await page.getByTestId('in-force-section').getByTestId('grant-row').first().waitFor();
  }

  const pendingRow = (scope: string) => page.getByTestId('pending-section').locator(`[data-testid="pending-row"][data-grantee="unit:jobcenter"][data-scope="${scope}"]`);
  const unexpectedErrors = () => consoleErrors.filter((m) => !/status of (400|401|403|409|422)/.test(m));

  it('shows who has access and who granted it; a request is decided by another authorizer, never by the requester', async () => {
    // The leader of Borgerservice (manager + authorizer) sees the unit's rights with who requested and who granted them.
    const lederName = await logInAs('leder');
    await openAccessPage();
    const inForce = page.getByTestId('in-force-section');
    const borgerservice = inForce.locator('[data-testid="grantee-group"][data-grantee="unit:borgerservice"]');
    await borgerservice.waitFor();
    expect(await borgerservice.getByTestId('grant-row').count()).toBe(3);
    const groupText = (await borgerservice.textContent()) ?? '';
    expect(groupText).toContain('Borgerservice');
    expect(groupText).toContain('Enhed');
    expect(groupText).toContain('Alle ikke-skjulte sagstyper');
    expect(groupText).toContain('Kender sagen');
    expect(groupText).toContain('Ser indhold');
    expect(groupText).toContain('Søge');
    expect(groupText).toContain('Indtaste');
    expect(groupText).toContain('Kommunen');
    expect(groupText).toContain(`Anmodet af ${lederName}`);
    // The secretariat's right concerns another authority and shows its second approver.
    const buu = inForce.locator('[data-testid="grantee-group"][data-grantee="unit:sekretariat-buu"]');
    expect(await buu.textContent()).toContain('Børn og unge-udvalget');
    expect(await buu.textContent()).toContain('Anden godkendelse:');
    await page.screenshot({ path: join(tmpDir, 'access-in-force.png'), fullPage: true });

    // The CSV download: a plain link to the export of the same list.
    const csvLink = inForce.getByRole('link', { name: 'Hent som CSV' });
    const href = (await csvLink.getAttribute('href')) ?? '';
    expect(href).toBe('/api/access/grants/export?view=in-force');
    expect(await csvLink.getAttribute('download')).not.toBeNull();
    const csv = await page.request.get(`${skjold.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('"borgerservice"');

    // As it stood yesterday (before the demo was seeded): nothing; the CSV link follows the date.
    const atField = inForce.getByLabel('Pr. dato');
    const today = await atField.inputValue();
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await atField.fill(yesterday);
    await inForce.getByText('Ingen adgange gjaldt på datoen.').waitFor();
    expect(await csvLink.getAttribute('href')).toMatch(/^\/api\/access\/grants\/export\?view=in-force&at=\d{4}-\d{2}-\d{2}T/);
    await inForce.getByRole('button', { name: 'Vis i dag' }).click();
    await borgerservice.waitFor();

    // The request form: missing fields are caught in the browser, the server's reasons appear at the field.
    const form = page.getByTestId('request-section');
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    await form.getByText('Angiv, hvem der skal have adgangen.').waitFor();
    expect(await form.getByText('Skriv en begrundelse med mindst 10 tegn.').count()).toBe(1);
    await form.getByLabel('Enhedens id').fill('jobcenter');
    await form.getByLabel('Sagstype (KLE)').fill('99.99');
    await form.getByLabel('Begrundelse', { exact: true }).fill('Jobcentret skal kunne vejlede om sygedagpenge.');
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    await form.getByText('Anmodningen blev ikke sendt.').waitFor();
    expect(await form.locator('.field-error').first().textContent()).toContain('KLE-nummer');
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpDir, 'access-request-errors.png'), fullPage: true });

    // Request A: content of 32.03 for the unit Jobcenter.
    await form.getByLabel('Sagstype (KLE)').fill('32.03');
    await form.getByLabel('Ser indhold').check();
    await form.getByLabel('Søge').check();
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    await form.getByText('Anmodningen er sendt og venter på en godkenders afgørelse.').waitFor();
    await pendingRow('32.03').waitFor();
    expect(await pendingRow('32.03').textContent()).toContain('Afventer afgørelse');

    // Request B: another authority's cases, which needs a second approval (four eyes).
    await form.getByLabel('Enhedens id').fill('jobcenter');
    await form.getByLabel('Sagstype (KLE)').fill('27');
    await form.getByLabel('Myndighed').selectOption('boern-og-unge-udvalget');
    await form.getByLabel('Begrundelse', { exact: true }).fill('Samarbejde med udvalgets sekretariat om unge i beskæftigelsesindsats.');
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    await pendingRow('27').waitFor();

    // The requester may not decide their own request: the server's refusal is shown in the dialog.
    await pendingRow('32.03').getByRole('button', { name: /^Godkend anmodning for / }).click();
    const dialog = page.getByRole('dialog', { name: 'Godkend anmodning om adgang' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Godkend anmodningen' }).click();
    await dialog.getByText('Du kan ikke afgøre din egen anmodning.').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('Fire-øjne-princippet');
    await page.screenshot({ path: join(tmpDir, 'access-self-approval.png') });
    await dialog.getByRole('button', { name: 'Annullér' }).click();
    expect(await pendingRow('32.03').count()).toBe(1);

    // The system owner (authorizer) approves A with a note; A is then in force for Jobcenter.
    const ownerName = await logInAs('systemejer');
    await openAccessPage();
    // Borgerservice's rights were granted by the system owner.
    expect(await page.locator('[data-testid="grantee-group"][data-grantee="unit:borgerservice"]').textContent()).toContain(ownerName);
    await pendingRow('32.03').getByRole('button', { name: /^Godkend anmodning for / }).click();
    const approve = page.getByRole('dialog', { name: 'Godkend anmodning om adgang' });
    await approve.getByLabel('Bemærkning (valgfri)').fill('Godkendt til vejledning.');
    await approve.getByRole('button', { name: 'Godkend anmodningen' }).click();
    await page.getByTestId('pending-section').getByText('Anmodningen for Jobcenter til 32.03 er godkendt.').waitFor();
    await expect.poll(() => pendingRow('32.03').count()).toBe(0);
    const jobcenter32 = page.locator('[data-testid="grantee-group"][data-grantee="unit:jobcenter"] [data-testid="grant-row"][data-scope="32.03"]');
    await jobcenter32.waitFor();
    expect(await jobcenter32.textContent()).toContain(ownerName);
    expect(await jobcenter32.textContent()).toContain('Ser indhold');

    // B is approved, but awaits the second approval, which the deciding authorizer may not give.
    await pendingRow('27').getByRole('button', { name: /^Godkend anmodning for / }).click();
    await page.getByRole('dialog', { name: 'Godkend anmodning om adgang' }).getByRole('button', { name: 'Godkend anmodningen' }).click();
    await expect.poll(async () => (await pendingRow('27').textContent()) ?? '').toContain('Afventer anden godkendelse');
    await pendingRow('27').getByRole('button', { name: 'Giv anden godkendelse' }).click();
    const second = page.getByRole('dialog', { name: 'Giv anden godkendelse' });
    await second.getByRole('button', { name: 'Giv anden godkendelse' }).click();
    await second.getByText('Den anden godkendelse skal gives af en tredje person (fire øjne).').waitFor();
    await page.screenshot({ path: join(tmpDir, 'access-same-person.png') });
    await second.getByRole('button', { name: 'Annullér' }).click();

    // Security staff give the second approval, then revoke A with a reason.
    await logInAs('sikkerhed');
    await openAccessPage();
    await pendingRow('27').getByRole('button', { name: 'Giv anden godkendelse' }).click();
    await page.getByRole('dialog', { name: 'Giv anden godkendelse' }).getByRole('button', { name: 'Giv anden godkendelse' }).click();
    await expect.poll(() => pendingRow('27').count()).toBe(0);
    const jobcenter27 = page.locator('[data-testid="grantee-group"][data-grantee="unit:jobcenter"] [data-testid="grant-row"][data-scope="27"]');
    await jobcenter27.waitFor();
    expect(await jobcenter27.textContent()).toContain('Børn og unge-udvalget');

    await page.locator('[data-testid="grantee-group"][data-grantee="unit:jobcenter"] [data-testid="grant-row"][data-scope="32.03"]').getByRole('button', { name: 'Fjern adgang for Jobcenter til 32.03' }).click();
    const revoke = page.getByRole('dialog', { name: 'Fjern adgang for Jobcenter' });
    await revoke.getByRole('button', { name: 'Fjern adgang' }).click();
    await revoke.getByText('Skriv årsagen med mindst 5 tegn.').waitFor();
    await revoke.getByLabel('Årsag').fill('Vejledningsopgaven er flyttet tilbage til Borgerservice.');
    await revoke.getByRole('button', { name: 'Fjern adgang' }).click();
    await page.getByText('Adgangen for Jobcenter til 32.03 er fjernet.').waitFor();
    await expect.poll(() => page.locator('[data-testid="grantee-group"][data-grantee="unit:jobcenter"] [data-testid="grant-row"][data-scope="32.03"]').count()).toBe(0);
    await page.screenshot({ path: join(tmpDir, 'access-after-revoke.png'), fullPage: true });

    expect(unexpectedErrors()).toEqual([]);
  });
});
