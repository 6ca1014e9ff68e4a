// Issue 12 part 4 through the real framework and the emulated org: adding Webex Calling asks
// for the location and the extension or number (free numbers come from Webex), bad input is
// refused on the card with nothing saved or sent, and the good one reaches Webex with its
// properties. Also: a sync holds back a user whose change is still on its way to Webex.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import { cardText } from '../helpers/cards.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { cardOf } from '../e2e/harness.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';

const MATEO = 'mateo.garcia@acme.example'; // Messaging only: no Calling license, no properties
const PRO = 'lic-calling-pro-100101';
const ADV = 'lic-adv-messaging-100101';
let app: DemoOrgApp;
let room: string;

beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'org-calling-', org: true, orgWork: { backoff: { baseMs: 20, maxMs: 50 }, maxAttempts: 3 } });
  room = await app.h.directRoomOf(ADMIN.email);
  await app.bot.orgDesk?.()?.syncNow();
});
afterAll(async () => {
  await app?.stop();
});

const text = (m: Message) => cardText(cardOf(m));
const command = async (line: string, expect: string) => app.h.nextCard(room, await app.h.say(ADMIN.email, room, line), expect);

describe('the Calling step: location and number', () => {
  it('bad input is refused on the card, nothing saved or sent; a free number from Webex is applied with the license', async () => {
    const { h, store } = app;
    const org = h.app.emulator.org;
    const before = store.userByEmail(MATEO)!;
    const patches = org.patchCount;
    let card = await command(`licenses ${MATEO}`, 'Mateo Garcia');
    card = await h.click(ADMIN.email, card, 'Edit licenses');
    card = await h.click(ADMIN.email, card, 'Choose service', { service: 'calling' });
    card = await h.click(ADMIN.email, card, 'Apply and review', { tier: PRO });
    expect(text(card)).toContain('Webex Calling location and number');

    for (const [inputs, why] of [
      [{ 'calling.location': 'loc-paris', 'calling.extension': '4190' }, 'is not a Webex Calling location of this organization'],
      [{ 'calling.location': 'loc-amsterdam', 'calling.extension': '41a' }, 'use 2 to 10 digits only'],
      [{ 'calling.location': 'loc-amsterdam', 'calling.extension': '4101' }, 'already belongs to'],
    ] as const) {
      card = await h.click(ADMIN.email, card, 'Apply and review', inputs);
      expect(text(card)).toContain(why);
      expect(store.userByEmail(MATEO)).toEqual(before);
    }
    expect(org.patchCount).toBe(patches);

    card = await h.click(ADMIN.email, card, 'Show free numbers', { 'calling.location': 'loc-amsterdam', 'calling.extension': '4190' });
    const offered = JSON.stringify(cardOf(card)).match(/\+31\d{8,}/g) ?? [];
    expect(offered.length).toBeGreaterThan(0);
    const number = offered[0]!;
    const review = await h.click(ADMIN.email, card, 'Apply and review', { 'calling.location': 'loc-amsterdam', 'calling.extension': '4190', 'calling.number': number });
    expect(text(review)).toContain('Amsterdam HQ');
    expect(text(review)).toContain('4190');
    const marker = h.snapshot(room);
    await h.click(ADMIN.email, review, 'Save');
    await h.nextCard(room, marker, 'Applied in Webex');
    expect(org.person(MATEO)).toMatchObject({ licenses: expect.arrayContaining([PRO]), calling: { locationId: 'loc-amsterdam', extension: '4190', phoneNumber: number } });
    expect(store.userByEmail(MATEO)!.calling).toEqual({ locationId: 'loc-amsterdam', extension: '4190', phoneNumber: number });
  });
});

describe('a sync and a change on its way', () => {
  it('a user whose change Webex has not taken yet is held back by the sync: the desk keeps its record until Retry or Revert', async () => {
    const { h, store } = app;
    const org = h.app.emulator.org;
    const user = store.searchUsers({ limit: 200 }).users.find((u) => u.type === 'internal' && u.status === 'active' && u.licenseIds.includes(ADV) && store.orgChanges({ userId: u.id }).length === 0 && u.email !== ADMIN.email)!;
    h.app.emulator.faults.inject({ method: 'PATCH', path: /^\/licenses\/users$/, status: 503, times: 3 });
    let card = await command(`licenses ${user.email}`, user.displayName);
    card = await h.click(ADMIN.email, card, 'Edit licenses');
    card = await h.click(ADMIN.email, card, 'Choose service', { service: 'messaging' });
    card = await h.click(ADMIN.email, card, 'Apply and review', { [`lic.${ADV}`]: 'false' });
    const marker = h.snapshot(room);
    await h.click(ADMIN.email, card, 'Save');
    const failed = await h.nextCard(room, marker, 'Not applied in Webex');
    expect(text(failed)).toContain('Webex could not be reached after several tries');
    org.changeOutsideDesk(user.email, { add: ['lic-cx-essential-100103'] });
    const synced = await command('sync', 'Sync with Webex');
    expect(text(synced)).toMatch(/\b1 held back/);
    expect(store.user(user.id)!.licenseIds).not.toContain(ADV);
    expect(store.user(user.id)!.licenseIds).not.toContain('lic-cx-essential-100103');

    const retried = h.snapshot(room);
    await h.click(ADMIN.email, failed, 'Retry');
    await h.nextCard(room, retried, 'Applied in Webex');
    expect(org.person(user.email)?.licenses).not.toContain(ADV);
    const again = await command('sync', 'Sync with Webex');
    expect(text(again)).toMatch(/\b1 changed outside the desk/);
    expect(store.user(user.id)!.licenseIds).toContain('lic-cx-essential-100103');
  });
});
