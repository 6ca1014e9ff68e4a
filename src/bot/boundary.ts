// The one error boundary (like grammY's BotError): whatever a handler throws is caught
// here, wrapped with the event's context, logged with the event id, and answered with a
// card that says what happened and what to do next. Nothing escapes to the transport.
import { ConflictError, StoreWriteError } from '../store/index.js';
import type { FlowContext } from '../flows/index.js';
import { DraftGoneError, InputError, NotDraftOwnerError, UserGoneError, errorCard, expiredCard, forgetDraft, messageCard } from '../flows/index.js';
import { logger } from '../logger.js';
import { refuse } from './authorize.js';

/** An error of one event's handler, with the context it happened in. */
export class BotError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly ctx: FlowContext,
  ) {
    super(`event ${ctx.eventId}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'BotError';
  }

  /** An error a flow throws on purpose (the person is told why); anything else is a bug. */
  get expected(): boolean {
    return EXPECTED.some((type) => this.cause instanceof type);
  }
}

const EXPECTED = [DraftGoneError, NotDraftOwnerError, InputError, UserGoneError, ConflictError];

async function answer({ cause: error, ctx }: BotError): Promise<void> {
  if (error instanceof DraftGoneError) {
    await ctx.reply.card(expiredCard(ctx, error.flow));
    // Only the owner's click removes it: someone else's expired draft is not theirs to delete.
    const draft = ctx.store.draft(error.draftId);
    if (draft?.ownerId === ctx.actor.personId) await forgetDraft(ctx, error.draftId);
    return;
  }
  if (error instanceof NotDraftOwnerError) {
    await refuse(ctx, { what: 'card of another person', key: 'refused.not-owner', params: { owner: error.ownerEmail }, targetUserId: error.targetUserId });
    return;
  }
  if (error instanceof InputError) return void (await ctx.reply.card(errorCard(ctx, error.key, error.params)));
  if (error instanceof UserGoneError) return void (await ctx.reply.card(errorCard(ctx, 'error.user-gone')));
  if (error instanceof ConflictError) return void (await ctx.reply.card(errorCard(ctx, 'error.conflict')));
  if (error instanceof StoreWriteError) return void (await ctx.reply.card(errorCard(ctx, 'error.store-write', { eventId: ctx.eventId })));
  await ctx.reply.card(messageCard(ctx, { titleKey: 'error.title', textKey: 'error.unexpected', params: { eventId: ctx.eventId }, color: 'Attention' }));
}

/** Run a handler; on error, log it with the event id and answer the person. Never throws. */
export async function withBoundary(ctx: FlowContext, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } catch (cause) {
    const error = new BotError(cause, ctx);
    // A conflict was logged where the commit failed, with whom it was about (operator-log.ts).
    if (!(cause instanceof ConflictError)) logger.log(error.expected ? 'info' : 'error', error.expected ? error.message : 'handler failed', {
      actor: ctx.actor.email,
      ...(error.expected ? {} : { error: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) }),
    });
    try {
      await answer(error);
    } catch (answerError) {
      logger.error('could not tell the person about an error', { error: answerError instanceof Error ? answerError.message : String(answerError) });
    }
  }
}
