// End-to-end harness: the local app (emulator + real webex-node-bot-framework in webhook
// mode + playground) on an ephemeral port, with helpers that act like Webex clients.
import { expect } from 'vitest';
import type { BotCore } from '../../src/bot/types.js';
import type { Message, OrgSeed, Person, PersonSeed } from '../../src/emulator/index.js';
import { startLocalMode, type LocalApp } from '../../src/transports/local-mode.js';
import type { TransportLimits } from '../../src/transports/webex/http-routes.js';
import type { RetryPolicy } from '../../src/transports/webex/retry.js';
import { cardText, clickInputs } from '../helpers/cards.js';

/** Quick backoff so failure paths stay fast in tests; Retry-After is still honoured. */
export const TEST_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 2_000 };

/** A JSON answer of the emulator: an object with an id, or an error message. */
export interface ApiJson {
  id: string;
  message?: string;
  items?: unknown[];
  [key: string]: unknown;
}

export interface Harness {
  app: LocalApp;
  base: string;
  person(email: string): Person;
  /** A call to the emulator's /v1 API as this person (like a Webex client would). */
  api(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: ApiJson }>;
  say(email: string, roomId: string, text: string, options?: { mentionBot?: boolean }): Promise<Message>;
  submit(email: string, messageId: string, inputs: Record<string, unknown>): Promise<{ status: number; json: ApiJson }>;
  /** Messages of a space, oldest first. */
  messages(roomId: string): Message[];
  /** Bot messages after `after` (a message that still exists, or a snapshot of ids taken earlier). */
  botMessagesAfter(roomId: string, after: Message | ReadonlySet<string> | undefined): Message[];
  /** The ids in a space now; the bot deletes finished cards, so a message is no stable marker. */
  snapshot(roomId: string): ReadonlySet<string>;
  waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  /** Open (or reuse) the person's 1:1 with the bot and wait for the welcome card. */
  directRoomOf(email: string): Promise<string>;
  /** The next card the bot sends in a room after `after` (whose text includes `text`, if given). */
  nextCard(roomId: string, after: Message | ReadonlySet<string> | undefined, text?: string): Promise<Message>;
  /** Click a card's button (by title) as a person, with inputs changed; the bot's next card in that room. */
  click(email: string, card: Message, title: string, changes?: Record<string, string>): Promise<Message>;
  stop(): Promise<void>;
}

export async function startHarness(options: { bot: BotCore; people: PersonSeed[]; limits?: TransportLimits; org?: OrgSeed }): Promise<Harness> {
  const app = await startLocalMode({
    bot: options.bot,
    people: options.people,
    port: 0,
    retryPolicy: TEST_RETRY_POLICY,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.org ? { org: options.org } : {}),
  });
  const base = `http://127.0.0.1:${app.port}`;
  const { state } = app.emulator;
  const person = (email: string) => {
    const found = state.personByEmail(email);
    if (!found) throw new Error(`no emulated person ${email}`);
    return found;
  };
  async function api(email: string, method: string, path: string, body?: unknown) {
    const token = state.tokenOf(person(email).id);
    const response = await fetch(`${base}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as ApiJson };
  }
  const messages = (roomId: string) => [...state.messages.values()].filter((m) => m.roomId === roomId);
  const harness: Harness = {
    app,
    base,
    person,
    api,
    async say(email, roomId, text, sayOptions = {}) {
      const markdown = sayOptions.mentionBot ? `<@personId:${state.bot.id}|${state.bot.displayName}> ${text}` : text;
      const posted = await api(email, 'POST', '/messages', { roomId, markdown });
      if (posted.status !== 200) throw new Error(`posting failed: ${posted.status} ${JSON.stringify(posted.json)}`);
      return posted.json as unknown as Message;
    },
    submit: (email, messageId, inputs) => api(email, 'POST', '/attachment/actions', { type: 'submit', messageId, inputs }),
    messages,
    botMessagesAfter(roomId, after) {
      const all = messages(roomId);
      const fromBot = (m: Message) => m.personId === state.bot.id;
      if (after instanceof Set) return all.filter((m) => !after.has(m.id) && fromBot(m));
      const index = after ? all.findIndex((m) => m.id === (after as Message).id) : -1;
      if (after && index < 0) throw new Error('the marker message was deleted; use snapshot()');
      return all.slice(index + 1).filter(fromBot);
    },
    snapshot: (roomId) => new Set(messages(roomId).map((m) => m.id)),
    async waitFor(what, probe, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async directRoomOf(email) {
      const room = app.emulator.openDirectRoom(person(email).id);
      await harness.waitFor('the welcome card', () => messages(room.id).find((m) => m.personId === state.bot.id));
      return room.id;
    },
    nextCard: (roomId, after, text) =>
      harness.waitFor('a card from the bot', () =>
        harness.botMessagesAfter(roomId, after).find((m) => m.attachments && (!text || cardText(cardOf(m)).includes(text))),
      ),
    async click(email, card, title, changes = {}) {
      const marker = harness.snapshot(card.roomId);
      const posted = await harness.submit(email, card.id, clickInputs(cardOf(card), title, changes));
      expect(posted.status).toBe(200);
      return harness.nextCard(card.roomId, marker);
    },
    stop: () => app.stop(),
  };
  return harness;
}

/** The Adaptive Card a message carries, if any. */
export function cardOf(message: Message): Record<string, unknown> | undefined {
  return message.attachments?.[0]?.content as Record<string, unknown> | undefined;
}
