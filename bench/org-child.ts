// The bot side of the org benchmark, one fresh process per run (clean RSS, its own event
// loop). The emulated org runs in another process (org-emulator-child.ts) and is reached
// over HTTP on 127.0.0.1, as Webex would be: what this process spends is the bot's own
// work (HTTP client, zod, the sync's diff, the store's commit), and the probe's latency
// is what a person clicking during a sync would feel.
//
// 1. Sync: the store on the generated org, the emulator the same org plus drift; a steady
//    stream of bot events (a `licenses <email>` command, then the "Edit licenses" click on
//    its card, through the real createBot and store) without a sync, then during one.
// 2. Outbox: `--changes` license adds queued as outbox entries, an OutboxWorker against
//    the emulator at each `--rates` limit (0 = none), until nothing is queued.
// Prints one JSON line.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBot } from '../src/bot/index.js';
import type { Actor, OrgChange } from '../src/domain/index.js';
import { outboxMutations, opsBetween } from '../src/flows/org/changes.js';
import { syncFromOrg, type SyncResult } from '../src/flows/org/sync.js';
import { OutboxWorker } from '../src/flows/org/worker.js';
import { openStore, type Mutation } from '../src/store/index.js';
import type { AuditInput } from '../src/domain/index.js';
import { createAdminClient } from '../src/transports/webex-admin/client.js';
import { BENCH_LICENSES, generateOrg } from './generate-org.js';
import { changeTargets, driftOf } from './org-drift.js';
import { seededRandom } from './prng.js';
import { percentiles, type Percentiles } from './stats.js';
import { silenceLogger } from './submit.js';
import { RecordingOutbox } from './submit.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const USERS = Number(arg('users', '10000'));
const DRIFT_EVERY = Number(arg('drift-every', '100'));
const CHANGES = Number(arg('changes', '300'));
const RATES = arg('rates', '100,0').split(',').filter(Boolean).map(Number);
const BASELINE_MS = Number(arg('baseline-ms', '2000'));
/** Probe rounds (command + click) per second. */
const ROUNDS_PER_SECOND = 25;

type Json = Record<string, unknown>;
const here = import.meta.dirname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => bytes / 1024 / 1024;

silenceLogger();

// ---- the emulator in its own process ----
const emulatorProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'org-emulator-child.ts'), '--users', String(USERS), '--drift-every', String(DRIFT_EVERY)], {
  cwd: path.join(here, '..'),
  stdio: ['pipe', 'pipe', 'inherit'],
});
const emulatorReady = new Promise<{ port: number; adminToken: string; drift: number }>((resolve, reject) => {
  emulatorProcess.once('exit', (code) => reject(new Error(`org emulator exited (${code})`)));
  createInterface({ input: emulatorProcess.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { port: number; adminToken: string; drift: number }));
});

// ---- the bot's store on the same generated org (in parallel with the emulator's start) ----
const document = generateOrg({ users: USERS });
const drift = driftOf(document, DRIFT_EVERY);
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-org-'));
const dataFile = path.join(dir, 'db.json');
const auditFile = path.join(dir, 'audit.log');
writeFileSync(dataFile, JSON.stringify(document));
const store = await openStore({ dataFile, auditFile });
const started = await emulatorReady;
if (started.drift !== drift.length) throw new Error(`org bench: the emulator applied ${started.drift} drift changes, expected ${drift.length}`);
const emulatorBase = `http://127.0.0.1:${started.port}`;
const org = createAdminClient({ credentials: { kind: 'token', token: started.adminToken }, apiBase: `${emulatorBase}/v1` });
const control = async <T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${emulatorBase}/bench/${route}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return (await response.json()) as T;
};

// ---- the probe: what a person's clicks cost the bot, through createBot on the real store ----
function buttonData(card: Json, title: string): Json {
  let data: Json | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Json;
      if (obj.type === 'Action.Submit' && obj.title === title) data ??= obj.data as Json;
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  if (!data) throw new Error(`org bench: no "${title}" button on the card`);
  return data;
}

