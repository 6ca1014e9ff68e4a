// A request worked end to end in local mode (emulator + real framework + real bot and
// store), as in the playground: the helpdesk agent submits in their 1:1, the approval card
// reaches each admin 1:1 (no approvals space configured), an admin approves, the change is
// applied and the agent is told in their space.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/index.js';
import type { Message } from '../../src/emulator/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { peopleFromStore } from '../../src/transports/people-from-store.js';
import { cardText, clickInputs } from '../e2e/cards.js';
import { cardOf, startHarness, type Harness } from '../e2e/harness.js';

const DEMO_ORG = fileURLToPath(new URL('../../data/demo-org.json', import.meta.url));
const ADMIN = 'admin@acme.example';
const HELPDESK = 'helpdesk@acme.example';
const EMMA = 'emma.bakker@acme.example';

let h: Harness;
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-request-'));
  copyFileSync(DEMO_ORG, path.join(dir, 'db.json'));
  const auditFile = path.join(dir, 'audit.log');
  store = await openStore({ dataFile: path.join(dir, 'db.json'), auditFile });
  const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en', approvalsRoomId: undefined, requestExpiryDays: 7, auditFile } });
  h = await startHarness({ bot, people: peopleFromStore(store) });
});

afterAll(async () => {
  await h?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function directRoomOf(email: string): Promise<string> {
  const room = h.app.emulator.openDirectRoom(h.person(email).id);
  await h.waitFor('the welcome card', () => h.messages(room.id).find((m) => m.personId === h.app.emulator.state.bot.id));
  return room.id;
}

const nextCard = (roomId: string, after: Message | ReadonlySet<string>, text?: string): Promise<Message> =>
  h.waitFor('a card from the bot', () => h.botMessagesAfter(roomId, after).find((m) => m.attachments && (!text || cardText(cardOf(m)).includes(text))));

async function click(email: string, card: Message, title: string, changes: Record<string, string> = {}): Promise<Message> {
  const marker = h.snapshot(card.roomId);
  const posted = await h.submit(email, card.id, clickInputs(cardOf(card), title, changes));
  expect(posted.status).toBe(200);
  return nextCard(card.roomId, marker);
}

describe('a helpdesk request end to end in local mode', () => {
  it('submit → approval card 1:1 to the admin → approve → applied, the agent told in their space', async () => {
    const helpdeskRoom = await directRoomOf(HELPDESK);
    const adminRoom = await directRoomOf(ADMIN);
    const adminMarker = h.snapshot(adminRoom);
    const said = await h.say(HELPDESK, helpdeskRoom, `licenses ${EMMA}`);
    const overview = await nextCard(helpdeskRoom, said);
    const services = await click(HELPDESK, overview, 'Edit licenses');
    const licenses = await click(HELPDESK, services, 'Choose service', { service: 'messaging' });
    const review = await click(HELPDESK, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    const submitted = await click(HELPDESK, review, 'Submit request', { reason: 'Moves to the support team' });
    expect(cardText(cardOf(submitted))).toContain('Request submitted');

    const approval = await nextCard(adminRoom, adminMarker, 'Change request for Emma Bakker');
    expect(cardText(cardOf(approval))).toContain('Moves to the support team');
    const helpdeskMarker = h.snapshot(helpdeskRoom);
    const decided = await click(ADMIN, approval, 'Approve', { comment: 'fine' });
    expect(cardText(cardOf(decided))).toContain('Request approved');
    expect(store.userByEmail(EMMA)!.licenseIds).toContain('lic-adv-messaging-100101');
    const told = await nextCard(helpdeskRoom, helpdeskMarker, 'Request approved');
    expect(cardText(cardOf(told))).toContain('was approved by admin@acme.example and the change is applied');
  });
});
