// The Webex transport end to end with a stand-in bot: the real framework, webhook mode,
// against the emulator. Signature checks, duplicates, 429/5xx retries, error answers, drain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCore, IncomingAction, IncomingMessage } from '../../src/bot/types.js';
import { signBody } from '../../src/transports/webex/signature.js';
import { startHarness, type Harness } from './harness.js';

const ANN = 'ann@acme.example';
const BOB = 'bob@acme.example';

/** Replies to text with a card; an action "applies" (counted) and answers with text. */
function standInBot() {
  const messages: IncomingMessage[] = [];
  const actions: IncomingAction[] = [];
  const bot: BotCore = {
    handled: () => false,
    async onMessage(message, outbox) {
      messages.push(message);
      if (message.text === 'boom') throw new Error('a bug in a handler');
      if (message.text === 'slow') await new Promise((resolve) => setTimeout(resolve, 400));
      await outbox.sendCard(message.roomId, {
        card: { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: `you said ${message.text}` }], actions: [{ type: 'Action.Submit', title: 'Apply', data: { op: 'apply' } }] },
        fallbackText: `you said ${message.text}`,
      });
    },
    async onAction(action, outbox) {
      actions.push(action);
      await outbox.sendText(action.roomId, `applied for ${action.actor.email}`);
    },
    async onJoined(room, outbox) {
      await outbox.sendText(room.roomId, 'welcome');
    },
  };
  return { bot, messages, actions };
}

let h: Harness;
const stand = standInBot();

