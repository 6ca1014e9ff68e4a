// Issue 12 end to end: the real framework and bot against the emulator playing both Webex
// and the org. A saved change reaches the org ("Applied in Webex"), a change Webex refuses
// comes back with Retry and Revert, a change made outside the desk comes back with `sync`
// (audited, in history), and a sync makes an open card stale. One app per file (the SDK
// takes one API base per process); each test edits its own user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/index.js';
import type { Message } from '../../src/emulator/index.js';
import { cardText } from '../helpers/cards.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { cardOf } from '../e2e/harness.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';

const ADV = 'lic-adv-messaging-100101';
const CX = 'lic-cx-essential-100103';
let app: DemoOrgApp;
/** The desk's clock runs this far ahead (the grant test moves it; it runs last). */
let ahead = 0;
let room: string;
const unused: User[] = [];

beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'org-apply-sync-', org: true, orgWork: { backoff: { baseMs: 20, maxMs: 100 } }, now: () => new Date(Date.now() + ahead) });
  room = await app.h.directRoomOf(ADMIN.email);
  await app.bot.orgDesk?.()?.syncNow(); // the sync at start, done
  unused.push(...app.store.searchUsers({ limit: 200 }).users.filter((u) => u.type === 'internal' && u.status === 'active' && !u.licenseIds.includes(ADV) && u.email !== ADMIN.email));
});
afterAll(async () => {
  await app?.stop();
});

const text = (m: Message) => cardText(cardOf(m));
const nextUser = (): User => unused.shift()!;
const command = async (line: string, expect: string) => app.h.nextCard(room, await app.h.say(ADMIN.email, room, line), expect);

/** Open the user and click to the review of "+ Advanced Messaging". */
async function reviewAdvancedMessaging(user: User): Promise<Message> {
  const { h } = app;
  let card = await command(`licenses ${user.email}`, user.displayName);
  card = await h.click(ADMIN.email, card, 'Edit licenses');
  card = await h.click(ADMIN.email, card, 'Choose service', { service: 'messaging' });
  return h.click(ADMIN.email, card, 'Apply and review', { [`lic.${ADV}`]: 'true' });
}

async function save(review: Message, expectText: string): Promise<{ saved: Message; answer: Message }> {
  const marker = app.h.snapshot(room);
  const saved = await app.h.click(ADMIN.email, review, 'Save');
  return { saved, answer: await app.h.nextCard(room, marker, expectText) };
}

describe('apply out: a saved change reaches the org', () => {
  it('Save sends PATCH /v1/licenses/users and says "Applied in Webex" in the same space; history shows the Webex status', async () => {
    const user = nextUser();
    const org = app.h.app.emulator.org;
    expect(org.person(user.email)?.licenses).not.toContain(ADV);
    const { saved, answer } = await save(await reviewAdvancedMessaging(user), 'Applied in Webex');
    expect(text(saved)).toContain('on its way to Webex');
    expect(text(answer)).toContain(user.displayName);
    expect(text(answer)).toContain('✓ + Advanced Messaging');
    expect(org.person(user.email)?.licenses).toContain(ADV);
    const [change] = app.store.orgChanges({ userId: user.id });
    expect(change).toMatchObject({ status: 'applied', source: 'save', licenses: [{ id: ADV, operation: 'add' }] });
    expect(change!.auditSeq).toBeGreaterThan(0);

    const history = await command(`history ${user.email}`, 'History of');
    expect(text(history)).toContain('Webex: applied');
    expect(text(history)).toContain('Webex answered');
  });

  it('a change Webex refuses (its last unit taken in Control Hub meanwhile) comes back as "Not applied in Webex" with the reason, Retry and Revert; Revert puts the desk back', async () => {
    const user = nextUser();
    const org = app.h.app.emulator.org;
    const free = app.store.license(ADV)!.totalUnits - app.store.usedUnits(ADV);
    const takers = unused.splice(0, free);
    for (const taker of takers) org.changeOutsideDesk(taker.email, { add: [ADV] });
    const patches = org.patchCount;
    const { answer: refused } = await save(await reviewAdvancedMessaging(user), 'Not applied in Webex');
    expect(org.patchCount).toBe(patches + 1);
    expect(text(refused)).toMatch(/✗ \+ Advanced Messaging/);
    const titles = (cardOf(refused)!.actions as { title: string }[]).map((a) => a.title);
    expect(titles).toEqual(['Retry', 'Revert']);
    expect(app.store.user(user.id)!.licenseIds).toContain(ADV); // the desk keeps its record until an admin decides
    expect((await command('pending', 'Changes on their way to Webex')) && text(app.h.messages(room).at(-1)!)).toContain('Not applied in Webex');

    const reverted = await app.h.click(ADMIN.email, refused, 'Revert');
    expect(text(reverted)).toContain('Reverted');
    expect(app.store.user(user.id)!.licenseIds).not.toContain(ADV);
    expect(org.person(user.email)?.licenses).not.toContain(ADV);
    const history = await command(`history ${user.email}`, 'History of');
    expect(text(history)).toContain('Reverted (Webex did not take it)');
    for (const taker of takers) org.changeOutsideDesk(taker.email, { remove: [ADV] });
    await app.bot.orgDesk?.()?.syncNow();
  });
});

