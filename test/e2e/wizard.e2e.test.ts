// The real bot on a real store (a temp copy of the demo org) behind the real framework,
// through the emulator: messages in, cards out, card submits in as attachment actions.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/index.js';
import type { Message } from '../../src/emulator/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { peopleFromStore } from '../../src/transports/people-from-store.js';
import { cardText, clickInputs, submitActions } from './cards.js';
import { cardOf, startHarness, type Harness } from './harness.js';

const DEMO_ORG = fileURLToPath(new URL('../../data/demo-org.json', import.meta.url));
const ADMIN = 'admin@acme.example';
const HELPDESK = 'helpdesk@acme.example';
const NOBODY = 'sanne.de.vries@acme.example'; // a user of the org without a role

let h: Harness;
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-wizard-'));
  copyFileSync(DEMO_ORG, path.join(dir, 'db.json'));
  store = await openStore({ dataFile: path.join(dir, 'db.json'), auditFile: path.join(dir, 'audit.log') });
  const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' } });
  h = await startHarness({ bot, people: peopleFromStore(store) });
});

afterAll(async () => {
  await h?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Open (or reuse) the person's 1:1 with the bot and wait for the welcome card. */
async function directRoomOf(email: string): Promise<string> {
  const room = h.app.emulator.openDirectRoom(h.person(email).id);
  await h.waitFor('the welcome card', () => h.messages(room.id).find((m) => m.personId === h.app.emulator.state.bot.id));
  return room.id;
}

/** The next card the bot sends in a room after `after`. */
function nextCard(roomId: string, after: Message | ReadonlySet<string> | undefined): Promise<Message> {
  return h.waitFor('a card from the bot', () => h.botMessagesAfter(roomId, after).find((m) => m.attachments));
}

async function click(email: string, card: Message, title: string, changes: Record<string, string> = {}): Promise<Message> {
  const marker = h.snapshot(card.roomId);
  const posted = await h.submit(email, card.id, clickInputs(cardOf(card), title, changes));
  expect(posted.status).toBe(200);
  return nextCard(card.roomId, marker);
}

const textOf = (message: Message) => cardText(cardOf(message));

describe('the license desk end to end (real framework, emulator, real bot and store)', () => {
  it('an admin edits a user’s licenses: message in, card out, submits in, store changed, result card out', async () => {
    const room = await directRoomOf(ADMIN);
    const said = await h.say(ADMIN, room, 'licenses emma.bakker@acme.example');
    const overview = await nextCard(room, said);
    expect(textOf(overview)).toContain('Emma Bakker');
    const services = await click(ADMIN, overview, 'Edit licenses');
    const licenses = await click(ADMIN, services, 'Choose service', { service: 'messaging' });
    expect(textOf(licenses)).toContain('Advanced Messaging');
    const review = await click(ADMIN, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    expect(textOf(review)).toContain('+ Advanced Messaging');
    expect(store.userByEmail('emma.bakker@acme.example')!.licenseIds).not.toContain('lic-adv-messaging-100101');
    const result = await click(ADMIN, review, 'Save');
    expect(textOf(result)).toMatch(/Saved: Emma Bakker/);
    expect(store.userByEmail('emma.bakker@acme.example')!.licenseIds).toContain('lic-adv-messaging-100101');
  });

  it('applies a Save whose webhook Webex delivers twice only once (one audit line)', async () => {
    const room = await directRoomOf(ADMIN);
    const said = await h.say(ADMIN, room, 'licenses lucas.smit@acme.example');
    const overview = await nextCard(room, said);
    const services = await click(ADMIN, overview, 'Edit licenses');
    const licenses = await click(ADMIN, services, 'Choose service', { service: 'messaging' });
    const review = await click(ADMIN, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    h.app.emulator.faults.duplicateNextDeliveries(1);
    const result = await click(ADMIN, review, 'Save');
    expect(textOf(result)).toMatch(/Saved: Lucas Smit/);
    await h.app.emulator.idle();
    const lines = readFileSync(path.join(dir, 'audit.log'), 'utf8').split('\n').filter((l) => l.includes('lucas.smit@acme.example') && l.includes('license.change'));
    expect(lines).toHaveLength(1);
    expect(store.userByEmail('lucas.smit@acme.example')!.licenseIds.filter((id) => id === 'lic-adv-messaging-100101')).toHaveLength(1);
  });

  it('refuses someone without a role who clicks an admin’s card in the group space', async () => {
    const group = h.app.emulator.groupRoom.id;
    const said = await h.say(ADMIN, group, 'licenses daan.visser@acme.example', { mentionBot: true });
    const overview = await nextCard(group, said);
    const before = store.userByEmail('daan.visser@acme.example')!;
    const marker = h.snapshot(group);
    const posted = await h.submit(NOBODY, overview.id, clickInputs(cardOf(overview), 'Edit licenses'));
    expect(posted.status).toBe(200); // Webex takes any member's submit…
    const answer = await nextCard(group, marker);
    expect(textOf(answer)).toMatch(/Not allowed/); // …the bot refuses it
    expect(store.userByEmail('daan.visser@acme.example')).toEqual(before);
  });

  it('refuses a helpdesk agent using an admin’s wizard card', async () => {
    const group = h.app.emulator.groupRoom.id;
    const said = await h.say(ADMIN, group, 'licenses lucas.smit@acme.example', { mentionBot: true });
    const overview = await nextCard(group, said);
    const marker = h.snapshot(group);
    await h.submit(HELPDESK, overview.id, clickInputs(cardOf(overview), 'Edit licenses'));
    const answer = await nextCard(group, marker);
    expect(textOf(answer)).toMatch(/belongs to|Not allowed/);
  });

  it('does not apply a crafted submit with inputs the card never offered', async () => {
    const room = await directRoomOf(ADMIN);
    const said = await h.say(ADMIN, room, 'licenses julia.meijer@acme.example');
    const overview = await nextCard(room, said);
    const services = await click(ADMIN, overview, 'Edit licenses');
    const licenses = await click(ADMIN, services, 'Choose service', { service: 'messaging' });
    const before = store.userByEmail('julia.meijer@acme.example')!;
    // Licenses of other services on the messaging step, and an input no card has.
    const crafted = {
      ...clickInputs(cardOf(licenses), 'Apply and review'),
      'lic.lic-ucm-100104': 'true',
      'lic.lic-attendant-console-100103': 'true',
      'lic.not-a-license': 'true',
    };
    const marker = h.snapshot(room);
    const posted = await h.submit(ADMIN, licenses.id, crafted);
    expect(posted.status).toBe(200); // Webex takes any inputs…
    const answer = await nextCard(room, marker);
    expect(textOf(answer)).not.toMatch(/Unified|Attendant Console/);
    if (submitActions(cardOf(answer)).some((a) => a.title === 'Save')) await click(ADMIN, answer, 'Save');
    // …the store never gets them.
    const after = store.userByEmail('julia.meijer@acme.example')!;
    expect(after.licenseIds).not.toContain('lic-ucm-100104');
    expect(after.licenseIds).not.toContain('lic-attendant-console-100103');
    expect(after.licenseIds).toEqual(before.licenseIds);
  });
});
