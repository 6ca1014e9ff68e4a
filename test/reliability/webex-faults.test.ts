// Webex faults through the emulator, with the real framework, the real bot and a real
// store (reusing test/e2e's harness): 429 with Retry-After, 500s, a dropped connection,
// duplicated deliveries. Each event is handled once, no change is applied twice, and the
// person is eventually answered, or told of the failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import type { Store } from '../../src/store/index.js';
import { cardText, clickInputs } from '../helpers/cards.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';
import { TEST_RETRY_POLICY, cardOf, type Harness } from '../e2e/harness.js';
import { readAuditLines } from '../helpers/demo-org-copy.js';

const ADMIN = 'admin@acme.example';
const ADV = 'lic-adv-messaging-100101';

let h: Harness;
let app: DemoOrgApp;
let store: Store;
let room: string;
let botId: string;

beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'reliability-webex-' });
  ({ h, store } = app);
  botId = h.app.emulator.state.bot.id;
  room = await h.directRoomOf(ADMIN);
});
afterAll(async () => {
  await app?.stop();
});

const textOf = (message: Message) => cardText(cardOf(message));
const changesOf = (email: string) =>
  readAuditLines(app.files.auditFile).filter((entry) => entry.action === 'license.change' && entry.targetEmail === email);

function nextCard(after: ReadonlySet<string>): Promise<Message> {
  return h.waitFor('a card from the bot', () => h.botMessagesAfter(room, after).find((m) => m.attachments));
}

async function click(card: Message, title: string, changes: Record<string, string> = {}): Promise<{ posted: string; answer: Message }> {
  const marker = h.snapshot(room);
  const posted = await h.submit(ADMIN, card.id, clickInputs(cardOf(card), title, changes));
  expect(posted.status).toBe(200);
  return { posted: posted.json.id, answer: await nextCard(marker) };
}

/** The wizard to the review card: Advanced Messaging (11 units) switched on for `email`, or another license switched. */
async function toReview(email: string, toggle: { licenseId: string; on: boolean } = { licenseId: ADV, on: true }): Promise<Message> {
  const marker = h.snapshot(room);
  await h.say(ADMIN, room, `licenses ${email}`);
  const overview = await nextCard(marker);
  const services = (await click(overview, 'Edit licenses')).answer;
  const licenses = (await click(services, 'Choose service', { service: 'messaging' })).answer;
  const review = (await click(licenses, 'Apply and review', { [`lic.${toggle.licenseId}`]: String(toggle.on) })).answer;
  expect(textOf(review)).toContain('Ready to save');
  return review;
}

const faultsLogged = (status: number) => h.app.emulator.log.since(0).filter((e) => e.kind === 'fault' && e.status === status).length;

