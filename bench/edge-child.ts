// One run of the edge benchmark in its own process (the Webex SDK takes its API base once per
// process): the real bot on a copy of the demo org, local mode (the real framework in webhook
// mode against the emulator), each emulator answer held back by --rtt ms. "Felt" is from the
// person's message or click reaching Webex to the bot's reply reaching Webex (the reply's own
// answer is not waited for), as a person sees the card appear. Prints one JSON line.
import { mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBot } from '../src/bot/index.js';
import type { LogEntry, Message } from '../src/emulator/index.js';
import { openStore } from '../src/store/index.js';
import { startLocalMode } from '../src/transports/local-mode.js';
import { peopleFromStore } from '../src/transports/people-from-store.js';
import { silenceLogger } from './submit.js';
import { percentiles } from './stats.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const RTT = Number(arg('rtt', '0'));
const EDITS = arg('edits', 'refused') as 'refused' | 'accepted';
const ROUNDS = Number(arg('rounds', '10'));
const RATES = arg('rates', '').split(',').filter(Boolean).map(Number);
const RATE_SECONDS = Number(arg('seconds', '2'));

silenceLogger();
process.env.WEBEX_LOG_LEVEL = 'error';
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-edge-'));
const dataFile = path.join(dir, 'db.json');
const auditFile = path.join(dir, 'audit.log');
copyFileSync(path.join(import.meta.dirname, '..', 'data', 'demo-org.json'), dataFile);
const store = await openStore({ dataFile, auditFile });
const internal = store.searchUsers({ type: 'internal', limit: 44 }).users.map((u) => u.email);
const admins = internal.slice(0, 40); // by config: the first 34 load the bot, the others open new spaces
const people = peopleFromStore(store, { adminEmails: admins, helpdeskEmails: [] });
const bot = createBot({ store, config: { adminEmails: admins, helpdeskEmails: [], botLocale: 'en', auditFile } });
const app = await startLocalMode({ bot, people, port: 0, limits: { eventsInFlight: 1000, eventsPerRoom: 1000, pendingWebhookBodies: 1000 } });
const { emulator } = app;
emulator.behaviour.cardEdits = EDITS;
emulator.behaviour.latencyMs = RTT;
const botId = emulator.state.bot.id;
const botEmail = emulator.state.bot.emails[0];
const base = `http://127.0.0.1:${app.port}/v1`;

// When each log entry was added, on our clock.
const seen: Array<{ entry: LogEntry; at: number }> = [];
emulator.log.subscribe((entry) => seen.push({ entry, at: performance.now() }));

