// `npm run screenshots`: PNGs of the bot's cards for the docs, in English and Dutch, as the
// playground renders them (the host config of Webex's web widget): the local app (emulator +
// real framework + real bot on a temp copy of the demo org; one per process, as the SDK
// allows) and Chromium (/usr/bin/chromium, or CHROMIUM_PATH), where people type and click as
// in Webex, once per language on other users. Writes docs/screenshots/<card>.<locale>.png.
// `npm run screenshots -- reclaim` makes only the reclaim cards' (issue 17). A doc tool, not a test.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createBot } from '../src/bot/index.js';
import { loadDemoOrg, withActivityAsOf } from '../src/demo/demo-org.js';
import type { Locale } from '../src/domain/index.js';
import { t } from '../src/i18n/index.js';
import { setLogLevel } from '../src/logger.js';
import { openStore, type Store } from '../src/store/index.js';
import { startLocalMode } from '../src/transports/local-mode.js';
import { orgSeedFromStore } from '../src/transports/org-from-store.js';
import { peopleFromStore } from '../src/transports/people-from-store.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../', import.meta.url));
const OUT = path.join(REPO, 'docs/screenshots');
const ADMIN = { label: 'Acme IT Admin (admin)', email: 'admin@acme.example' };
const HELPDESK = { label: 'Acme Helpdesk (helpdesk)' };
const ADV_MESSAGING = /Advanced Messaging/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far the desk's clock runs ahead: moved on to show a grant's last day. */
let ahead = 0;

/** `reclaim`, per language: whom the administrator asks about which license (a Dutch reader in the nl run). */
const RECLAIM: Record<Locale, { command: string; row: string; user: { label: string; email: string } }> = {
  en: { command: 'reclaim', row: 'Olivia Brown · Webex Calling - Professional', user: { label: 'Olivia Brown (no role)', email: 'olivia.brown@acme.example' } },
  nl: { command: 'terugwinnen', row: 'Mateo Garcia · Webex Messaging', user: { label: 'Mateo Garcia (no role)', email: 'mateo.garcia@acme.example' } },
};

/** What is typed, per language (the Dutch command words are the bot's own), and for whom. */
type Run = { help: string; find: string; usage: string; licenses: string; grants: string; reason: string; requestFor: string; editFor: string; standardUser: string };
type AskRun = { asker: { label: string }; iNeed: string; askReason: string; question: string };
const RUNS: Record<Locale, Run & AskRun> = {
  en: {
    help: 'help', find: 'find van', usage: 'usage', licenses: 'licenses', grants: 'grants',
    reason: 'Emma moves to the support team', requestFor: 'emma.bakker@acme.example', editFor: 'sanne.de.vries@acme.example',
    standardUser: 'tom.de.boer@acme.example',
    asker: { label: 'Tom de Boer (no role)' }, iNeed: 'I need attendant console', askReason: 'I start on the reception desk on Monday', question: 'Which desk will you work at?',
  },
  nl: {
    help: 'hulp', find: 'zoek van', usage: 'gebruik', licenses: 'licenties', grants: 'tijdelijk',
    reason: 'Julia gaat naar het supportteam', requestFor: 'julia.meijer@acme.example', editFor: 'daan.visser@acme.example',
    standardUser: 'noah.kok@acme.example',
    asker: { label: 'Noah Kok (no role)' }, iNeed: 'ik heb attendant console nodig', askReason: 'Ik begin maandag bij de receptie', question: 'Aan welke balie gaat u werken?',
  },
};

class Session {
  private seen = new Set<string>();
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  /** Be this person in their 1:1 with the bot, in this run's language. */
  async be(person: { label: string }, options: { setLanguage?: boolean } = {}): Promise<void> {
    await this.page.selectOption('#who', { label: person.label });
    await this.page.click('button[data-space="direct"]');
    await this.page.locator('.msg[data-from="bot"] .card-frame').first().waitFor(); // the welcome card
    await this.markSeen();
    if (this.locale !== 'en' && options.setLanguage !== false) {
      await this.say(`taal ${this.locale}`);
      await this.nextMessage(); // the bot's answer
    }
  }