const adminEmail = store.roles().find((r) => r.role === 'admin')!.email;
const actor: Actor = { personId: 'p-bench-admin', email: adminEmail, displayName: 'Bench Admin' };
let ids = 0;
const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' }, newId: () => `bench-${++ids}` });
const random = seededRandom(7);
const probeUsers = store.searchUsers({ type: 'internal', limit: 5000 }).users.filter((u) => u.status === 'active').map((u) => u.email);
let events = 0;
let commits = 0;
const commit = store.commit.bind(store);
store.commit = (input) => {
  commits += 1;
  return commit(input);
};

interface ProbeRun {
  /** Every event, felt from when it arrived (its scheduled time) to the bot's answer. */
  all: Percentiles;
  command: Percentiles;
  click: Percentiles;
  /** Store commits the clicks made (each click saves its draft, fsync). */
  commits: number;
}

/** Rounds of command + click (8 rooms of one admin), started on a fixed schedule until `stop()` is true. */
async function probe(stop: () => boolean): Promise<ProbeRun> {
  const command: number[] = [];
  const click: number[] = [];
  const commitsBefore = commits;
  const rounds: Promise<void>[] = [];
  const began = performance.now();
  for (let round = 0; !stop(); round++) {
    const due = began + (round * 1000) / ROUNDS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const roomId = `room-probe-${round % 8}`;
    const outbox = new RecordingOutbox();
    rounds.push(
      (async () => {
        await bot.onMessage({ eventId: `evt-${++events}`, actor, roomId, roomType: 'direct', text: `licenses ${random.pick(probeUsers)}` }, outbox);
        const clicked = performance.now();
        command.push(clicked - due);
        const data = buttonData(outbox.last!, 'Edit licenses');
        await bot.onAction({ eventId: `evt-${++events}`, actor, roomId, messageId: `m-card-${events}`, inputs: data }, outbox);
        click.push(performance.now() - clicked);
      })(),
    );
  }
  await Promise.all(rounds);
  return { all: percentiles([...command, ...click]), command: percentiles(command), click: percentiles(click), commits: commits - commitsBefore };
}

// Warm up (JIT, caches), then the stream without a sync.
let warm = 0;
await probe(() => ++warm > 100);
gc();
await sleep(50);
const baselineEnd = performance.now() + BASELINE_MS;
const withoutSync = await probe(() => performance.now() > baselineEnd);

// ---- 1. the sync, with the probe running ----
gc();
await sleep(50);
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 20);
const loop = monitorEventLoopDelay({ resolution: 10 });
let syncDone = false;
let commitMs = 0;
const timedCommit = store.commit;
store.commit = async (input) => {
  if (input.mutations.some((m) => m.type === 'catalog.put')) {
    const t = performance.now();
    phases.commitStartMs = Math.round(t - syncStarted);
    try {
      return await timedCommit(input);
    } finally {
      commitMs = performance.now() - t;
    }
  }
  return timedCommit(input);
};
// Where in the sync the loop stalled: timer lags over 30 ms, and when the pages and the commit ran.
const blocks: Array<{ atMs: number; ms: number }> = [];
const phases: Record<string, number> = {};
let lastTick = performance.now();
const lagTimer = setInterval(() => {
  const t = performance.now();
  if (t - lastTick > 35) blocks.push({ atMs: Math.round(lastTick - syncStarted), ms: Math.round(t - lastTick - 5) });
  lastTick = t;
}, 5);
const people = org.people.bind(org);
let pages = 0;
org.people = (onPage) =>
  people(async (page) => {
    if (pages++ === 0) phases.firstPageMs = Math.round(performance.now() - syncStarted);
    await onPage(page);
    phases.lastPageMs = Math.round(performance.now() - syncStarted);
  });
loop.enable();
const cpuBefore = process.cpuUsage();
const syncStarted = performance.now();
const duringSync = probe(() => syncDone);
const result: SyncResult = await syncFromOrg({ store, org, now: () => new Date() }).finally(() => {
  syncDone = true;
});
const syncMs = performance.now() - syncStarted;
const syncCpuMs = (() => {
  const u = process.cpuUsage(cpuBefore);
  return (u.user + u.system) / 1000;
})();
const during = await duringSync;
loop.disable();
clearInterval(sampler);
clearInterval(lagTimer);
org.people = people;
store.commit = timedCommit;
const maxRssMb = process.resourceUsage().maxRSS / 1024;