async function api(email: string, method: string, apiPath: string, body: unknown): Promise<Record<string, unknown>> {
  const person = emulator.state.personByEmail(email)!;
  const response = await fetch(`${base}${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${emulator.state.tokenOf(person.id)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

const isReply = (e: LogEntry, roomId: string) => e.kind === 'api' && e.who === botEmail && e.roomId === roomId && (e.title === 'POST /v1/messages' || e.title.startsWith('PUT /v1/messages/'));
const botCallsSince = (from: number) => seen.filter((s) => s.at >= from && s.entry.kind === 'api' && s.entry.who === botEmail);

async function until<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Send, and measure until the bot's reply in that room: felt ms and the bot's calls before it. */
async function timed(roomId: string, send: () => Promise<unknown>): Promise<{ felt: number; before: number; replyAt: number }> {
  await emulator.idle();
  // The previous event's answers are back (the fallback's DELETE runs after the reply, outside the room's lane).
  await new Promise((resolve) => setTimeout(resolve, RTT + 50));
  const mark = performance.now();
  const sent = send();
  const start = await until(() => seen.find((s) => s.at >= mark && s.entry.who !== botEmail && s.entry.kind === 'api'));
  const reply = await until(() => seen.find((s) => s.at >= start.at && isReply(s.entry, roomId)));
  await sent;
  return { felt: reply.at - start.at, before: botCallsSince(start.at).filter((s) => s.at < reply.at).length, replyAt: reply.at };
}

const lastCard = (roomId: string): Message =>
  [...emulator.state.messages.values()].filter((m) => m.roomId === roomId && m.personId === botId && m.attachments).at(-1)!;
const click = (email: string, card: Message, title: string, inputs: Record<string, string> = {}) => {
  const content = card.attachments![0]!.content as { actions: { title: string; data: Record<string, unknown> }[] };
  const action = content.actions.find((a) => a.title === title);
  if (!action) throw new Error(`no button ${title} on the card`);
  return api(email, 'POST', '/attachment/actions', { type: 'submit', messageId: card.id, inputs: { ...action.data, ...inputs } });
};

const admin = admins[0]!;
const room = emulator.openDirectRoom(emulator.state.personByEmail(admin)!.id).id;
await until(() => (lastCard(room) ? true : undefined)); // the welcome card
// Warm up: the person cache, the JIT, the edit probe.
await timed(room, () => api(admin, 'POST', '/messages', { roomId: room, markdown: 'licenses emma.bakker@acme.example' }));
await timed(room, () => click(admin, lastCard(room), 'Edit licenses'));

const command = [];
const clicks = [];
for (let i = 0; i < ROUNDS; i++) {
  command.push(await timed(room, () => api(admin, 'POST', '/messages', { roomId: room, markdown: 'licenses emma.bakker@acme.example' })));
  clicks.push(await timed(room, () => click(admin, lastCard(room), 'Edit licenses')));
}

// A whole edit: command + 4 clicks, Advanced Messaging on and then off again.
const wholeEdits: Array<{ felt: number; calls: number }> = [];
for (let i = 0; i < Math.max(2, Math.round(ROUNDS / 3)); i++) {
  const on = i % 2 === 0 ? 'true' : 'false';
  const steps = [
    () => api(admin, 'POST', '/messages', { roomId: room, markdown: 'licenses emma.bakker@acme.example' }),
    () => click(admin, lastCard(room), 'Edit licenses'),
    () => click(admin, lastCard(room), 'Choose service', { service: 'messaging' }),
    () => click(admin, lastCard(room), 'Apply and review', { 'lic.lic-adv-messaging-100101': on }),
    () => click(admin, lastCard(room), 'Save'),
  ];
  await emulator.idle();
  await new Promise((resolve) => setTimeout(resolve, RTT + 20));
  const from = performance.now();
  let felt = 0;
  for (const step of steps) felt += (await timed(room, step)).felt;
  await new Promise((resolve) => setTimeout(resolve, RTT + 50));
  wholeEdits.push({ felt, calls: botCallsSince(from).length });
}

// The first message in a new space (a 1:1 the person opens by writing to the bot).
const newSpace = [];
for (const email of admins.slice(34, 34 + Math.min(5, ROUNDS))) {
  const sent = (await api(email, 'POST', '/messages', { toPersonEmail: botEmail, markdown: 'help' })) as { roomId?: string };
  const roomId = sent.roomId!;
  const reply = await until(() => seen.find((s) => isReply(s.entry, roomId) && (s.entry.detail ?? '').includes('what I do')));
  const started = seen.find((s) => s.entry.kind === 'api' && s.entry.who === email && s.entry.title === 'POST /v1/messages')!;
  const before = botCallsSince(started.at).filter((s) => s.at < reply.at && (s.entry.title.startsWith('GET /v1/messages/') || s.entry.title.startsWith('GET /v1/people/'))).length;
  newSpace.push({ felt: reply.at - started.at, before });
}

// Sustained load: `help` from the admins in their 1:1 spaces at a fixed rate; p99 of felt.
const rooms = admins.slice(0, 34).map((email) => ({ email, roomId: emulator.openDirectRoom(emulator.state.personByEmail(email)!.id).id }));
await emulator.idle();
await new Promise((resolve) => setTimeout(resolve, 300));
const sustained = [];
const claimed = new Set<number>(); // replies already matched to a message
for (const rate of RATES) {
  const felt: number[] = [];
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * RATE_SECONDS);
  const began = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { email, roomId } = rooms[i % rooms.length]!;
    const sentAt = performance.now();
    pending.push(
      api(email, 'POST', '/messages', { roomId, markdown: 'help' }).then(async () => {
        const reply = await until(() => seen.find((s) => s.at >= sentAt && isReply(s.entry, roomId) && (s.entry.detail ?? '').includes('what I do') && !claimed.has(s.entry.seq))).catch((e: unknown) => {
          process.stderr.write(`${JSON.stringify(seen.filter((x) => x.entry.roomId === roomId).map((x) => [x.entry.title, x.entry.who, x.entry.detail]).slice(-8))}\n`);
          throw e;
        });
        claimed.add(reply.entry.seq);
        const start = seen.find((s) => s.entry.kind === 'api' && s.entry.who === email && s.at >= sentAt && s.entry.detail === 'help' && s.entry.roomId === roomId);
        felt.push(reply.at - (start?.at ?? sentAt));
      }),
    );
  }
  await Promise.all(pending);
  const p = percentiles(felt);
  sustained.push({ rate, events: total, p50: p.p50, p99: p.p99 });
}
await app.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });

const summary = (samples: Array<{ felt: number; before: number }>) => ({ ...percentiles(samples.map((s) => s.felt)), callsBeforeReply: Math.max(...samples.map((s) => s.before)) });
process.stdout.write(
  `${JSON.stringify({
    rttMs: RTT,
    cardEdits: EDITS,
    command: summary(command),
    click: summary(clicks),
    newSpace: summary(newSpace),
    wholeEdit: { ...percentiles(wholeEdits.map((w) => w.felt)), calls: Math.max(...wholeEdits.map((w) => w.calls)) },
    sustained,
  })}\n`,
);
