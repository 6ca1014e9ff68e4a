// The webhook receiver on its own: the signature is checked over the raw bytes before
// the transport sees anything; 401 without it, 400 for a body that is not a webhook.
import { describe, expect, it } from 'vitest';
import { healthRoutes, webhookReceiver } from '../../src/transports/webex/http-routes.js';
import { signBody } from '../../src/transports/webex/signature.js';
import type { WebexTransport } from '../../src/transports/webex/transport.js';
import type { WebhookBody } from '../../src/transports/webex/webhook-body.js';

const SECRET = 'receiver-test-secret-123';

function fakeTransport(outcome: 'accepted' | 'duplicate' | 'stopping' = 'accepted') {
  const seen: WebhookBody[] = [];
  const transport = {
    ingestWebhook(body: WebhookBody) {
      seen.push(body);
      return outcome;
    },
  } as unknown as WebexTransport;
  return { transport, seen };
}

const body = JSON.stringify({ id: 'W1', name: 'hook', resource: 'messages', event: 'created', actorId: 'P1', data: { id: 'M1', roomId: 'R1', personId: 'P1' } });
const post = (app: ReturnType<typeof webhookReceiver>, raw: string, signature?: string) =>
  app.request('/webhook', { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-spark-signature': signature } : {}) }, body: raw });

describe('webhookReceiver', () => {
  it('passes a correctly signed body to the transport', async () => {
    const { transport, seen } = fakeTransport();
    const app = webhookReceiver({ path: '/webhook', secret: SECRET, transport });
    const response = await post(app, body, signBody(body, SECRET));
    expect(response.status).toBe(200);
    expect(seen.map((b) => b.data.id)).toEqual(['M1']);
  });

  it('answers 401 and passes nothing on for a missing or wrong signature', async () => {
    const { transport, seen } = fakeTransport();
    const app = webhookReceiver({ path: '/webhook', secret: SECRET, transport });
    expect((await post(app, body)).status).toBe(401);
    expect((await post(app, body, signBody(body, 'wrong-secret-wrong-secret'))).status).toBe(401);
    expect((await post(app, body, signBody(`${body}\n`, SECRET))).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('answers 400 for a signed body that is not a Webex webhook, and 503 while stopping', async () => {
    const { transport, seen } = fakeTransport();
    const app = webhookReceiver({ path: '/webhook', secret: SECRET, transport });
    expect((await post(app, 'not json', signBody('not json', SECRET))).status).toBe(400);
    expect((await post(app, '{"hello":1}', signBody('{"hello":1}', SECRET))).status).toBe(400);
    expect(seen).toEqual([]);
    const stopping = webhookReceiver({ path: '/webhook', secret: SECRET, transport: fakeTransport('stopping').transport });
    expect((await post(stopping, body, signBody(body, SECRET))).status).toBe(503);
  });
});

describe('healthRoutes', () => {
  it('says healthy at once and ready only once started', async () => {
    let ready = false;
    const app = healthRoutes({ isReady: () => ready });
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(503);
    ready = true;
    expect((await app.request('/readyz')).status).toBe(200);
  });
});
