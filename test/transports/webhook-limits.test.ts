// Before a webhook's signature is known, the receiver does bounded work: bodies over the
// limit get 413 without being read on, a body that does not arrive in time gets 408 (and
// the server closes the connection), and past a few unauthenticated bodies at once, 503.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookReceiver, type WebhookLimits } from '../../src/transports/webex/http-routes.js';
import { listen, type RunningServer } from '../../src/transports/server.js';
import type { WebexTransport } from '../../src/transports/webex/transport.js';
import type { WebhookBody } from '../../src/transports/webex/webhook-body.js';

const SECRET = 'limits-test-secret-1234';
let server: RunningServer | undefined;
let sockets: net.Socket[] = [];
afterEach(async () => {
  sockets.forEach((s) => s.destroy());
  sockets = [];
  await server?.close();
  server = undefined;
});

async function start(limits: Partial<WebhookLimits>, serverTimeoutMs = limits.bodyTimeoutMs ?? 10_000) {
  const seen: WebhookBody[] = [];
  const transport = { ingestWebhook: (body: WebhookBody) => (seen.push(body), 'accepted') } as unknown as WebexTransport;
  server = await listen(webhookReceiver({ path: '/webhook', secret: SECRET, transport, limits }), {
    port: 0,
    hostname: '127.0.0.1',
    requestTimeoutMs: serverTimeoutMs,
  });
  return { seen, url: `http://127.0.0.1:${server.port}/webhook` };
}

/** A request whose headers promise `length` bytes, of which only `sent` come; the socket stays open. */
function stalledBody(port: number, length: number, sent: number): { socket: net.Socket; answer: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.write(`POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${'x'.repeat(sent)}`);
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  return { socket, answer };
}

describe('webhook receiver limits before authentication', () => {
  it('answers 413 to a 2 MB unsigned body from its Content-Length, and to a chunked one past 1 MB; nothing reaches the transport', async () => {
    const { seen, url } = await start({ maxBodyBytes: 1024 * 1024 });
    const big = 'x'.repeat(2 * 1024 * 1024);
    const sized = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(sized.status).toBe(413);
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 32; i++) controller.enqueue(new TextEncoder().encode(big.slice(0, 64 * 1024)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('does not grow memory with large unsigned bodies (each refused from its headers, never buffered)', async () => {
    await start({ maxBodyBytes: 1024 * 1024 });
    const chunk = Buffer.alloc(64 * 1024, 120); // the sender reuses one chunk: the growth measured is the receiver's
    const send = (bytes: number) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(server!.port, '127.0.0.1');
        sockets.push(socket);
        let text = '';
        socket.on('data', (data) => (text += data.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
        socket.write(`POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`);
        let sent = 0;
        const pump = () => {
          while (sent < bytes && !socket.destroyed) {
            sent += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
          socket.end();
        };
        pump();
      });
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 8; i++) expect(await send(16 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 413/);
    // 128 MB offered; a receiver that read them whole grew by about that much.
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('cuts a body that stalls: 408 from the receiver\'s own deadline, and the connection is closed', async () => {
    // Node's request timeout (it also answers 408) is set far later, so the answer is the receiver's.
    const { seen } = await start({ bodyTimeoutMs: 300 }, 8_000);
    const started = Date.now();
    const { answer } = stalledBody(server!.port, 1000, 10);
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(text).toContain('body not received in time');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toEqual([]);
  });

  it('answers 503 past the number of bodies it reads at once, and takes work again once they are gone', async () => {
    const { url } = await start({ bodyTimeoutMs: 2_000, pendingWebhookBodies: 2 });
    stalledBody(server!.port, 1000, 10);
    stalledBody(server!.port, 1000, 10);
    // Until both stalled bodies hold their slots, a probe still gets read (and refused 401).
    let third = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (let i = 0; i < 100 && third.status !== 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      third = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    }
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    sockets.forEach((s) => s.destroy());
    let later = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (let i = 0; i < 100 && later.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      later = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    }
    expect(later.status).toBe(401); // read and checked again: no signature
  });
});
