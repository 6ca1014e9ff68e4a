// Webex calls per action, through the real framework and bot against the emulator (its
// request log is what Webex would have seen). On real Webex every call is a round trip,
// so the calls the bot makes before its reply are the latency a person feels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/emulator/index.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { startDemoOrgApp, type DemoOrgApp } from './demo-org-app.js';
import type { Message } from '../../src/emulator/index.js';

let app: DemoOrgApp;
beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'round-trips-' });
});
afterAll(async () => {
  await app?.stop();
});

const EMMA = 'emma.bakker@acme.example';

/** The bot's API calls since `seq`, in order, and how many came before its reply (the first POST, or PUT of a card). */
function botCalls(seq: number): { calls: string[]; beforeReply: number } {
  const bot = app.h.app.emulator.state.bot.emails[0];
  const calls = app.h.app.emulator.log
    .since(seq)
    .filter((e: LogEntry) => e.kind === 'api' && e.who === bot)
    .map((e) => e.title.replace(/\/v1\/(messages|attachment\/actions|people)\/[^/?]+/, '/v1/$1/{id}'));
  const reply = calls.findIndex((c) => c === 'POST /v1/messages' || c === 'PUT /v1/messages/{id}');
  return { calls, beforeReply: reply < 0 ? calls.length : reply };
}

const lastSeq = () => app.h.app.emulator.log.since(0).at(-1)?.seq ?? 0;

describe('Webex calls per action (webhook mode, our edge in front of the framework)', () => {
  it('a command in a known space: one call (GET the message) before the reply', async () => {
    const room = await app.h.directRoomOf(ADMIN.email);
    const help = await app.h.say(ADMIN.email, room, 'help');
    await app.h.nextCard(room, help); // the bot has seen this person once (and learnt the name after replying)
    await app.h.waitFor('the name lookup after the reply', () => app.h.app.emulator.log.since(0).some((e) => e.title.startsWith('GET /v1/people/') && e.title !== 'GET /v1/people/me'));
    await app.h.app.emulator.idle();
    const seq = lastSeq();
    const said = await app.h.say(ADMIN.email, room, `licenses ${EMMA}`);
    await app.h.nextCard(room, said, 'Emma Bakker');
    await app.h.app.emulator.idle();
    const { calls, beforeReply } = botCalls(seq);
    expect(calls[0]).toBe('GET /v1/messages/{id}');
    expect(beforeReply).toBe(1);
    expect(calls).not.toContain('GET /v1/people/{id}'); // the person came with the webhook and the cache
  });

  it('a card click: one call (GET the action) before the reply, and a whole edit stays small', async () => {
    const room = await app.h.directRoomOf(ADMIN.email);
    const seq = lastSeq();
    const said = await app.h.say(ADMIN.email, room, `licenses ${EMMA}`);
    let card: Message = await app.h.nextCard(room, said, 'Emma Bakker');
    const clickSeqs: number[] = [];
    for (const [title, inputs] of [
      ['Edit licenses', {}],
      ['Choose service', { service: 'messaging' }],
      ['Apply and review', { 'lic.lic-adv-messaging-100101': 'true' }],
      ['Save', {}],
    ] as const) {
      await app.h.app.emulator.idle();
      clickSeqs.push(lastSeq());
      card = await app.h.click(ADMIN.email, card, title, inputs);
    }
    await app.h.app.emulator.idle();
    expect(app.store.userByEmail(EMMA)?.licenseIds).toContain('lic-adv-messaging-100101');
    for (const clickSeq of clickSeqs) {
      const { calls, beforeReply } = botCalls(clickSeq);
      expect(calls[0]).toBe('GET /v1/attachment/actions/{id}');
      expect(beforeReply).toBe(1);
    }
    const whole = botCalls(seq).calls;
    // command: GET + POST; each click: GET + POST + DELETE of the clicked card, and one refused edit
    // (the emulator, like Webex's reference, does not edit a message with a card: card-edits tests).
    expect(whole.length).toBeLessThanOrEqual(2 + 4 * 3 + 1);
  });

  it('the first message in a new space is answered even while the framework cannot read the new membership', async () => {
    const person = 'noah.kok@acme.example';
    const bot = app.h.app.emulator.state.bot;
    // Every membership read fails: a reply that waited for the framework's spawn would never come.
    app.h.app.emulator.faults.inject({ method: 'GET', path: /^\/memberships/, callerId: bot.id, status: 500, times: 1000 });
    try {
      const seq = lastSeq();
      const sent = await app.h.api(person, 'POST', '/messages', { toPersonEmail: bot.emails[0], markdown: 'help' });
      expect(sent.status).toBe(200);
      const said = sent.json as unknown as Message;
      await app.h.waitFor('the reply', () => app.h.botMessagesAfter(said.roomId, said).find((m) => m.attachments));
      const calls = app.h.app.emulator.log.since(seq).filter((e) => e.kind === 'api' && e.who === bot.emails[0]);
      const replyAt = calls.findIndex((e) => e.title === 'POST /v1/messages' && e.roomId === said.roomId);
      const ours = calls.slice(0, replyAt).filter((e) => /^GET \/v1\/(messages|attachment|people)\//.test(e.title));
      expect(ours.map((e) => e.title.replace(/\/[^/]+$/, '/{id}'))).toEqual(['GET /v1/messages/{id}']);
    } finally {
      app.h.app.emulator.faults.clear();
    }
  });
});
