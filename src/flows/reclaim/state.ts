// What `reclaim` remembers between clicks, kept in drafts the store already has (no new
// collection): a Keep, and a question to the user ("Ask the user") with its answer. Each has a
// fixed id per user and license, so a listing finds it in O(1); each expires like any draft
// (the bot's draft sweep removes it), which is when a Keep ends and a question closes.
import { createHash } from 'node:crypto';
import { emptyChange, type Draft, type User } from '../../domain/index.js';
import type { StoreReader } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import { z } from 'zod';

export const RECLAIM_FLOW = 'reclaim';
/** The flow of the question's card, which the person asked answers (src/flows/reclaim/answer.ts). */
export const RECLAIM_ASK_FLOW = 'reclaim-ask';
/** Keeps are no cards: no CardFlow has this name, so no submit can reach one. */
const KEEP_FLOW = 'reclaim-keep';

/** A Keep leaves the user out of reclaim lists for that license this long (unless they stay idle past it). */
export const KEEP_DAYS = 90;
/** A question stays open this long, and an answer waits this long for an administrator. */
export const ASK_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

const rowKey = (userId: string, licenseId: string): string => createHash('sha256').update(`${userId}\n${licenseId}`).digest('hex').slice(0, 32);
export const keepIdOf = (userId: string, licenseId: string): string => `reclaim-keep-${rowKey(userId, licenseId)}`;
export const askIdOf = (userId: string, licenseId: string): string => `reclaim-ask-${rowKey(userId, licenseId)}`;

const live = (draft: Draft | undefined, now: Date): draft is Draft => draft !== undefined && Date.parse(draft.expiresAt) > now.getTime();

/** Until when a Keep of this license holds (ISO), if one does. */
export function keptUntil(store: Pick<StoreReader, 'draft'>, userId: string, licenseId: string, now: Date): string | undefined {
  const draft = store.draft(keepIdOf(userId, licenseId));
  return live(draft, now) && draft.flow === KEEP_FLOW ? draft.expiresAt : undefined;
}

/** The Keep as a finished draft of the admin who kept it. */
export function keepDraft(ctx: FlowContext, user: User, licenseId: string): Draft {
  return rowDraft(ctx, { id: keepIdOf(user.id, licenseId), flow: KEEP_FLOW, step: 'kept', user, licenseId, status: 'done', days: KEEP_DAYS, version: 0 });
}

/** A Keep's or a question's draft: the admin's, about one user's license, expiring after `days`. */
function rowDraft(ctx: FlowContext, row: { id: string; flow: string; step: string; user: User; licenseId: string; status: Draft['status']; days: number; version: number }): Draft {
  const now = ctx.now();
  return {
    id: row.id,
    flow: row.flow,
    step: row.step,
    ownerId: ctx.actor.personId,
    ownerEmail: ctx.actor.email,
    roomId: ctx.roomId,
    targetUserId: row.user.id,
    change: emptyChange(),
    state: { licenseId: row.licenseId },
    status: row.status,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + row.days * DAY_MS).toISOString(),
    version: row.version,
  };
}

export const ANSWERS = ['keep', 'release'] as const;
export type Answer = (typeof ANSWERS)[number];

const AskStateSchema = z.object({
  licenseId: z.string(),
  answer: z.enum(ANSWERS).optional(),
  answeredAt: z.string().optional(),
  /** What an administrator did with it: the question is closed then. */
  decided: z.object({ by: z.string(), what: z.enum(['keep', 'remove']) }).optional(),
});

/** A question to a user about one license: who asked where (the answer goes there), and the answer. */
export interface ReclaimAsk {
  draft: Draft;
  userId: string;
  licenseId: string;
  askedBy: string;
  askedAt: string;
  /** The space the administrator asked from: the answer goes there. */
  roomId: string;
  answer?: Answer;
  answeredAt?: string;
  decided?: { by: string; what: 'keep' | 'remove' };
}

/** A question as its draft holds it; undefined when it is not one, or has expired. */
export function askFromDraft(draft: Draft | undefined, now: Date): ReclaimAsk | undefined {
  if (!live(draft, now) || draft.flow !== RECLAIM_ASK_FLOW || !draft.targetUserId) return undefined;
  const state = AskStateSchema.safeParse(draft.state);
  if (!state.success) return undefined;
  const { licenseId, answer, answeredAt, decided } = state.data;
  return {
    draft,
    userId: draft.targetUserId,
    licenseId,
    askedBy: draft.ownerEmail,
    askedAt: draft.createdAt,
    roomId: draft.roomId,
    ...(answer ? { answer } : {}),
    ...(answeredAt ? { answeredAt } : {}),
    ...(decided ? { decided } : {}),
  };
}

/** The open question about this user's license (asked, maybe answered, not yet decided). */
export function openAsk(store: Pick<StoreReader, 'draft'>, userId: string, licenseId: string, now: Date): ReclaimAsk | undefined {
  const ask = askFromDraft(store.draft(askIdOf(userId, licenseId)), now);
  return ask && !ask.decided ? ask : undefined;
}

/** A new question (or a new one over a closed or expired one: its version moves on, so old cards are stale). */
export function askDraft(ctx: FlowContext, user: User, licenseId: string): Draft {
  const previous = ctx.store.draft(askIdOf(user.id, licenseId));
  return rowDraft(ctx, { id: askIdOf(user.id, licenseId), flow: RECLAIM_ASK_FLOW, step: 'question', user, licenseId, status: 'open', days: ASK_DAYS, version: previous ? previous.version + 1 : 0 });
}

/** The question answered: the answer waits ASK_DAYS for an administrator. */
export function answered(ask: ReclaimAsk, answer: Answer, now: Date): Draft {
  return {
    ...ask.draft,
    state: { ...ask.draft.state, answer, answeredAt: now.toISOString() },
    expiresAt: new Date(now.getTime() + ASK_DAYS * DAY_MS).toISOString(),
    version: ask.draft.version + 1,
  };
}

/** The question closed by an administrator's Keep or Remove (kept a while, so a late click is told what happened). */
export function decidedAsk(ask: ReclaimAsk, decided: { by: string; what: 'keep' | 'remove' }): Draft {
  return { ...ask.draft, state: { ...ask.draft.state, decided }, status: 'done', version: ask.draft.version + 1 };
}
