// The bot as `npm start` runs it against a real org, with this test process playing Webex:
// the emulator (chat + the org's admin APIs) served on a port here, src/main.ts as a child
// process in Webex mode (WEBEX_BOT_TOKEN, webhook mode, WEBEX_ADMIN_TOKEN) pointed at it
// with HYDRA_SERVICE_URL. The chat helpers act like a Webex client of a person.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createEmulator, type Emulator, type Message } from '../../src/emulator/index.js';
import { openStore } from '../../src/store/index.js';
import { orgSeedFromStore } from '../../src/transports/org-from-store.js';
import { peopleFromStore } from '../../src/transports/people-from-store.js';
import { listen } from '../../src/transports/server.js';
import { freePort } from '../e2e/free-port.js';
import { cardOf } from '../e2e/harness.js';
import { cardText, clickInputs } from '../helpers/cards.js';
import { ADMIN, copyDemoOrg, type DemoOrgCopy } from '../helpers/demo-org-copy.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WEBHOOK_SECRET = 'bot-process-test-secret-0123456789';

export interface ServedWebex {
  emulator: Emulator;
  apiBase: string;
  files: DemoOrgCopy;
  close(): Promise<void>;
}

/** A demo-org copy on disk and the emulator playing the same org (as the desk last synced it), on a port. */
export async function serveDemoOrgWebex(prefix: string): Promise<ServedWebex> {
  const files = copyDemoOrg({ prefix });
  const store = await openStore({ dataFile: files.dataFile, auditFile: files.auditFile });
  const people = peopleFromStore(store);
  const org = orgSeedFromStore(store, { adminEmail: ADMIN.email });
  await store.close(); // the bot process takes the lock
  const emulator = createEmulator({ bot: { email: 'license-desk@webex.bot', displayName: 'License Desk' }, people, org });
  const root = new Hono({ strict: false });
  root.route('/v1', emulator.api as unknown as Hono);
  const server = await listen(root, { port: 0, hostname: '127.0.0.1' });
  const apiBase = `http://127.0.0.1:${server.port}/v1`;
  emulator.setPublicBase(apiBase);
  return {
    emulator,
    apiBase,
    files,
    async close() {
      await server.close();
      files.remove();
    },
  };
}

export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx src/main.ts` with the given environment on top of the test's. */
export function spawnBot(env: Record<string, string>, port: number): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, WEBEX_LOG_LEVEL: 'error', LOG_LEVEL: 'info', NODE_ENV: 'development', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, port, output: () => output, exited };
}

/** The environment of a Webex-mode bot (webhooks, admin token) against the served emulator. */
export function webexModeEnv(webex: ServedWebex, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WEBEX_BOT_TOKEN: webex.emulator.state.botToken,
    HYDRA_SERVICE_URL: webex.apiBase,
    WEBHOOK_URL: `http://127.0.0.1:${port}/webhook`,
    WEBHOOK_SECRET,
    WEBEX_ADMIN_TOKEN: webex.emulator.org.adminToken ?? '',
    DATA_FILE: webex.files.dataFile,
    AUDIT_FILE: webex.files.auditFile,
    SYNC_INTERVAL_MINUTES: '0',
    ADMIN_EMAILS: '',
    HELPDESK_EMAILS: '',
    ...extra,
  };
}

export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A started bot: /readyz answers 200 (webhooks registered, admin connection checked), and by default its first sync is done. */
export async function startBot(webex: ServedWebex, port: number, extra: Record<string, string> = {}, waitForSync = true): Promise<BotProcess> {
  const bot = spawnBot(webexModeEnv(webex, port, extra), port);
  let gone = false;
  void bot.exited.then(() => (gone = true));
  await until(
    'the bot process to be ready',
    async () => {
      if (gone) throw new Error(`the bot exited before it was ready:\n${bot.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
    },
    20_000,
  ).catch((error: unknown) => {
    throw gone ? new Error(`the bot exited before it was ready:\n${bot.output()}`) : error;
  });
  // /readyz answers a moment before main.ts has installed its SIGTERM handler; the first
  // sync's log line comes after it (and says the start sync is done).
  if (waitForSync) await until('the sync at start', () => bot.output().includes('synced with Webex'), 20_000);
  return bot;
}

export async function killHard(bot: BotProcess | undefined): Promise<void> {
  if (!bot || bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.child.kill('SIGKILL');
  await bot.exited;
}

export { freePort };

/** A person's Webex client against the served emulator. */
export function chatClient(webex: Pick<ServedWebex, 'emulator' | 'apiBase'>, email: string) {
  const { emulator } = webex;
  const { state } = emulator;
  const person = state.personByEmail(email);
  if (!person) throw new Error(`no emulated person ${email}`);
  const token = state.tokenOf(person.id)!;
  const messages = (roomId: string) => [...state.messages.values()].filter((m) => m.roomId === roomId);
  const fromBot = (m: Message) => m.personId === state.bot.id;
  const snapshot = (roomId: string): ReadonlySet<string> => new Set(messages(roomId).map((m) => m.id));
  const api = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${webex.apiBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  const client = {
    person,
    messages,
    snapshot,
    /** The bot's next card in the room after the snapshot whose text has `text`. */
    nextCard: (roomId: string, after: ReadonlySet<string>, text?: string, timeoutMs = 15_000) =>
      until(
        `a card from the bot${text ? ` saying "${text}"` : ''}`,
        () => messages(roomId).find((m) => !after.has(m.id) && fromBot(m) && m.attachments && (!text || cardText(cardOf(m)).includes(text))),
        timeoutMs,
      ),
    async directRoom(): Promise<string> {
      const room = emulator.openDirectRoom(person.id);
      await until('the welcome card', () => messages(room.id).find(fromBot));
      return room.id;
    },
    async say(roomId: string, text: string): Promise<ReadonlySet<string>> {
      const marker = snapshot(roomId);
      await api('POST', '/messages', { roomId, markdown: text });
      return marker;
    },
    async click(card: Message, title: string, changes: Record<string, string> = {}): Promise<Message> {
      const marker = snapshot(card.roomId);
      await api('POST', '/attachment/actions', { type: 'submit', messageId: card.id, inputs: clickInputs(cardOf(card), title, changes) });
      return client.nextCard(card.roomId, marker);
    },
  };
  return client;
}
