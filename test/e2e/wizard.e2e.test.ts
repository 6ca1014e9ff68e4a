// The real bot on a real store (a temp copy of the demo org) behind the real framework,
// through the emulator: messages in, cards out, card submits in as attachment actions.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import type { Store } from '../../src/store/index.js';
import { cardText, clickInputs, submitActions } from '../helpers/cards.js';
import { startDemoOrgApp, type DemoOrgApp } from './demo-org-app.js';
import { cardOf, type Harness } from './harness.js';

const ADMIN = 'admin@acme.example';
const HELPDESK = 'helpdesk@acme.example';
const NOBODY = 'sanne.de.vries@acme.example'; // a user of the org without a role

let app: DemoOrgApp;
let h: Harness;
let store: Store;

beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'e2e-wizard-' });
  ({ h, store } = app);
});

afterAll(async () => {
  await app?.stop();
});

const textOf = (message: Message) => cardText(cardOf(message));

describe('the license desk end to end (real framework, emulator, real bot and store)', () => {
  it('an admin edits a user’s licenses: message in, card out, submits in, store changed, result card out', async () => {
    const room = await h.directRoomOf(ADMIN);
    const said = await h.say(ADMIN, room, 'licenses emma.bakker@acme.example');
    const overview = await h.nextCard(room, said);
    expect(textOf(overview)).toContain('Emma Bakker');
    const services = await h.click(ADMIN, overview, 'Edit licenses');
    const licenses = await h.click(ADMIN, services, 'Choose service', { service: 'messaging' });
    expect(textOf(licenses)).toContain('Advanced Messaging');
    const review = await h.click(ADMIN, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    expect(textOf(review)).toContain('+ Advanced Messaging');
    expect(store.userByEmail('emma.bakker@acme.example')!.licenseIds).not.toContain('lic-adv-messaging-100101');
    const result = await h.click(ADMIN, review, 'Save');
    expect(textOf(result)).toMatch(/Saved: Emma Bakker/);
    expect(store.userByEmail('emma.bakker@acme.example')!.licenseIds).toContain('lic-adv-messaging-100101');
  });

  it('applies a Save whose webhook Webex delivers twice only once (one audit line)', async () => {
    const room = await h.directRoomOf(ADMIN);
    const said = await h.say(ADMIN, room, 'licenses lucas.smit@acme.example');
    const overview = await h.nextCard(room, said);
    const services = await h.click(ADMIN, overview, 'Edit licenses');
    const licenses = await h.click(ADMIN, services, 'Choose service', { service: 'messaging' });
    const review = await h.click(ADMIN, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    h.app.emulator.faults.duplicateNextDeliveries(1);
    const result = await h.click(ADMIN, review, 'Save');
    expect(textOf(result)).toMatch(/Saved: Lucas Smit/);
    await h.app.emulator.idle();
    const lines = readFileSync(app.files.auditFile, 'utf8').split('\n').filter((l) => l.includes('lucas.smit@acme.example') && l.includes('license.change'));
    expect(lines).toHaveLength(1);
    expect(store.userByEmail('lucas.smit@acme.example')!.licenseIds.filter((id) => id === 'lic-adv-messaging-100101')).toHaveLength(1);
  });

  it('ten Save clicks at once: one result card, one audit line, no "#0" and no "already saved" in the room', async () => {
    const room = await h.directRoomOf(ADMIN);
    const email = 'thijs.vos@acme.example';
    const said = await h.say(ADMIN, room, `licenses ${email}`);
    const overview = await h.nextCard(room, said);
    const services = await h.click(ADMIN, overview, 'Edit licenses');
    const licenses = await h.click(ADMIN, services, 'Choose service', { service: 'messaging' });
    const review = await h.click(ADMIN, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    const marker = h.snapshot(room);
    const inputs = clickInputs(cardOf(review), 'Save');
    const posted = await Promise.all(Array.from({ length: 10 }, () => h.submit(ADMIN, review.id, inputs)));
    expect(posted.map((p) => p.status)).toEqual(Array(10).fill(200));
    await h.nextCard(room, marker, 'Saved:');
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the other nine arrive and be answered (or not)
    await h.app.emulator.idle();
    const after = h.botMessagesAfter(room, marker);
    const results = after.filter((m) => m.attachments && textOf(m).includes('Saved:'));
    expect(results).toHaveLength(1);
    expect(after.filter((m) => !m.attachments)).toEqual([]);
    expect(after.some((m) => (m.attachments ? textOf(m) : (m.text ?? '')).includes('#0'))).toBe(false);
    const lines = readFileSync(app.files.auditFile, 'utf8').split('\n').filter((l) => l.includes(email) && l.includes('license.change'));
    expect(lines).toHaveLength(1);
  });

  it('refuses someone without a role who clicks an admin’s card in the group space', async () => {
    const group = h.app.emulator.groupRoom.id;
    const said = await h.say(ADMIN, group, 'licenses daan.visser@acme.example', { mentionBot: true });
    const overview = await h.nextCard(group, said);
    const before = store.userByEmail('daan.visser@acme.example')!;
    const marker = h.snapshot(group);
    const posted = await h.submit(NOBODY, overview.id, clickInputs(cardOf(overview), 'Edit licenses'));
    expect(posted.status).toBe(200); // Webex takes any member's submit…
    const answer = await h.nextCard(group, marker);
    expect(textOf(answer)).toMatch(/Not allowed/); // …the bot refuses it
    expect(store.userByEmail('daan.visser@acme.example')).toEqual(before);
  });

  it('refuses a helpdesk agent using an admin’s wizard card', async () => {
    const group = h.app.emulator.groupRoom.id;
    const said = await h.say(ADMIN, group, 'licenses lucas.smit@acme.example', { mentionBot: true });
    const overview = await h.nextCard(group, said);
    const marker = h.snapshot(group);
    await h.submit(HELPDESK, overview.id, clickInputs(cardOf(overview), 'Edit licenses'));
    const answer = await h.nextCard(group, marker);
    expect(textOf(answer)).toMatch(/belongs to|Not allowed/);
  });

  it('does not apply a crafted submit with inputs the card never offered', async () => {
    const room = await h.directRoomOf(ADMIN);
    const said = await h.say(ADMIN, room, 'licenses julia.meijer@acme.example');
    const overview = await h.nextCard(room, said);
    const services = await h.click(ADMIN, overview, 'Edit licenses');
    const licenses = await h.click(ADMIN, services, 'Choose service', { service: 'messaging' });
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
    const answer = await h.nextCard(room, marker);
    expect(textOf(answer)).not.toMatch(/Unified|Attendant Console/);
    if (submitActions(cardOf(answer)).some((a) => a.title === 'Save')) await h.click(ADMIN, answer, 'Save');
    // …the store never gets them.
    const after = store.userByEmail('julia.meijer@acme.example')!;
    expect(after.licenseIds).not.toContain('lic-ucm-100104');
    expect(after.licenseIds).not.toContain('lic-attendant-console-100103');
    expect(after.licenseIds).toEqual(before.licenseIds);
  });
});
