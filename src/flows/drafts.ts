// Server-side wizard state. A card carries only the draft id and version; everything
// else is read here, so a card can never claim a state the bot did not give it.
import type { Draft, ProposedChange } from '../domain/index.js';
import { emptyChange } from '../domain/index.js';
import type { FlowContext } from './context.js';
import { DraftGoneError, NotDraftOwnerError } from './errors.js';

export const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;

export interface NewDraftInput {
  flow: string;
  step: string;
  targetUserId?: string;
  baseRev?: number;
  state?: Record<string, unknown>;
  change?: ProposedChange;
}

export function newDraft(ctx: FlowContext, input: NewDraftInput): Draft {
  const now = ctx.now();
  return {
    id: ctx.newId(),
    flow: input.flow,
    step: input.step,
    ownerId: ctx.actor.personId,
    ownerEmail: ctx.actor.email,
    roomId: ctx.roomId,
    targetUserId: input.targetUserId,
    baseRev: input.baseRev,
    change: input.change ?? emptyChange(),
    state: input.state ?? {},
    status: 'open',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + DRAFT_TTL_MS).toISOString(),
    version: 0,
  };
}

/** The draft of a submit, checked: it exists, is not expired, is this flow's, and belongs to the actor. */
export function loadDraft(ctx: FlowContext, flow: string, draftId: string): Draft {
  const draft = draftId ? ctx.store.draft(draftId) : undefined;
  if (!draft || draft.flow !== flow || draft.status === 'cancelled' || Date.parse(draft.expiresAt) <= ctx.now().getTime()) {
    throw new DraftGoneError(flow, draftId);
  }
  if (draft.ownerId !== ctx.actor.personId) throw new NotDraftOwnerError(draft.ownerEmail, draft.targetUserId);
  return draft;
}

/** The steps a draft has shown, in the order first seen (the step counter counts them). */
export function visitedSteps(draft: Pick<Draft, 'state'>): string[] {
  const visited = draft.state.visited;
  return Array.isArray(visited) ? visited.filter((s): s is string => typeof s === 'string') : [];
}

/** The draft with its current step among the visited ones. */
export function withVisit(draft: Draft): Draft {
  const visited = visitedSteps(draft);
  return visited.includes(draft.step) ? draft : { ...draft, state: { ...draft.state, visited: [...visited, draft.step] } };
}

/** The next version of a draft at another step. */
export function advance(draft: Draft, patch: Partial<Omit<Draft, 'id' | 'version'>>): Draft {
  return { ...draft, ...patch, version: draft.version + 1 };
}

/** Store a new or advanced draft; the version check makes a second click of the same card lose. */
export async function putDraft(ctx: FlowContext, draft: Draft): Promise<void> {
  const expectedVersion = draft.version === 0 ? undefined : draft.version - 1;
  await ctx.store.commit({ mutations: [{ type: 'draft.put', draft, expectedVersion }] });
}

/** An expired draft someone clicked: remove it from the store (the card already says it expired). */
export async function forgetDraft(ctx: Pick<FlowContext, 'store'>, draftId: string): Promise<void> {
  if (draftId && ctx.store.draft(draftId)) await ctx.store.commit({ mutations: [{ type: 'draft.delete', draftId }] });
}

/**
 * Remove every draft past its expiresAt in one commit (cards nobody clicked again would
 * otherwise keep them forever). Returns how many were removed.
 */
export async function removeExpiredDrafts(ctx: Pick<FlowContext, 'store' | 'now'>): Promise<number> {
  const expired = ctx.store.expiredDrafts(ctx.now());
  if (expired.length === 0) return 0;
  await ctx.store.commit({ mutations: expired.map((draft) => ({ type: 'draft.delete' as const, draftId: draft.id })) });
  return expired.length;
}