describe('undo reaches the org too (issue 17)', () => {
  it('Undo on the Saved card: the change back is reviewed, saved, applied in Webex, and audited as an undo of that line', async () => {
    const user = nextUser();
    const org = app.h.app.emulator.org;
    const { saved } = await save(await reviewAdvancedMessaging(user), 'Applied in Webex');
    const seq = app.store.orgChanges({ userId: user.id })[0]!.auditSeq!;
    const review = await app.h.click(ADMIN.email, saved, 'Undo');
    expect(text(review)).toContain(`Undo of`);
    expect(text(review)).toContain('− Advanced Messaging');
    const { answer } = await save(review, 'Applied in Webex');
    expect(text(answer)).toContain('✓ − Advanced Messaging');
    expect(org.person(user.email)?.licenses).not.toContain(ADV);
    expect(app.store.user(user.id)!.licenseIds).not.toContain(ADV);
    const history = await command(`history ${user.email}`, 'History of');
    expect(text(history)).toContain(`Undo of #${seq}`);
  });
});

describe('sync in: the store follows the org', () => {
  it('a change made in Control Hub comes back with `sync`, audited as "Changed outside the desk" and shown in history', async () => {
    const user = nextUser();
    app.h.app.emulator.org.changeOutsideDesk(user.email, { add: [ADV] });
    const synced = await command('sync', 'Sync with Webex');
    expect(text(synced)).toMatch(/\b1 changed outside the desk/);
    expect(app.store.user(user.id)!.licenseIds).toContain(ADV);
    const history = await command(`history ${user.email}`, 'History of');
    expect(text(history)).toContain('Changed outside the desk');
    expect(text(history)).toContain('+ Advanced Messaging');
  });

  it('an open card whose user a sync changed is stale: Save changes nothing and sends nothing', async () => {
    const user = app.store.searchUsers({ limit: 200 }).users.find((u) => u.licenseIds.includes(CX) && !u.licenseIds.includes(ADV) && u.type === 'internal' && app.store.orgChanges({ userId: u.id }).length === 0)!;
    const review = await reviewAdvancedMessaging(user);
    app.h.app.emulator.org.changeOutsideDesk(user.email, { remove: [CX] });
    await app.bot.orgDesk?.()?.syncNow();
    const before = app.store.user(user.id)!;
    expect(before.licenseIds).not.toContain(CX);
    const answer = await app.h.click(ADMIN.email, review, 'Save');
    expect(text(answer)).toContain('changed by someone else meanwhile');
    expect(app.store.user(user.id)).toEqual(before);
    expect(app.store.orgChanges({ userId: user.id })).toEqual([]);
  });
});

describe('a license until a date ends in the org too (issue 17)', () => {
  it('saved until tomorrow: when the day is over the desk removes it, Webex applies the removal, and the admin is told', async () => {
    const user = nextUser();
    const org = app.h.app.emulator.org;
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const review = await reviewAdvancedMessaging(user);
    const marker = app.h.snapshot(room);
    await app.h.click(ADMIN.email, review, 'Save', { [`until-date.${ADV}`]: tomorrow });
    await app.h.nextCard(room, marker, 'Applied in Webex');
    expect(org.person(user.email)?.licenses).toContain(ADV);
    ahead = 2 * 24 * 60 * 60 * 1000; // past the end of tomorrow
    const ended = await command('grants', 'has ended');
    expect(text(ended)).toContain(user.displayName);
    await expect.poll(() => org.person(user.email)?.licenses.includes(ADV)).toBe(false);
    // Webex applied it; the desk records its answer a moment later.
    await expect.poll(() => app.store.orgChanges({ userId: user.id }).at(-1)?.status).toBe('applied');
    expect(app.store.orgChanges({ userId: user.id }).at(-1)).toMatchObject({ source: 'grant', licenses: [{ id: ADV, operation: 'remove' }] });
    const history = await command(`history ${user.email}`, 'History of');
    expect(text(history)).toContain('End of Advanced Messaging');
  });
});
