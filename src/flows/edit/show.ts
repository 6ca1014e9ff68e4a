// Showing a wizard step: render the card for the draft's step, store the draft, send the
// card, and delete the card that was clicked. Webex lets a bot delete its own messages
// but not edit a card, so "replace" is send-new-then-delete-old.
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import type { Draft, Service, User } from '../../domain/index.js';
import { tr, type FlowContext } from '../context.js';
import { putDraft } from '../drafts.js';
import { messageCard } from '../messages.js';
import { externalUserCard, confirmDeleteCard, deletedCard } from '../external/cards.js';
import { licensesCard, overviewCard, selectCard, serviceCard, sitesCard } from './step-cards.js';
import { resultCard, reviewCard, verdictFor, type SavedSummary } from './review.js';
import { wizardState } from './state.js';
import { requestedCard } from '../requests/file.js';

export class UserGoneError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} no longer exists`);
    this.name = 'UserGoneError';
  }
}

export function targetUser(ctx: FlowContext, draft: Draft): User {
  const user = draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined;
  if (!user) throw new UserGoneError(draft.targetUserId ?? '');
  return user;
}

/** The card for the draft's current step. */
export function renderStep(ctx: FlowContext, draft: Draft, notes: ColoredLine[] = []): RenderedCard {
  switch (draft.step) {
    case 'select':
      return selectCard(ctx, draft);
    case 'overview':
      return overviewCard(ctx, draft, targetUser(ctx, draft), notes);
    case 'service':
      return serviceCard(ctx, draft, targetUser(ctx, draft));
    case 'licenses':
      return licensesCard(ctx, draft, targetUser(ctx, draft), (wizardState(draft).service ?? 'messaging') as Service);
    case 'sites':
      return sitesCard(ctx, draft, targetUser(ctx, draft));
    case 'review': {
      const user = targetUser(ctx, draft);
      return reviewCard(ctx, draft, user, verdictFor(ctx, draft, user));
    }
    case 'result':
      return resultCard(ctx, draft, draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined, draft.state.saved as SavedSummary);
    case 'requested':
      return requestedCard(ctx, draft);
    case 'user':
      return externalUserCard(ctx, draft, targetUser(ctx, draft), notes);
    case 'confirm-delete':
      return confirmDeleteCard(ctx, draft, targetUser(ctx, draft));
    case 'deleted':
      return deletedCard(ctx, draft);
    default:
      return messageCard(ctx, { titleKey: 'error.title', textKey: 'error.unknown-step', color: 'Attention' });
  }
}

/** Store the (new or advanced) draft, send its step's card, remove the clicked one. */
export async function showStep(ctx: FlowContext, draft: Draft, options: { clicked?: string; notes?: ColoredLine[] } = {}): Promise<void> {
  const card = renderStep(ctx, draft, options.notes);
  await putDraft(ctx, draft);
  await ctx.reply.card(card);
  if (options.clicked) await ctx.reply.remove(options.clicked);
}

/** Send the card of the draft as it is (stale click, repeated Save): nothing is stored. */
export async function reshowStep(ctx: FlowContext, draft: Draft, options: { clicked?: string; noteKey?: string } = {}): Promise<void> {
  if (options.noteKey) await ctx.reply.text(tr(ctx, options.noteKey));
  await ctx.reply.card(renderStep(ctx, draft));
  if (options.clicked) await ctx.reply.remove(options.clicked);
}