beforeAll(async () => {
  h = await startHarness({
    bot: stand.bot,
    people: [
      { email: ANN, displayName: 'Ann Admin', label: 'admin' },
      { email: BOB, displayName: 'Bob Nobody' },
      { email: 'carol@acme.example', displayName: 'Carol New' },
    ],
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('Webex transport through the emulator', () => {
  it('answers /healthz and /readyz once the framework has started', async () => {
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.base}/readyz`)).status).toBe(200);
  });

  it('passes a mention in the group space to the bot with the mention stripped and the actor from Webex', async () => {
    const room = h.app.emulator.groupRoom.id;
    const said = await h.say(ANN, room, 'usage please', { mentionBot: true });
    const reply = await h.waitFor('the card reply', () => h.botMessagesAfter(room, said)[0]);
    expect(reply.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(reply.markdown).toBe('you said usage please');
    expect(stand.messages.at(-1)).toMatchObject({ text: 'usage please', roomType: 'group', actor: { email: ANN, personId: h.person(ANN).id } });
  });

  it('ignores group messages that do not mention the bot, and welcomes in a new 1:1', async () => {
    const before = stand.messages.length;
    await h.say(BOB, h.app.emulator.groupRoom.id, 'lunch?');
    const direct = h.app.emulator.openDirectRoom(h.person(BOB).id);
    await h.waitFor('the welcome', () => h.messages(direct.id).find((m) => m.text === 'welcome'));
    await h.app.emulator.idle();
    expect(stand.messages.length).toBe(before);
  });

  it('answers the very first message of a new 1:1 (membership and message arrive together)', async () => {
    await h.api('carol@acme.example', 'POST', '/messages', { toPersonEmail: h.app.emulator.state.bot.emails[0], text: 'first words' });
    const room = h.app.emulator.state.directRoom(h.person('carol@acme.example').id, h.app.emulator.state.bot.id)!;
    await h.waitFor('the answer to the first message', () => h.messages(room.id).find((m) => m.markdown === 'you said first words'));
    await h.waitFor('the welcome', () => h.messages(room.id).find((m) => m.text === 'welcome'));
  });

  it('refuses a webhook with a missing or wrong signature (401) and processes nothing', async () => {
    const room = h.app.emulator.groupRoom.id;
    // A message Webex knows about but never announced: only our crafted webhook points at it.
    const msg = { id: 'Y2lzY29zcGFyazovL3VzL01FU1NBR0UvY3JhZnRlZA', roomId: room, roomType: 'group' as const, text: 'License Desk crafted', personId: h.person(ANN).id, personEmail: ANN, mentionedPeople: [h.app.emulator.state.bot.id], created: new Date().toISOString() };
    h.app.emulator.state.messages.set(msg.id, msg);
    const hook = [...h.app.emulator.state.webhooks.values()].find((w) => w.resource === 'all')!;
    const raw = JSON.stringify({ id: hook.id, name: hook.name, resource: 'messages', event: 'created', actorId: msg.personId, data: { id: msg.id, roomId: room, personId: msg.personId, personEmail: ANN } });
    const post = (signature?: string) =>
      fetch(`${h.base}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-spark-signature': signature } : {}) }, body: raw });

    expect((await post()).status).toBe(401);
    expect((await post(signBody(raw, 'not-the-secret-at-all'))).status).toBe(401);
    // Signed with the right secret, but over other bytes (what a re-serialised body would be).
    expect((await post(signBody(`${raw} `, h.app.webhookSecret))).status).toBe(401);
    // The same bytes, correctly signed, go through: so the refusals above were the signature alone.
    const before = stand.messages.length;
    expect((await post(signBody(raw, h.app.webhookSecret))).status).toBe(200);
    await h.waitFor('the crafted message to be handled', () => stand.messages.length > before);
    expect(stand.messages.filter((m) => m.eventId === msg.id)).toHaveLength(1);
  });

  it('hands a duplicated webhook delivery to the bot again: de-duplication is the bot\'s, in one place (test/reliability/webex-faults.test.ts)', async () => {
    const room = h.app.emulator.groupRoom.id;
    const card = await h.say(ANN, room, 'dup test', { mentionBot: true }).then((said) =>
      h.waitFor('card', () => h.botMessagesAfter(room, said).find((m) => m.attachments)),
    );
    h.app.emulator.faults.duplicateNextDeliveries(1);
    const action = await h.submit(ANN, card.id, { op: 'apply' });
    await h.app.emulator.idle();
    const deliveries = h.app.emulator.log.since(0).filter((e) => e.kind === 'webhook' && e.detail === action.json.id);
    expect(deliveries).toHaveLength(2); // Webex sent it twice…
    await h.waitFor('both copies at the bot', () => stand.actions.filter((a) => a.eventId === action.json.id).length === 2);
    expect(new Set(stand.actions.filter((a) => a.eventId === action.json.id).map((a) => a.eventId)).size).toBe(1); // …with one event id
  });

  it('retries a send that gets 429 (after Retry-After) and then succeeds', async () => {
    const room = h.app.emulator.groupRoom.id;
    const botId = h.app.emulator.state.bot.id;
    h.app.emulator.faults.inject({ method: 'POST', path: /^\/messages$/, callerId: botId, status: 429, retryAfterSeconds: 1 });
    const said = await h.say(ANN, room, 'rate limited', { mentionBot: true });
    const reply = await h.waitFor('the reply after the 429', () => h.botMessagesAfter(room, said)[0]);
    expect(reply.markdown).toBe('you said rate limited');
    const log = h.app.emulator.log.since(0);
    const fault = log.findIndex((e) => e.kind === 'fault' && e.status === 429);
    expect(fault).toBeGreaterThanOrEqual(0);
    expect(log.slice(fault).some((e) => e.kind === 'api' && e.title === 'POST /v1/messages' && e.status === 200)).toBe(true);
  });

  it('retries the fetch of a card submit that fails with 500 (the framework alone would drop it)', async () => {
    const room = h.app.emulator.groupRoom.id;
    const said = await h.say(ANN, room, 'fetch test', { mentionBot: true });
    const card = await h.waitFor('card', () => h.botMessagesAfter(room, said).find((m) => m.attachments));
    h.app.emulator.faults.inject({ method: 'GET', path: /^\/attachment\/actions\//, status: 500, times: 2 });
    const action = await h.submit(BOB, card.id, { op: 'apply' });
    await h.waitFor('the action to be handled', () => stand.actions.find((a) => a.eventId === action.json.id));
  });

  it('tells the person when a card submit cannot be fetched at all', async () => {
    const room = h.app.emulator.groupRoom.id;
    const said = await h.say(ANN, room, 'fetch fails', { mentionBot: true });
    const card = await h.waitFor('card', () => h.botMessagesAfter(room, said).find((m) => m.attachments));
    h.app.emulator.faults.inject({ method: 'GET', path: /^\/attachment\/actions\//, status: 503, times: 10 });
    const action = await h.submit(ANN, card.id, { op: 'apply' });
    const notice = await h.waitFor('the apology', () => h.botMessagesAfter(room, card).find((m) => m.text?.includes('send it again')));
    expect(notice).toBeDefined();
    expect(stand.actions.find((a) => a.eventId === action.json.id)).toBeUndefined();
    h.app.emulator.faults.clear();
  });

  it('answers a message whose sender cannot be looked up: the webhook carries the email, the name is learnt later', async () => {
    const room = h.app.emulator.groupRoom.id;
    h.app.emulator.faults.inject({ method: 'GET', path: /^\/people\/(?!me$)/, status: 502, times: 10 });
    const said = await h.say(BOB, room, 'who am i', { mentionBot: true });
    await h.waitFor('a normal reply', () => h.botMessagesAfter(room, said).find((m) => m.markdown === 'you said who am i'));
    expect(stand.messages.find((m) => m.eventId === said.id)?.actor).toMatchObject({ personId: h.person(BOB).id, email: BOB });
    h.app.emulator.faults.clear();
    const again = await h.say(BOB, room, 'again', { mentionBot: true });
    await h.waitFor('a normal reply after the failure', () => h.botMessagesAfter(room, again).find((m) => m.markdown === 'you said again'));
  });

  it('keeps running when a bot handler throws (the bot\'s own boundary answers the person; this one only logs)', async () => {
    const room = h.app.emulator.groupRoom.id;
    const said = await h.say(ANN, room, 'boom', { mentionBot: true });
    await h.waitFor('the handler to run', () => stand.messages.find((m) => m.eventId === said.id));
    const next = await h.say(ANN, room, 'still there?', { mentionBot: true });
    const reply = await h.waitFor('a normal reply', () => h.botMessagesAfter(room, next)[0]);
    expect(reply.markdown).toBe('you said still there?');
  });

  it('on stop, finishes the event in flight before closing', async () => {
    const room = h.app.emulator.groupRoom.id;
    const said = await h.say(ANN, room, 'slow', { mentionBot: true });
    await h.waitFor('the slow handler to start', () => stand.messages.find((m) => m.eventId === said.id));
    await h.stop();
    expect(h.botMessagesAfter(room, said).map((m) => m.markdown)).toEqual(['you said slow']);
    expect((await fetch(`${h.base}/healthz`).catch(() => undefined))?.status).toBeUndefined();
  });
});