  private async markSeen(): Promise<void> {
    for (const id of await this.page.locator('.msg[data-from="bot"]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id ?? ''))) this.seen.add(id);
  }

  async say(text: string): Promise<void> {
    await this.markSeen();
    await this.page.fill('#text', text);
    await this.page.press('#text', 'Enter');
  }

  /** The first bot message (with a card, when asked) that was not on the page before. */
  async nextMessage(withCard = false): Promise<Locator> {
    const seen = [...this.seen];
    const handle = await this.page.waitForFunction(
      ({ seen, withCard }) =>
        [...document.querySelectorAll<HTMLElement>('.msg[data-from="bot"]')].find((el) => !seen.includes(el.dataset.id ?? '') && (!withCard || el.querySelector('.card-frame')))?.dataset.id,
      { seen, withCard },
      { timeout: 20_000 },
    );
    const id = (await handle.jsonValue()) as string;
    this.seen.add(id);
    return this.page.locator(`.msg[data-id="${id}"]`);
  }

  nextCard(): Promise<Locator> {
    return this.nextMessage(true);
  }

  async click(card: Locator, key: string): Promise<void> {
    await this.markSeen();
    await card.getByRole('button', { name: t(this.locale, key), exact: true }).click();
  }

  async shot(message: Locator, name: string): Promise<void> {
    await message.scrollIntoViewIfNeeded();
    await message.screenshot({ path: path.join(OUT, `${name}.${this.locale}.png`), animations: 'disabled' });
    console.log(`docs/screenshots/${name}.${this.locale}.png`);
  }
}

async function openPage(page: Page): Promise<void> {
  await page.goto(page.url());
  await page.locator('body[data-ready="true"]').waitFor();
  // A message as wide as its card, so a shot has no empty conversation beside it.
  await page.addStyleTag({ content: '.msg { align-self: flex-start; }' });
}

/** `reclaim`: the list, the question in the user's 1:1 space, and their answer back in the administrator's. */
async function runReclaim(page: Page, locale: Locale, store: Store): Promise<void> {
  const s = new Session(page, locale);
  const words = RECLAIM[locale];
  await openPage(page);
  // The person asked reads the question in their language where the desk knows it: Dutch for the nl run.
  const asked = store.userByEmail(words.user.email)!;
  await store.commit({ mutations: [{ type: 'preference.put', personId: asked.id, locale }] });
  await s.be(ADMIN);
  await s.say(words.command);
  const list = await s.nextCard();
  // The list is taller than the window: a taller one, so the space's header does not cover its top.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport?.width ?? 1440, height: 2400 });
  await s.shot(list, 'reclaim');
  if (viewport) await page.setViewportSize(viewport);
  const select = list.locator('select').first();
  await select.selectOption((await select.locator('option', { hasText: words.row }).getAttribute('value'))!);
  await s.click(list, 'action.reclaim-ask');
  await s.nextCard();
  await s.be(words.user, { setLanguage: false });
  const license = words.row.split(' · ')[1]!;
  const question = page.locator('.msg[data-from="bot"]', { hasText: t(locale, 'reclaim.question.title', { license }) }).last();
  await question.waitFor();
  await s.shot(question, 'reclaim-question');
  await s.click(question, 'action.reclaim-answer-release');
  await s.nextCard();
  await s.be(ADMIN);
  const answer = page.locator('.msg[data-from="bot"]', { hasText: t(locale, 'reclaim.answer.title.release', { user: asked.displayName, license }) }).last();
  await answer.waitFor();
  await s.shot(answer, 'reclaim-answer');
}

async function run(page: Page, locale: Locale): Promise<void> {
  const s = new Session(page, locale);
  const words = RUNS[locale];
  await openPage(page);

    // A helpdesk agent files a request; the admin sees its approval card below.
    await s.be(HELPDESK);
    await s.say(`${words.licenses} ${words.requestFor}`);
    await s.click(await s.nextCard(), 'action.edit-licenses');
    const helpdeskServices = await s.nextCard();
    await helpdeskServices.getByRole('radio', { name: /Messaging/ }).first().check();
    await s.click(helpdeskServices, 'action.choose');
    const helpdeskLicenses = await s.nextCard();
    await helpdeskLicenses.getByRole('checkbox', { name: ADV_MESSAGING }).check();
    await s.click(helpdeskLicenses, 'action.apply-review');
    const helpdeskReview = await s.nextCard();
    await helpdeskReview.locator('textarea').first().fill(words.reason); // the reason (multiline), not the until date
    await s.click(helpdeskReview, 'action.submit-request');
    await s.nextMessage();

    await s.be(ADMIN);
    const approval = page.locator('.msg[data-from="bot"]', { hasText: words.reason }).last();
    await approval.waitFor();
    await s.shot(approval, 'request');

    await s.say(words.help);
    await s.shot(await s.nextCard(), 'help');
    await s.say(words.find);
    await s.shot(await s.nextCard(), 'user-list');
    await s.say(words.usage);
    await s.shot(await s.nextCard(), 'usage');

    await s.say(`${words.licenses} ${words.editFor}`);
    const overview = await s.nextCard();
    await s.shot(overview, 'user-overview');
    await s.click(overview, 'action.edit-licenses');
    const services = await s.nextCard();
    await services.getByRole('radio', { name: /Messaging/ }).first().check();
    await s.shot(services, 'service-choice');
    await s.click(services, 'action.choose');
    const licenses = await s.nextCard();
    await licenses.getByRole('checkbox', { name: ADV_MESSAGING }).check();
    await s.shot(licenses, 'service-licenses');
    await s.click(licenses, 'action.apply-review');
    const review = await s.nextCard();
    await review.getByRole('combobox').first().selectOption('week'); // until: 1 week
    await s.shot(review, 'review');
    await s.click(review, 'action.save');
    const result = await s.nextCard();
    await s.shot(result, 'result');
    await s.click(result, 'action.undo');
    await s.shot(await s.nextCard(), 'undo'); // the review of the change back (issue 17)

    // The license saved for 1 week: `grants`, then its last day comes (the desk's clock moves on).
    await s.say(words.grants);
    await s.shot(await s.nextCard(), 'grants');
    ahead += 7 * DAY_MS;
    await s.say(words.grants);
    const reminder = page.locator('.msg[data-from="bot"]', { hasText: t(locale, 'grant.action.let-end') }).last();
    await reminder.waitFor();
    await s.shot(reminder, 'grant-reminder');

    // A person without a role asks (issue 16); the helpdesk agent's queue card, and their question.
    await s.be(words.asker);
    await s.say(words.iNeed);
    const askForm = await s.nextCard();
    await s.shot(askForm, 'ask');
    await askForm.locator('textarea').first().fill(words.askReason);
    await s.click(askForm, 'ask.action.send');
    await s.nextMessage();
    await s.be(HELPDESK);
    const queued = page.locator('.msg[data-from="bot"]', { hasText: t(locale, 'queue.action.take') }).last();
    await queued.waitFor();
    await s.shot(queued, 'queue');
    await s.click(queued, 'queue.action.take');
    const taken = await s.nextCard();
    await taken.locator('textarea').first().fill(words.question);
    await s.click(taken, 'queue.action.question');
    await s.nextMessage();
    await s.be(words.asker);
    const questionCard = page.locator('.msg[data-from="bot"]', { hasText: t(locale, 'ask.action.answer') }).last();
    await questionCard.waitFor();
    await s.shot(questionCard, 'ask-question');
    await s.be(ADMIN);

    // R4 on the step that breaks it: Customer Experience Essentials for a Calling Standard user.
    await s.say(`${words.licenses} ${words.standardUser}`);
    await s.click(await s.nextCard(), 'action.edit-licenses');
    const cxServices = await s.nextCard();
    await cxServices.getByRole('radio', { name: /Customer Experience/ }).first().check();
    await s.click(cxServices, 'action.choose');
    const cx = await s.nextCard();
    await cx.getByRole('checkbox', { name: /Customer Experience/ }).first().check();
    await s.click(cx, 'action.apply-review');
    await s.shot(await s.nextCard(), 'way-out');
}

if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}
setLogLevel('warn');
mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2);
const dir = mkdtempSync(path.join(os.tmpdir(), 'screenshots-'));
// The demo org as local mode starts it: its "last seen in Webex" dates count back from today.
writeFileSync(path.join(dir, 'db.json'), JSON.stringify(withActivityAsOf(loadDemoOrg(), new Date())));
const store = await openStore({ dataFile: path.join(dir, 'db.json'), auditFile: path.join(dir, 'audit.log') });
const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' }, now: () => new Date(Date.now() + ahead) });
const app = await startLocalMode({ bot, people: peopleFromStore(store), org: orgSeedFromStore(store, { adminEmail: ADMIN.email }), port: 0 });
let context: BrowserContext | undefined;
try {
  context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 2,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${app.port}/`);
  for (const locale of ['en', 'nl'] as const) {
    if (only.length === 0) await run(page, locale);
    if (only.length === 0 || only.includes('reclaim')) await runReclaim(page, locale, store);
  }
} finally {
  await context?.close();
  await app.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
