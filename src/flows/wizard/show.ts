// Showing a wizard step: render the card of the draft's step, store the draft, send the
// card, and delete the card that was clicked. Webex lets a bot delete its own messages
// but not edit a card, so "replace" is send-new-then-delete-old.
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import { tr, type FlowContext } from '../context.js';
import { newDraft, putDraft } from '../drafts.js';
import { findOne } from './find-user.js';
import { messageCard } from '../messages.js';
import type { Wizard } from './types.js';

export class UserGoneError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} no longer exists`);
    this.name = 'UserGoneError';
  }
}

/** The draft's user; a user deleted meanwhile is an error the boundary explains. */
export function targetUser(ctx: FlowContext, draft: Draft): User {
  const user = draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined;
  if (!user) throw new UserGoneError(draft.targetUserId ?? '');
  return user;
}

/** The card of the draft's current step. */
export function renderStep(ctx: FlowContext, wizard: Wizard, draft: Draft, notes: ColoredLine[] = []): RenderedCard {
  const step = Object.hasOwn(wizard.steps, draft.step) ? wizard.steps[draft.step] : undefined;
  if (!step) return messageCard(ctx, { titleKey: 'error.title', textKey: 'error.unknown-step', color: 'Attention' });
  return step.render(ctx, draft, notes);
}

/** Store the (new or advanced) draft, send its step's card, remove the clicked one. */
export async function showStep(ctx: FlowContext, wizard: Wizard, draft: Draft, options: { clicked?: string; notes?: ColoredLine[] } = {}): Promise<void> {
  const card = renderStep(ctx, wizard, draft, options.notes);
  await putDraft(ctx, draft);
  await ctx.reply.card(card);
  if (options.clicked) await ctx.reply.remove(options.clicked);
}

/** Send the card of the draft as it is (stale click, repeated Save): nothing is stored. */
export async function reshowStep(ctx: FlowContext, wizard: Wizard, draft: Draft, options: { clicked?: string; noteKey?: string } = {}): Promise<void> {
  if (options.noteKey) await ctx.reply.text(tr(ctx, options.noteKey));
  await ctx.reply.card(renderStep(ctx, wizard, draft));
  if (options.clicked) await ctx.reply.remove(options.clicked);
}

/** A wizard's first card: straight at the user's card when the query finds exactly one user, else user selection. */
export async function startAtUser(ctx: FlowContext, wizard: Wizard, query: string, type?: 'external'): Promise<void> {
  const user = query ? findOne(ctx, query, type) : undefined;
  const draft = user
    ? newDraft(ctx, { flow: wizard.name, step: wizard.userStep, targetUserId: user.id, baseRev: user.rev, state: { search: query } })
    : newDraft(ctx, { flow: wizard.name, step: 'select', state: { search: query } });
  await showStep(ctx, wizard, draft);
}
