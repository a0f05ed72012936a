// Random sampling end to end in Chromium (issue 5, Done-when): security staff draw a sample for Borgerservice,
// the employee explains the sampled lookups, the manager reviews them and the sample is closed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAccessRecords } from '../../src/modules/audit/index.ts';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { tmpDir } from '../support/paths.ts';
import { startTestSkjold, type TestSkjold } from '../support/skjold.ts';

const EXPLANATION = 'Borgerne henvendte sig i skranken om boligstøtte; sagerne er oprettet samme dag.';

describe.skipIf(!chromiumAvailable)('random sampling: draw, explanation and review (e2e, Chromium)', () => {
  let skjold: TestSkjold;
  let browser: Browser;
  let page: Page | undefined;
  let caseId: string | undefined;

  beforeAll(async () => {
    [skjold, browser] = await Promise.all([startTestSkjold(), launchBrowser()]);
    mkdirSync(tmpDir, { recursive: true });
    // Six lookups by the Borgerservice employee two days ago: the window a sample takes from (1–3 days before).
    const employee = await skjold.db.selectFrom('employee').select(['municipality', 'username', 'unit_id']).where('username', '=', 'borgerservice').executeTakeFirstOrThrow();
    const citizens = await skjold.db.selectFrom('citizen').select('cpr').where('municipality', '=', employee.municipality).orderBy('cpr').limit(6).execute();
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await appendAccessRecords(
      skjold.db,
      employee.municipality,
      citizens.map((c, i) => ({
        id: `e2e-sample-${i}`,
        time: new Date(twoDaysAgo + i * 60_000),
        system: 'skjold',
        user: { id: employee.username, unit: employee.unit_id },
        action: 'view' as const,
        subject: { cpr: c.cpr },
        purpose: 'Henvendelse i Borgerservice',
      })),
    );
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await skjold?.stop();
  });

  async function logInAndOpenControl(username: string): Promise<Page> {
    const login = skjold.demoLogins.find((l) => l.username === username);
    if (!login) throw new Error(`no demo login ${username}`);
    await page?.context().close();
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await page.goto(skjold.url);
    await page.getByLabel('Brugernavn').fill(login.username);
    await page.getByLabel('Adgangskode').fill(login.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'visible' });
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Kontrol' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kontrol' }).waitFor();
    return page;
  }

  it('security staff draw a sample for Borgerservice; the seed is recorded', async () => {
    const p = await logInAndOpenControl('sikkerhed');
    const sampling = p.getByTestId('sampling');
    await sampling.getByTestId('sampling-schedule').waitFor();
    await sampling.getByRole('textbox', { name: 'Enhed' }).fill('borgerservice');
    await sampling.getByRole('button', { name: 'Udtag nu' }).click();
    await sampling.getByTestId('sample-row').first().waitFor();
    const cases = await skjold.db.selectFrom('control_case').select(['id', 'user_id', 'kind']).where('kind', '=', 'sample').execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]!.user_id).toBe('borgerservice');
    caseId = cases[0]!.id;
    const covered = await skjold.db.selectFrom('control_case_record').select('log_seq').where('case_id', '=', caseId).execute();
    expect(covered.length).toBeGreaterThanOrEqual(5);
    expect(covered.length).toBeLessThanOrEqual(6);
    const draw = await skjold.db.selectFrom('sample_draw').select('seed').executeTakeFirstOrThrow();
    expect(String(draw.seed).length).toBeGreaterThan(8);
    await p.screenshot({ path: join(tmpDir, 'sampling-drawn.png'), fullPage: true });
  });

  it('the employee explains the sampled lookups', async () => {
    const p = await logInAndOpenControl('borgerservice');
    const card = p.getByTestId('my-cases').locator(`[data-testid="my-case"][data-case-id="${caseId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('case-record').count()).toBeGreaterThanOrEqual(5);
    await card.getByRole('textbox', { name: 'Din forklaring' }).fill(EXPLANATION);
    await card.getByRole('button', { name: 'Send forklaring' }).click();
    await card.locator('[data-testid="case-status"][data-status="awaiting-review"]').waitFor();
  });

  it('the manager reviews the explanation as satisfied and the sample is closed', async () => {
    const p = await logInAndOpenControl('leder');
    const card = p.getByTestId('reviews').locator(`[data-testid="review-case"][data-case-id="${caseId}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain(EXPLANATION);
    await card.getByRole('button', { name: 'Forklaringen er tilfredsstillende' }).click();
    const dialog = p.getByTestId('review-dialog');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Passer med dagens henvendelser.');
    await dialog.getByRole('button', { name: 'Gem vurdering' }).click();
    await p.getByTestId('reviews').getByText('Kontrollen er afsluttet som forklaret.').waitFor();
    const stored = await skjold.db.selectFrom('control_case').select(['status', 'review_outcome']).where('id', '=', caseId!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'closed-explained', review_outcome: 'satisfied' });
    await p.screenshot({ path: join(tmpDir, 'sampling-reviewed.png'), fullPage: true });
  });
});
