// Load that is shed, not queued: past the limit of events in flight a webhook is answered
// 503 (Webex delivers it again later) and nothing of it is kept; once the load falls the
// same delivery is taken and handled. Through the emulator and the real framework.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCore, IncomingMessage } from '../../src/bot/types.js';
import { startHarness, type Harness } from './harness.js';

const ANN = 'ann@acme.example';
let h: Harness;
const heard: IncomingMessage[] = [];
let release: () => void = () => undefined;

const bot: BotCore = {
  handled: (eventId) => heard.some((m) => m.eventId === eventId),
  async onMessage(message, outbox) {
    heard.push(message);
    if (message.text === 'slow') await new Promise<void>((resolve) => (release = resolve));
    await outbox.sendText(message.roomId, `done: ${message.text}`);
  },
  async onAction() {},
  async onJoined() {},
};

beforeAll(async () => {
  h = await startHarness({ bot, people: [{ email: ANN, displayName: 'Ann Admin' }], limits: { eventsInFlight: 1, eventsPerRoom: 1, pendingWebhookBodies: 32 } });
});
afterAll(async () => {
  release();
  await h?.stop();
});

describe('load shedding at the Webex edge', () => {
  it('answers 503 past the limit, keeps nothing of the shed event, and takes the redelivery once the load falls', async () => {
    const room = h.app.emulator.groupRoom.id;
    const slow = await h.say(ANN, room, 'slow', { mentionBot: true });
    await h.waitFor('the slow event to run', () => heard.find((m) => m.eventId === slow.id));
    const second = await h.say(ANN, room, 'second', { mentionBot: true });
    await h.app.emulator.idle();
    const delivery = h.app.emulator.log.since(0).find((e) => e.kind === 'webhook' && e.detail === second.id);
    expect(delivery?.status).toBe(503);
    expect(heard.some((m) => m.eventId === second.id)).toBe(false);

    release();
    await h.waitFor('the slow reply', () => h.botMessagesAfter(room, second).find((m) => m.text === 'done: slow'));
    // Webex delivers the refused webhook again: the same signed body, now taken.
    const hook = [...h.app.emulator.state.webhooks.values()].find((w) => w.resource === 'all')!;
    const raw = JSON.stringify({
      id: hook.id, name: hook.name, resource: 'messages', event: 'created', actorId: second.personId,
      data: { id: second.id, roomId: room, roomType: 'group', personId: second.personId, personEmail: ANN, mentionedPeople: second.mentionedPeople },
    });
    const again = await fetch(`${h.base}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': createHmac('sha1', h.app.webhookSecret).update(raw).digest('hex') },
      body: raw,
    });
    expect(again.status).toBe(200);
    await h.waitFor('the redelivered event answered', () => h.botMessagesAfter(room, second).find((m) => m.text === 'done: second'));
  });
});
