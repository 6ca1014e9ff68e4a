// Handling of one card submit by the bot layer, without disk: the real createBot and
// flows over the real loaded store, with only `commit` replaced by an in-memory stand-in
// for drafts (same version check). Commits are measured on their own (throughput).
//
// Each round seeds a draft at the wizard's "service" step for a random user, then sends
// two submits through bot.onAction as Webex would: "choose Calling" (renders the licenses
// card) and, from that card's own inputs with another calling tier picked, "Review"
// (zod parse, de-dup, R11, draft checks, the rules' verdict, the review card rendered).
// The target figure is the Review submit; the choose submit is reported beside it.
import { Writable } from 'node:stream';
import winston from 'winston';
import { createBot } from '../src/bot/index.js';
import type { Outbox } from '../src/bot/types.js';
import type { Actor, Draft, User } from '../src/domain/index.js';
import { emptyChange } from '../src/domain/index.js';
import { logger } from '../src/logger.js';
import { ConflictError, type CommitInput, type CommitResult, type Store } from '../src/store/index.js';
import { BENCH_LICENSES } from './generate-org.js';
import { seededRandom } from './prng.js';
import { cpuMs, percentiles, type Percentiles } from './stats.js';

type Json = Record<string, unknown>;

/** Log lines are formatted as in production but go nowhere (a console would measure the terminal). */
export function silenceLogger(): void {
  logger.clear();
  logger.add(new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) }));
}

/** The real store for every read; draft commits kept in memory; any other commit is a bench bug. */
export function storeWithoutDisk(store: Store): { store: Store; seed(draft: Draft): void; forget(id: string): void } {
  const drafts = new Map<string, Draft | null>();
  const draft = (id: string): Draft | undefined => (drafts.has(id) ? (drafts.get(id) ?? undefined) : store.draft(id));
  const overrides: Partial<Store> = {
    draft,
    async commit(input: CommitInput): Promise<CommitResult> {
      for (const mutation of input.mutations) {
        if (mutation.type === 'draft.put') {
          const current = draft(mutation.draft.id);
          if (mutation.expectedVersion !== undefined && current?.version !== mutation.expectedVersion) {
            throw new ConflictError('draft', mutation.draft.id, mutation.expectedVersion, current?.version);
          }
          drafts.set(mutation.draft.id, mutation.draft);
        } else if (mutation.type === 'draft.delete') drafts.set(mutation.draftId, null);
        else throw new Error(`submit bench: unexpected ${mutation.type} commit (the measured path must not save)`);
      }
      return { auditSeqs: [] };
    },
    async audit(): Promise<CommitResult> {
      throw new Error('submit bench: unexpected audit (a refusal means the bench set-up is wrong)');
    },
  };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof Store];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, seed: (d) => drafts.set(d.id, d), forget: (id) => drafts.delete(id) };
}

/** Keeps the last card the bot sent (the benches click its buttons). */
export class RecordingOutbox implements Outbox {
  last: Json | undefined;
  private counter = 0;
  async sendCard(_roomId: string, card: { card: Json }) {
    this.last = card.card;
    return { messageId: `m-${++this.counter}` };
  }
  async sendText() {
    return { messageId: `m-${++this.counter}` };
  }
  sendCardToPerson = this.sendCard;
  sendTextToPerson = this.sendText;
  async sendFile() {
    return { messageId: `m-${++this.counter}` };
  }
  async deleteMessage(): Promise<void> {}
}

function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** What Webex would send for a click on `action`: the card's input values merged with the button's data. */
function submitFrom(card: Json, action: string, changed: Record<string, string>): Json {
  const inputs: Json = {};
  let data: Json | undefined;
  walk(card, (obj) => {
    if (typeof obj.type === 'string' && obj.type.startsWith('Input.') && typeof obj.id === 'string') inputs[obj.id] = typeof obj.value === 'string' ? obj.value : '';
    if (obj.type === 'Action.Submit' && (obj.data as Json | undefined)?.action === action) data = obj.data as Json;
  });
  if (!data) throw new Error(`submit bench: no "${action}" button on the card`);
  return { ...inputs, ...changed, ...data };
}