describe('Webex faults around a Save (emulator, real framework, bot and store)', () => {
  it('429 with Retry-After on the result card: the Save applies once and the person gets the result', async () => {
    const email = 'emma.bakker@acme.example';
    const review = await toReview(email);
    const before = faultsLogged(429);
    h.app.emulator.faults.inject({ method: 'POST', path: /^\/messages$/, callerId: botId, status: 429, retryAfterSeconds: 1 });
    const { answer } = await click(review, 'Save');
    expect(textOf(answer)).toContain('Saved: Emma Bakker');
    expect(faultsLogged(429)).toBe(before + 1);
    expect(changesOf(email)).toHaveLength(1);
    expect(store.userByEmail(email)!.licenseIds.filter((id) => id === ADV)).toHaveLength(1);
  });

  it('500s on fetching the card submit: retried, applied once, answered', async () => {
    const email = 'lucas.smit@acme.example';
    const review = await toReview(email);
    h.app.emulator.faults.inject({ method: 'GET', path: /^\/attachment\/actions\//, status: 500, times: 2 });
    const { answer } = await click(review, 'Save');
    expect(textOf(answer)).toContain('Saved: Lucas Smit');
    expect(changesOf(email)).toHaveLength(1);
  });

  it('a dropped connection while sending the result: resent, one result card, one change', async () => {
    const email = 'julia.meijer@acme.example';
    const review = await toReview(email);
    const marker = h.snapshot(room);
    h.app.emulator.faults.inject({ method: 'POST', path: /^\/messages$/, callerId: botId, kind: 'drop' });
    const { answer } = await click(review, 'Save');
    expect(textOf(answer)).toContain('Saved: Julia Meijer');
    await h.app.emulator.idle();
    expect(h.botMessagesAfter(room, marker).filter((m) => m.attachments && textOf(m).includes('Saved: Julia Meijer'))).toHaveLength(1);
    expect(changesOf(email)).toHaveLength(1);
  });

  it('duplicated deliveries of a command and of a Save: each handled once', async () => {
    const email = 'tom.de.boer@acme.example';
    h.app.emulator.faults.duplicateNextDeliveries(1);
    const marker = h.snapshot(room);
    await h.say(ADMIN, room, `licenses ${email}`);
    await nextCard(marker);
    await h.app.emulator.idle();
    expect(h.botMessagesAfter(room, marker).filter((m) => m.attachments)).toHaveLength(1); // one overview card, not two

    const review = await toReview(email);
    const beforeSave = h.snapshot(room);
    h.app.emulator.faults.duplicateNextDeliveries(3);
    const { posted, answer } = await click(review, 'Save');
    expect(textOf(answer)).toContain('Saved: Tom de Boer');
    await h.app.emulator.idle();
    const deliveries = h.app.emulator.log.since(0).filter((e) => e.kind === 'webhook' && e.detail === posted);
    expect(deliveries.length).toBeGreaterThanOrEqual(2); // Webex delivered the Save more than once…
    expect(changesOf(email)).toHaveLength(1); // …it applied once
    expect(h.botMessagesAfter(room, beforeSave).filter((m) => m.attachments && textOf(m).includes('Saved: Tom de Boer'))).toHaveLength(1);
  });

  it('the submit cannot be fetched at all: the person is told, nothing applied; sending it again applies once', async () => {
    const email = 'sophie.mulder@acme.example';
    const review = await toReview(email, { licenseId: 'lic-messaging-100101', on: false }); // Advanced Messaging is full by now
    const before = store.userByEmail(email)!;
    h.app.emulator.faults.inject({ method: 'GET', path: /^\/attachment\/actions\//, status: 503, times: 10 });
    const marker = h.snapshot(room);
    await h.submit(ADMIN, review.id, clickInputs(cardOf(review), 'Save'));
    const notice = await h.waitFor('the apology', () => h.botMessagesAfter(room, marker).find((m) => m.text?.includes('send it again')));
    expect(notice.text).toMatch(/reference/);
    expect(store.userByEmail(email)).toEqual(before);
    expect(changesOf(email)).toHaveLength(0);
    h.app.emulator.faults.clear();
    const { answer } = await click(review, 'Save');
    expect(textOf(answer)).toContain('Saved: Sophie Mulder');
    expect(changesOf(email)).toHaveLength(1);
  });

  it('the result cannot be sent (500s on every retry): the change is applied once, the person is told, and the next click shows it was saved', async () => {
    const email = 'milan.de.groot@acme.example';
    const review = await toReview(email, { licenseId: 'lic-messaging-100101', on: false });
    const before = faultsLogged(500);
    h.app.emulator.faults.inject({ method: 'POST', path: /^\/messages$/, callerId: botId, status: 500, times: TEST_RETRY_POLICY.maxAttempts });
    const marker = h.snapshot(room);
    await h.submit(ADMIN, review.id, clickInputs(cardOf(review), 'Save'));
    // Every attempt to send the result failed; the bot's next message (the error card) gets through.
    const told = await nextCard(marker);
    expect(faultsLogged(500)).toBe(before + TEST_RETRY_POLICY.maxAttempts);
    expect(textOf(told)).toMatch(/Something went wrong on my side \(reference .+\)\. Open the user again to see what is stored/);
    expect(changesOf(email)).toHaveLength(1);
    // The person clicks Save again: the bot shows the saved result and applies nothing twice.
    const { answer } = await click(review, 'Save');
    expect(textOf(answer)).toContain('Saved: Milan de Groot');
    expect(h.botMessagesAfter(room, marker).map((m) => m.text ?? '').join('\n')).toContain('This was already saved');
    expect(changesOf(email)).toHaveLength(1);
  });
});
