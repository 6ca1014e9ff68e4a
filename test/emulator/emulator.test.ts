import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { isValidSignature } from '../../src/transports/webex/signature.js';

interface Received {
  headers: IncomingMessage['headers'];
  raw: string;
}

let emulator: Emulator;
let receiver: Server;
let received: Received[];
let targetUrl: string;

beforeEach(async () => {
  emulator = createEmulator({
    bot: { email: 'desk@webex.bot', displayName: 'License Desk' },
    people: [
      { email: 'ann@acme.example', displayName: 'Ann Admin', label: 'admin' },
      { email: 'bob@acme.example', displayName: 'Bob Nobody' },
    ],
  });
  received = [];
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, raw });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterEach(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

const person = (email: string) => emulator.people().find((p) => p.emails[0] === email)!;
const tokenOf = (email: string) => emulator.state.tokenOf(person(email).id)!;

async function call(token: string | undefined, method: string, path: string, body?: unknown) {
  const response = await emulator.api.request(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

async function registerBotWebhooks(secret: string) {
  const bot = emulator.state.botToken;
  await call(bot, 'POST', '/webhooks', { name: 'fw', targetUrl, resource: 'all', event: 'all', secret });
  await call(bot, 'POST', '/webhooks', { name: 'fw', targetUrl, resource: 'attachmentActions', event: 'created', secret });
}

describe('the Webex API emulator', () => {
  it('refuses a call without a valid bearer token', async () => {
    expect((await call(undefined, 'GET', '/people/me')).status).toBe(401);
    expect((await call('nope', 'GET', '/people/me')).status).toBe(401);
    const me = await call(tokenOf('ann@acme.example'), 'GET', '/people/me');
    expect(me.json).toMatchObject({ emails: ['ann@acme.example'], displayName: 'Ann Admin', type: 'person' });
  });

  it('puts the bot and everyone in the group space, and lists people by id like the SDK batches them', async () => {
    const members = await call(emulator.state.botToken, 'GET', `/memberships?roomId=${emulator.groupRoom.id}`);
    expect(members.json.items.map((m: { personEmail: string }) => m.personEmail).sort()).toEqual([
      'ann@acme.example',
      'bob@acme.example',
      'desk@webex.bot',
    ]);
    const ids = `${person('ann@acme.example').id},${person('bob@acme.example').id}`;
    const people = await call(emulator.state.botToken, 'GET', `/people/?id=${ids}&showAllTypes=false`);
    expect(people.json.items).toHaveLength(2);
  });

  it('turns a markdown mention into text, html and mentionedPeople, and tells the bot with a signed webhook', async () => {
    await registerBotWebhooks('s3cret-s3cret-s3cret');
    const bot = emulator.state.bot;
    const posted = await call(tokenOf('ann@acme.example'), 'POST', '/messages', {
      roomId: emulator.groupRoom.id,
      markdown: `<@personId:${bot.id}|License Desk> licenses`,
    });
    expect(posted.status).toBe(200);
    expect(posted.json).toMatchObject({ text: 'License Desk licenses', mentionedPeople: [bot.id], roomType: 'group' });
    // A group message without the mention is not sent to the bot.
    await call(tokenOf('bob@acme.example'), 'POST', '/messages', { roomId: emulator.groupRoom.id, text: 'hello all' });
    await emulator.idle();
    expect(received).toHaveLength(1);
    const delivery = received[0]!;
    expect(isValidSignature({ rawBody: delivery.raw, signature: String(delivery.headers['x-spark-signature']), secret: 's3cret-s3cret-s3cret' })).toBe(true);
    expect(JSON.parse(delivery.raw)).toMatchObject({
      name: 'fw',
      resource: 'messages',
      event: 'created',
      actorId: person('ann@acme.example').id,
      data: { id: posted.json.id, roomId: emulator.groupRoom.id, personEmail: 'ann@acme.example' },
    });
  });

  it('takes a card submit as an attachment action and delivers it to the card sender only', async () => {
    await registerBotWebhooks('s3cret-s3cret-s3cret');
    const card = await call(emulator.state.botToken, 'POST', '/messages', {
      roomId: emulator.groupRoom.id,
      markdown: 'fallback',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.3' } }],
    });
    await emulator.idle();
    received = [];
    const action = await call(tokenOf('bob@acme.example'), 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: card.json.id,
      inputs: { anything: 'goes' },
    });
    expect(action.json).toMatchObject({ type: 'submit', personId: person('bob@acme.example').id, inputs: { anything: 'goes' } });
    await emulator.idle();
    expect(received.map((r) => JSON.parse(r.raw).resource)).toEqual(['attachmentActions']);
    const fetched = await call(emulator.state.botToken, 'GET', `/attachment/actions/${action.json.id}`);
    expect(fetched.json.inputs).toEqual({ anything: 'goes' });
  });

  it('injects faults: 429 with Retry-After for the next call, then normal again; duplicated deliveries', async () => {
    emulator.faults.inject({ method: 'POST', path: /^\/messages$/, status: 429, retryAfterSeconds: 2 });
    const token = tokenOf('ann@acme.example');
    const first = await call(token, 'POST', '/messages', { roomId: emulator.groupRoom.id, text: 'one' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await call(token, 'POST', '/messages', { roomId: emulator.groupRoom.id, text: 'two' })).status).toBe(200);

    await registerBotWebhooks('s3cret-s3cret-s3cret');
    emulator.faults.duplicateNextDeliveries(1);
    await call(token, 'POST', '/messages', { roomId: emulator.groupRoom.id, markdown: `<@personEmail:desk@webex.bot|Desk> hi` });
    await emulator.idle();
    expect(received).toHaveLength(2);
    expect(received[0]!.raw).toBe(received[1]!.raw);
  });

  it('creates a 1:1 space on demand and tells the bot it was added', async () => {
    await registerBotWebhooks('s3cret-s3cret-s3cret');
    const room = emulator.openDirectRoom(person('bob@acme.example').id);
    expect(emulator.openDirectRoom(person('bob@acme.example').id).id).toBe(room.id);
    await emulator.idle();
    expect(received.map((r) => JSON.parse(r.raw))).toEqual([
      expect.objectContaining({ resource: 'memberships', event: 'created', actorId: person('bob@acme.example').id }),
    ]);
    const seenByBob = await call(tokenOf('bob@acme.example'), 'GET', `/rooms/${room.id}`);
    expect(seenByBob.json).toMatchObject({ type: 'direct', title: 'License Desk' });
  });
});
