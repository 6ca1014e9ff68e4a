// Webex mode in webhook mode, with the emulator standing in for webexapis.com: the same
// wiring `npm start` uses with WEBEX_BOT_TOKEN + WEBHOOK_URL (health probes on PORT,
// webhooks at WEBHOOK_URL's path, signature checked), only HYDRA_SERVICE_URL differs.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCore } from '../../src/bot/types.js';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { listen, type RunningServer } from '../../src/transports/server.js';
import { startWebexMode, type WebexApp } from '../../src/transports/webex-mode.js';
import { freePort } from './free-port.js';

const SECRET = 'webex-mode-test-secret-0123456789';

let emulator: Emulator;
let webex: RunningServer;
let app: WebexApp;
let port: number;
const heard: string[] = [];

const bot: BotCore = {
  handled: () => false,
  async onMessage(message, outbox) {
    heard.push(message.text);
    await outbox.sendText(message.roomId, `echo: ${message.text}`);
  },
  async onAction() {},
  async onJoined() {},
};

beforeAll(async () => {
  emulator = createEmulator({ bot: { email: 'desk@webex.bot', displayName: 'License Desk' }, people: [{ email: 'ann@acme.example', displayName: 'Ann' }] });
  const root = new Hono({ strict: false });
  root.route('/v1', emulator.api as unknown as Hono);
  webex = await listen(root, { port: 0, hostname: '127.0.0.1' });
  process.env.HYDRA_SERVICE_URL = `http://127.0.0.1:${webex.port}/v1`;
  port = await freePort();
  app = await startWebexMode({
    bot,
    token: emulator.state.botToken,
    webhook: { url: `http://127.0.0.1:${port}/hooks/webex`, secret: SECRET },
    port,
  });
});

afterAll(async () => {
  await app?.stop();
  await emulator?.idle();
  await webex?.close();
});

describe('Webex mode with WEBHOOK_URL', () => {
  it('registers signed webhooks at WEBHOOK_URL, answers health probes, and round-trips a message', async () => {
    const hooks = [...emulator.state.webhooks.values()];
    expect(hooks.map((w) => [w.resource, w.targetUrl, w.secret === SECRET])).toEqual([
      ['all', `http://127.0.0.1:${port}/hooks/webex`, true],
      ['attachmentActions', `http://127.0.0.1:${port}/hooks/webex`, true],
    ]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const ann = emulator.state.personByEmail('ann@acme.example')!;
    const token = emulator.state.tokenOf(ann.id)!;
    await fetch(`http://127.0.0.1:${webex.port}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ toPersonEmail: 'desk@webex.bot', text: 'hello' }),
    });
    const deadline = Date.now() + 15_000;
    while (![...emulator.state.messages.values()].some((m) => m.text === 'echo: hello')) {
      if (Date.now() > deadline) throw new Error('no echo');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(heard).toEqual(['hello']);
    // An unsigned call to the webhook path is refused.
    expect((await fetch(`http://127.0.0.1:${port}/hooks/webex`, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});
