// "Win licenses back" end to end (issue 17): the real framework and bot against the emulator
// playing Webex and the org. Webex's lastActivity comes in with `sync` (a person who writes a
// message is active again); `reclaim` lists the idle one; "Ask the user" reaches their 1:1
// space, their "I don't need it" comes back to the administrator's, whose Remove goes to the
// org as PATCH /v1/licenses/users ("Applied in Webex"); all of it in `history`. The answer
// click is itself activity: after the next sync the user is no longer listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import { cardText } from '../helpers/cards.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { cardOf } from '../e2e/harness.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';

const ADV = 'lic-adv-messaging-100101';
const IDLE = 'kevin.willems@acme.example'; // Webex Messaging and Advanced Messaging
const BACK = 'eva.dijkstra@acme.example';
const DAY = 24 * 3600 * 1000;
/** Far enough back that no demo user's own date reaches it for years: the list holds only who this test makes idle. */
const DAYS = 3000;

let app: DemoOrgApp;
let room: string;

beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'org-reclaim-', org: true, orgWork: { backoff: { baseMs: 20, maxMs: 100 } } });
  room = await app.h.directRoomOf(ADMIN.email);
  await app.bot.orgDesk?.()?.syncNow(); // the sync at start, done
});
afterAll(async () => {
  await app?.stop();
});

const text = (m: Message) => cardText(cardOf(m));
const command = async (line: string, expect: string) => app.h.nextCard(room, await app.h.say(ADMIN.email, room, line), expect);

/** The choice value of the list's row for this user and license name. */
function rowValue(list: Message, user: string, license: string): string {
  const choices = (JSON.stringify(cardOf(list)).match(/\{"title":"[^"]*","value":"\d+"\}/g) ?? []).map((c) => JSON.parse(c) as { title: string; value: string });
  const row = choices.find((c) => c.title.includes(user) && c.title.endsWith(license));
  if (!row) throw new Error(`no row ${user} · ${license} in:\n${text(list)}`);
  return row.value;
}

describe('reclaim against the emulated org', () => {
  it('lists by the lastActivity a sync brought in; Ask the user, their answer, Remove applied in Webex; history; the answer was activity', async () => {
    const { h } = app;
    const org = h.app.emulator.org;
    const longAgo = new Date(Date.now() - (DAYS + 500) * DAY).toISOString();
    org.setLastActivity(IDLE, longAgo);
    org.setLastActivity(BACK, longAgo);
    const backRoom = await h.directRoomOf(BACK);
    await h.nextCard(backRoom, await h.say(BACK, backRoom, 'help')); // a message: Webex has seen Eva now
    await command('sync', 'Sync with Webex');
    const idle = app.store.userByEmail(IDLE)!;
    expect(idle.lastActivity).toBe(longAgo);
    expect(Date.now() - Date.parse(app.store.userByEmail(BACK)!.lastActivity!)).toBeLessThan(DAY);

    const list = await command(`reclaim ${DAYS}`, 'Win licenses back');
    expect(text(list)).toContain(`Kevin Willems · ${IDLE} · last active ${longAgo.slice(0, 10)} (${DAYS + 500} days ago)`);
    expect(text(list)).toContain('Remove frees a unit of Advanced Messaging');
    expect(text(list)).not.toContain('Eva Dijkstra');

    const idleRoom = await h.directRoomOf(IDLE);
    const beforeQuestion = h.snapshot(idleRoom);
    const asked = await h.click(ADMIN.email, list, 'Ask the user', { 'reclaim.row': rowValue(list, 'Kevin Willems', 'Advanced Messaging') });
    expect(text(asked)).toContain('Asked Kevin Willems in a 1:1 space whether they still need Advanced Messaging');
    const question = await h.nextCard(idleRoom, beforeQuestion, 'Do you still need Advanced Messaging?');

    const beforeAnswer = h.snapshot(room);
    const thanks = await h.click(IDLE, question, 'I don\'t need it');
    expect(text(thanks)).toContain('You do not need Advanced Messaging: your answer went to admin@acme.example.');
    const answer = await h.nextCard(room, beforeAnswer, 'Kevin Willems does not need Advanced Messaging');

    const beforeRemove = h.snapshot(room);
    const removed = await h.click(ADMIN.email, answer, 'Remove');
    expect(text(removed)).toContain('Removed Advanced Messaging from Kevin Willems');
    const applied = await h.nextCard(room, beforeRemove, 'Applied in Webex');
    expect(text(applied)).toContain('✓ − Advanced Messaging');
    expect(org.person(IDLE)?.licenses).not.toContain(ADV);
    expect(app.store.orgChanges({ userId: idle.id })).toMatchObject([{ status: 'applied', source: 'reclaim', licenses: [{ id: ADV, operation: 'remove' }] }]);

    const history = text(await command(`history ${IDLE}`, 'History of'));
    expect(history).toContain('User asked (reclaim)');
    expect(history).toContain('User answered (reclaim)');
    expect(history).toContain('Advanced Messaging · Sub-100101: "I don\'t need it"');
    expect(history).toContain('Won back with `reclaim`');
    expect(history).toContain('Webex: applied');

    // Answering was activity in Webex: after the next sync Kevin is no longer idle.
    await command('sync', 'Sync with Webex');
    expect(text(await command(`reclaim ${DAYS}`, 'Win licenses back'))).not.toContain('Kevin Willems');
  });
});
