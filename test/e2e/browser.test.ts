// The playground in a real browser: Debian's Chromium driven by playwright-core, against
// the local app (emulator + real framework + real bot + a temp copy of the demo org, which
// the emulator also plays as the Webex org behind the admin APIs, as `npm start` does).
// Skipped with a message when Chromium is missing, unless REQUIRE_BROWSER=1.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startLocalMode, type LocalApp } from '../../src/transports/local-mode.js';
import { orgSeedFromStore } from '../../src/transports/org-from-store.js';
import { peopleFromStore } from '../../src/transports/people-from-store.js';
import { ADMIN } from '../helpers/demo-org-copy.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = path.join(REPO, 'test-artifacts');
const haveBrowser = existsSync(CHROMIUM);

if (!haveBrowser) {
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (install it with apt-get install chromium, or set CHROMIUM_PATH)`);
}

let app: LocalApp;
let store: Store;
let context: BrowserContext;
let page: Page;
let dir: string;

beforeAll(async () => {
  if (!haveBrowser) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-browser-'));
  copyFileSync(path.join(REPO, 'data/demo-org.json'), path.join(dir, 'db.json'));
  store = await openStore({ dataFile: path.join(dir, 'db.json'), auditFile: path.join(dir, 'audit.log') });
  const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' } });
  app = await startLocalMode({ bot, people: peopleFromStore(store), org: orgSeedFromStore(store, { adminEmail: ADMIN.email }), port: 0 });
  context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  if (page) await screenshot('playground-last').catch(() => undefined); // what the page showed at the end, pass or fail
  await context?.close();
  await app?.stop();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The newest bot card that shows this text. */
function botCard(text: string | RegExp): Locator {
  return page.locator('.msg[data-from="bot"] .card-frame', { hasText: text }).last();
}

async function screenshot(name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

describe.skipIf(!haveBrowser)('the playground in Chromium', () => {
  it('an admin edits a user’s licenses through the cards: licenses → user → service → toggle → save → result', async () => {
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`http://127.0.0.1:${app.port}/`);
    await page.locator('body[data-ready="true"]').waitFor();

    await page.selectOption('#who', { label: 'Acme IT Admin (admin)' });
    await page.click('button[data-space="direct"]');
    await botCard('I am the license desk').waitFor(); // the welcome card of a new 1:1

    await page.fill('#text', 'licenses');
    await page.press('#text', 'Enter');
    const select = botCard(/choose a user|Choose a user|Search/);
    await select.waitFor();
    // More than 8 users: a compact choice (a dropdown), as on a phone.
    await select.getByRole('combobox').selectOption('user-emma-bakker');
    await select.getByRole('button', { name: 'Open' }).click();

    const overview = botCard('Edit licenses');
    await overview.waitFor();
    await overview.getByRole('button', { name: 'Edit licenses' }).click();

    const services = botCard('Choose service');
    await services.waitFor();
    await services.getByRole('radio', { name: /Messaging/ }).first().check();
    await services.getByRole('button', { name: 'Choose service' }).click();

    const licenses = botCard('Advanced Messaging');
    await licenses.waitFor();
    await licenses.getByRole('checkbox', { name: /Advanced Messaging/ }).check();
    await licenses.getByRole('button', { name: 'Apply and review' }).click();

    const review = botCard('Ready to save');
    await review.waitFor();
    await review.getByRole('button', { name: 'Save' }).click();

    const result = botCard('Saved: Emma Bakker');
    await result.waitFor();
    expect(await result.innerText()).toContain('Advanced Messaging');
    expect(store.userByEmail('emma.bakker@acme.example')!.licenseIds).toContain('lic-adv-messaging-100101');
    // The side panel shows the card submit reaching the emulator and the webhook to the bot.
    expect(await page.locator('#log').innerText()).toContain('POST /v1/attachment/actions');
    const file = await screenshot('playground-result');
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(file, path.join(REPO, 'docs/playground.png'));
  });

  it('an admin types `export`, sees the file by its name, clicks it and gets the CSV under that name', async () => {
    await page.goto(`http://127.0.0.1:${app.port}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.selectOption('#who', { label: 'Acme IT Admin (admin)' });
    await page.click('button[data-space="direct"]');

    await page.fill('#text', 'export');
    await page.press('#text', 'Enter');
    // The link shows the name the emulator's GET /v1/contents/{id} gives in Content-Disposition.
    const link = page.locator('.msg[data-from="bot"] .files a', { hasText: /users-\d{4}-\d{2}-\d{2}\.csv/ }).last();
    await link.waitFor();
    const name = (await link.innerText()).replace(/^📎\s*/, '');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('User ID/Email (Required)');
    expect(csv).toContain('emma.bakker@acme.example');
    expect(csv).not.toContain('requires a valid access token');
  });

  it('renders cards as Webex’s web widget: its host config, and only Action.Submit and Action.OpenUrl as working buttons', async () => {
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    await page.goto(`http://127.0.0.1:${app.port}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.selectOption('#who', { label: 'Acme IT Admin (admin)' });
    await page.click('button[data-space="direct"]');
    // A card our bot never sends (test/cards checks that), posted as the bot through the emulator.
    const response = await fetch(`http://127.0.0.1:${app.port}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.emulator.state.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        toPersonEmail: ADMIN.email,
        markdown: 'action types',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {
          type: 'AdaptiveCard', version: '1.3',
          body: [{ type: 'TextBlock', text: 'Four kinds of action', id: 'line' }],
          actions: [
            { type: 'Action.Submit', title: 'Submit it', data: { flow: 'x' } },
            { type: 'Action.OpenUrl', title: 'Open it', url: 'https://example.com/' },
            { type: 'Action.ShowCard', title: 'Show it', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'inner' }] } },
            { type: 'Action.ToggleVisibility', title: 'Toggle it', targetElements: ['line'] },
          ],
        } }],
      }),
    });
    expect(response.status).toBe(200);
    const card = botCard('Four kinds of action');
    await card.waitFor();
    expect(await card.getByRole('button', { name: 'Submit it' }).isEnabled()).toBe(true);
    expect(await card.getByRole('link', { name: 'Open it' }).isEnabled()).toBe(true); // OpenUrl's aria role
    expect(await card.getByRole('button', { name: 'Show it' }).isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: 'Toggle it' }).isDisabled()).toBe(true);
    expect(logged).toContain('Adaptive card Action.ShowCard is not supported yet');
    expect(logged).toContain('Adaptive card Action.ToggleVisibility is not supported yet');
    // The widget's host config: CiscoSans first, its default text colour #171B1F (rgb 23, 27, 31).
    const text = card.getByText('Four kinds of action');
    expect(await text.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"?CiscoSansTT Regular"?,/);
    expect(await text.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(23, 27, 31)');
  });

  it('the Control Hub panel shows the org as Webex holds it; a change made there reaches the desk on `sync`', async () => {
    const emma = 'emma.bakker@acme.example';
    const cx = 'lic-cx-essential-100103';
    await page.goto(`http://127.0.0.1:${app.port}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.selectOption('#who', { label: 'Acme IT Admin (admin)' });
    await page.click('button[data-space="direct"]');

    await page.getByText('Control Hub (emulated org)').click();
    await page.fill('#org-search', 'emma');
    await page.locator('#org-results button', { hasText: 'Emma Bakker' }).click();
    const panel = page.locator('#org-person');
    await panel.locator('h3', { hasText: 'Emma Bakker' }).waitFor();
    const box = panel.getByRole('checkbox', { name: /Customer Experience - Essential/ });
    expect(await box.isChecked()).toBe(true);
    expect(await panel.innerText()).toContain('Calling:');

    await box.uncheck();
    await panel.getByRole('button', { name: 'Change in Control Hub' }).click();
    await page.locator('#org-status', { hasText: 'removed Customer Experience - Essential' }).waitFor();
    expect(app.emulator.org.person(emma)?.licenses).not.toContain(cx);
    expect(await box.isChecked()).toBe(false);
    expect(store.userByEmail(emma)!.licenseIds).toContain(cx); // the desk does not know yet
    expect(await panel.innerText()).toContain('The desk learns this on sync');
    expect(await page.locator('#log').innerText()).toContain('Control Hub: licenses changed outside the desk');

    await page.fill('#text', 'sync');
    await page.press('#text', 'Enter');
    const synced = botCard('changed outside the desk');
    await synced.waitFor();
    expect(store.userByEmail(emma)!.licenseIds).not.toContain(cx);
    await screenshot('playground-control-hub');
  });
});
