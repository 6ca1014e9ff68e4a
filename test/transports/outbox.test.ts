// The Outbox over the REST client against the emulator: cards with the adaptive card
// content type and a markdown fallback, 1:1 by email, file upload, delete, and retry.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { listen, type RunningServer } from '../../src/transports/server.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, createWebexOutbox } from '../../src/transports/webex/outbox.js';
import { createRestClient, WebexApiError } from '../../src/transports/webex/rest-client.js';

let emulator: Emulator;
let server: RunningServer;
let apiBase: string;

beforeAll(async () => {
  emulator = createEmulator({ bot: { email: 'desk@webex.bot', displayName: 'Desk' }, people: [{ email: 'ann@acme.example', displayName: 'Ann' }] });
  const root = new Hono({ strict: false });
  root.route('/v1', emulator.api as unknown as Hono);
  server = await listen(root, { port: 0, hostname: '127.0.0.1' });
  apiBase = `http://127.0.0.1:${server.port}/v1`;
  emulator.setPublicBase(apiBase);
});
afterAll(async () => server?.close());

const outbox = () =>
  createWebexOutbox(createRestClient({ token: emulator.state.botToken, apiBase, retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 1_000 } }));

describe('Webex outbox', () => {
  it('sends a card as an adaptive card attachment with the markdown fallback', async () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [] };
    const sent = await outbox().sendCard(emulator.groupRoom.id, { card, fallbackText: 'Open this in Webex' });
    expect(emulator.state.messages.get(sent.messageId)).toMatchObject({
      markdown: 'Open this in Webex',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    });
  });

  it('sends to a person by email in a 1:1, uploads a file, deletes a message', async () => {
    const dm = await outbox().sendTextToPerson('ann@acme.example', 'a request needs you');
    expect(emulator.state.messages.get(dm.messageId)).toMatchObject({ roomType: 'direct', text: 'a request needs you' });

    const file = await outbox().sendFile(emulator.groupRoom.id, { filename: 'audit.csv', contentType: 'text/csv', data: Buffer.from('a,b\n1,2\n'), markdown: 'the export' });
    const url = emulator.state.messages.get(file.messageId)!.files![0]!;
    const download = await fetch(url, { headers: { authorization: `Bearer ${emulator.state.botToken}` } });
    expect(await download.text()).toBe('a,b\n1,2\n');
    expect(download.headers.get('content-disposition')).toContain('audit.csv');

    await outbox().deleteMessage(file.messageId);
    expect(emulator.state.messages.has(file.messageId)).toBe(false);
  });

  it('retries a 500 and a dropped connection, and gives up with the status after the last attempt', async () => {
    emulator.faults.inject({ method: 'POST', path: /^\/messages$/, status: 500 });
    emulator.faults.inject({ method: 'POST', path: /^\/messages$/, kind: 'drop' });
    const sent = await outbox().sendText(emulator.groupRoom.id, 'made it');
    expect(emulator.state.messages.get(sent.messageId)?.text).toBe('made it');

    emulator.faults.inject({ method: 'POST', path: /^\/messages$/, status: 503, times: 3 });
    await expect(outbox().sendText(emulator.groupRoom.id, 'never')).rejects.toBeInstanceOf(WebexApiError);
    emulator.faults.clear();
  });
});