/** The wizard step a card belongs to, from its buttons' submit data. */
function stepOf(card: Json): string | undefined {
  let step: string | undefined;
  walk(card, (obj) => {
    if (obj.type === 'Action.Submit') step ??= (obj.data as Json | undefined)?.step as string | undefined;
  });
  return step;
}

const TIERS = [BENCH_LICENSES.pro, BENCH_LICENSES.std, 'none'];

export interface SubmitResult {
  review: Percentiles;
  choose: Percentiles;
  /** The Review submits in CPU time (see SearchResult.cpu). */
  reviewCpu: Percentiles;
}

export async function benchSubmit(realStore: Store, options: { rounds: number }): Promise<SubmitResult> {
  const { store, seed, forget } = storeWithoutDisk(realStore);
  const adminEmail = realStore.roles().find((r) => r.role === 'admin')!.email;
  const actor: Actor = { personId: 'p-bench-admin', email: adminEmail, displayName: 'Bench Admin' };
  let ids = 0;
  const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' }, newId: () => `bench-${++ids}` });
  const outbox = new RecordingOutbox();
  const random = seededRandom(11);
  const users = realStore.searchUsers({ type: 'internal', limit: 5000 }).users.filter((u) => u.status === 'active');
  const now = new Date();
  const review: number[] = [];
  const choose: number[] = [];
  const reviewCpu: number[] = [];
  const warmup = Math.min(300, options.rounds); // JIT: the first size runs the code cold
  let events = 0;

  let lastCpu = 0;
  const send = async (inputs: Json): Promise<number> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await bot.onAction({ eventId: `evt-${++events}`, actor, roomId: 'room-bench', messageId: `m-clicked-${events}`, inputs }, outbox);
    const wall = performance.now() - started;
    lastCpu = cpuMs(process.cpuUsage(cpu));
    return wall;
  };

  for (let round = 0; round < options.rounds + warmup; round++) {
    const user: User = random.pick(users);
    const draft: Draft = {
      id: `d-${round}`, flow: 'edit', step: 'service', ownerId: actor.personId, ownerEmail: actor.email, roomId: 'room-bench',
      targetUserId: user.id, baseRev: user.rev, change: emptyChange(), state: { search: '', page: 0 }, status: 'open',
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString(), version: 2,
    };
    seed(draft);
    const chooseMs = await send({ flow: 'edit', step: 'service', draftId: draft.id, v: draft.version, action: 'choose', service: 'calling' });
    if (stepOf(outbox.last!) !== 'licenses') throw new Error(`submit bench: choose answered with the ${stepOf(outbox.last!)} card`);
    const held = TIERS.find((tier) => user.licenseIds.includes(tier)) ?? 'none';
    const tier = random.pick(TIERS.filter((t) => t !== held));
    const reviewMs = await send(submitFrom(outbox.last!, 'review', { tier }));
    // A tier that adds a Calling license goes to the Calling location and number step first (issue 12 part 4);
    // one that breaks a rule (R4 with CX, R12 full, R3 under Attendant Console) keeps the licenses step (issue 18).
    const answered = stepOf(outbox.last!);
    const expected = answered === 'review' || (answered === 'calling' && tier !== 'none') || answered === 'licenses';
    if (!expected) throw new Error(`submit bench: the Review submit answered with the ${answered} card`);
    forget(draft.id); // a steady heap, as when finished drafts expire
    if (round >= warmup) {
      choose.push(chooseMs);
      review.push(reviewMs);
      reviewCpu.push(lastCpu);
    }
  }
  return { review: percentiles(review), choose: percentiles(choose), reviewCpu: percentiles(reviewCpu) };
}