// Recorded: one "changed outside the desk" line per drifted user, and the store holds Webex's view.
const outsideLines = readFileSync(auditFile, 'utf8').split('\n').filter((line) => line.includes('"webex.outside"')).length;
const wrong = drift.filter((d) => {
  const user = store.userByEmail(d.email)!;
  return d.add.some((id) => !user.licenseIds.includes(id)) || d.remove.some((id) => user.licenseIds.includes(id));
});

const sync = {
  users: USERS,
  drift: drift.length,
  result,
  outsideLines,
  driftInStore: drift.length - wrong.length,
  syncMs,
  syncCpuMs,
  commitMs,
  rssBeforeMb: mb(rssBefore),
  rssPeakMb: mb(rssPeak),
  maxRssMb,
  eventLoop: { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: loop.mean / 1e6 },
  phases,
  blocks,
  withoutSync,
  duringSync: during,
};
process.stderr.write(`    sync of ${USERS} users: ${syncMs.toFixed(0)} ms, ${result.changed} changed of ${drift.length} drifted\n`);

// ---- 2. the outbox worker against the emulator's rate limit ----
const targets = changeTargets(document, CHANGES * RATES.length, drift);
const now = () => new Date();
const deskCtx = { org, newId: () => `bench-${++ids}`, now, roomId: 'room-bench', actor };

async function queueChanges(users: typeof targets): Promise<string[]> {
  const mutations: Mutation[] = [];
  const audit: AuditInput[] = [];
  for (const target of users) {
    const user = store.user(target.id)!;
    const after = { licenseIds: [...user.licenseIds, BENCH_LICENSES.main], attendeeOf: user.attendeeOf };
    const ops = opsBetween(store, user, after);
    mutations.push({ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: after.licenseIds, attendeeOf: after.attendeeOf });
    mutations.push(...outboxMutations(deskCtx, { user, ops, source: 'save', auditLine: audit.length }));
    audit.push({ action: 'license.change', actorId: actor.personId, actorEmail: actor.email, targetUserId: user.id, targetEmail: user.email, after: { licenseIds: after.licenseIds, attendeeOf: [...after.attendeeOf] } });
  }
  await store.commit({ mutations, audit });
  return mutations.flatMap((m) => (m.type === 'orgChange.put' ? [m.change.id] : []));
}

async function applyThrough(rate: number, users: typeof targets) {
  await control('POST', 'rate', { perSecond: rate });
  const changeIds = await queueChanges(users);
  const countersBefore = await control<{ patches: number; rateLimited: number }>('GET', 'counters');
  const worker = new OutboxWorker({ store, org, notify: async () => {} });
  const began = performance.now();
  worker.start();
  // idle() also resolves while changes wait out a Retry-After (not due yet): go on until none is queued.
  while (store.orgChanges({ status: 'queued' }).length > 0) {
    await worker.idle();
    await sleep(5);
  }
  const seconds = (performance.now() - began) / 1000;
  await worker.stop();
  const countersAfter = await control<{ patches: number; rateLimited: number }>('GET', 'counters');
  const statuses: Record<string, number> = {};
  for (const id of changeIds) {
    const status = store.orgChange(id)!.status;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const holdings = await control<Record<string, string[] | null>>('POST', 'holdings', { emails: users.map((u) => u.email) });
  const held = users.filter((u) => holdings[u.email]?.includes(BENCH_LICENSES.main)).length;
  const attempts = changeIds.reduce((sum, id) => sum + (store.orgChange(id) as OrgChange).attempts, 0);
  return {
    rateLimitPerSecond: rate,
    changes: changeIds.length,
    seconds,
    perSecond: changeIds.length / seconds,
    applied: statuses.applied ?? 0,
    statuses,
    heldInOrg: held,
    patches: countersAfter.patches - countersBefore.patches,
    rateLimited: countersAfter.rateLimited - countersBefore.rateLimited,
    workerAttempts: attempts,
  };
}

const outbox = [];
for (const [index, rate] of RATES.entries()) {
  outbox.push(await applyThrough(rate, targets.slice(index * CHANGES, (index + 1) * CHANGES)));
  process.stderr.write(`    outbox at ${rate || 'no'} limit: ${outbox.at(-1)!.perSecond.toFixed(0)} changes/s\n`);
}

emulatorProcess.stdin!.end();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ sync, outbox })}\n`);
