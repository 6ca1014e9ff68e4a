// The playground in a real browser: Debian's Chromium driven by playwright-core, against
// the local app (emulator + real framework + real bot + a temp copy of the demo org).
// Skipped with a message when Chromium is missing, unless REQUIRE_BROWSER=1.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startLocalMode, type LocalApp } from '../../src/transports/local-mode.js';
import { peopleFromStore } from '../../src/transports/people-from-store.js';

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
  app = await startLocalMode({ bot, people: peopleFromStore(store), port: 0 });
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
    await select.getByRole('radio', { name: /Emma Bakker/ }).check();
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
});
