// Issue 12 end to end: the real framework and bot against the emulator playing both Webex
// and the org. A saved change reaches the org ("Applied in Webex"), a change made outside
// the desk comes back with `sync` (audited, in history), and a sync makes an open card stale.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import { cardText } from '../helpers/cards.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { cardOf } from '../e2e/harness.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';
import { EMMA } from '../e2e/edit-emma.js';

const ADV = 'lic-adv-messaging-100101';
let running: DemoOrgApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const start = async (prefix: string) => (running = await startDemoOrgApp({ prefix, org: true, orgWork: { backoff: { baseMs: 20, maxMs: 100 } } }));
const text = (m: Message) => cardText(cardOf(m));

/** Open Emma and click to the review of "+ Advanced Messaging". */
async function reviewAdvancedMessaging(app: DemoOrgApp, room: string): Promise<Message> {
  const { h } = app;
  const said = await h.say(ADMIN.email, room, `licenses ${EMMA}`);
  let card = await h.nextCard(room, said, 'Emma Bakker');
  card = await h.click(ADMIN.email, card, 'Edit licenses');
  card = await h.click(ADMIN.email, card, 'Choose service', { service: 'messaging' });
  return h.click(ADMIN.email, card, 'Apply and review', { [`lic.${ADV}`]: 'true' });
}

describe('apply out: a saved change reaches the org', () => {
  it('Save puts the change in the org through PATCH /v1/licenses/users and says "Applied in Webex" in the same space', async () => {
    const app = await start('org-apply');
    const { h, store } = app;
    const room = await h.directRoomOf(ADMIN.email);
    expect(h.app.emulator.org.person(EMMA)?.licenses).not.toContain(ADV);
    const review = await reviewAdvancedMessaging(app, room);
    const marker = h.snapshot(room);
    const saved = await h.click(ADMIN.email, review, 'Save');
    expect(text(saved)).toContain('on its way to Webex');
    const applied = await h.nextCard(room, marker, 'Applied in Webex');
    expect(text(applied)).toContain('Emma Bakker');
    expect(text(applied)).toContain('Advanced Messaging');
    expect(h.app.emulator.org.person(EMMA)?.licenses).toContain(ADV);
    const [change] = store.orgChanges({ userId: store.userByEmail(EMMA)!.id });
    expect(change).toMatchObject({ status: 'applied', source: 'save', licenses: [{ id: ADV, operation: 'add' }] });
    expect(change!.auditSeq).toBeGreaterThan(0);

    const history = await h.nextCard(room, await h.say(ADMIN.email, room, `history ${EMMA}`), 'History of');
    expect(text(history)).toContain('Webex: applied');
    expect(text(history)).toContain('Webex answered');
  });

  it('a change Webex refuses (the org changed meanwhile) comes back as "Not applied in Webex" with Webex\'s reason, Retry and Revert; Revert puts the desk back', async () => {
    const app = await start('org-refused');
    const { h, store } = app;
    const room = await h.directRoomOf(ADMIN.email);
    // Someone takes the last free unit in Control Hub meanwhile: the desk does not know yet.
    const org = h.app.emulator.org;
    const adv = store.license(ADV)!;
    const free = adv.totalUnits - store.usedUnits(ADV);
    const others = store.searchUsers({ limit: 100 }).users.filter((u) => !u.licenseIds.includes(ADV) && u.email !== EMMA && u.status === 'active').slice(0, free);
    for (const other of others) org.changeOutsideDesk(other.email, { add: [ADV] });
    const review = await reviewAdvancedMessaging(app, room);
    const marker = h.snapshot(room);
    await h.click(ADMIN.email, review, 'Save');
    const refused = await h.nextCard(room, marker, 'Not applied in Webex');
    expect(text(refused)).toMatch(/✗ \+ Advanced Messaging/);
    expect(cardOf(refused)!.actions).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Retry' }), expect.objectContaining({ title: 'Revert' })]));
    expect(store.userByEmail(EMMA)!.licenseIds).toContain(ADV); // the desk keeps its record until the admin decides

    const reverted = await h.click(ADMIN.email, refused, 'Revert');
    expect(text(reverted)).toContain('Reverted');
    expect(store.userByEmail(EMMA)!.licenseIds).not.toContain(ADV);
    expect(org.person(EMMA)?.licenses).not.toContain(ADV);
    const again = await h.submit(ADMIN.email, refused.id, { ...(cardOf(refused)!.actions as { data: object }[])[1]!.data });
    expect(again.status).toBe(200); // a second Revert on the old card only shows where the change is
  });
});

describe('sync in: the store follows the org', () => {
  it('a change made in Control Hub comes back with `sync`, audited as "Changed outside the desk" and shown in history', async () => {
    const app = await start('org-sync');
    const { h, store } = app;
    const room = await h.directRoomOf(ADMIN.email);
    await app.bot.orgDesk?.()?.syncNow(); // the sync at start
    h.app.emulator.org.changeOutsideDesk(EMMA, { add: [ADV] });
    const synced = await h.nextCard(room, await h.say(ADMIN.email, room, 'sync'), 'Sync with Webex');
    expect(text(synced)).toMatch(/1 changed outside the desk/);
    expect(store.userByEmail(EMMA)!.licenseIds).toContain(ADV);
    const history = await h.nextCard(room, await h.say(ADMIN.email, room, `history ${EMMA}`), 'History of');
    expect(text(history)).toContain('Changed outside the desk');
    expect(text(history)).toContain('Advanced Messaging');
  });

  it('an open card whose user a sync changed is stale: Save changes nothing', async () => {
    const app = await start('org-stale');
    const { h, store } = app;
    const room = await h.directRoomOf(ADMIN.email);
    const review = await reviewAdvancedMessaging(app, room);
    h.app.emulator.org.changeOutsideDesk(EMMA, { remove: ['lic-cx-essential-100103'] });
    await app.bot.orgDesk?.()?.syncNow();
    const before = store.userByEmail(EMMA)!;
    const answer = await h.click(ADMIN.email, review, 'Save');
    expect(text(answer)).toContain('changed by someone else meanwhile');
    expect(store.userByEmail(EMMA)).toEqual(before);
    expect(store.orgChanges({ userId: before.id })).toEqual([]);
  });
});
