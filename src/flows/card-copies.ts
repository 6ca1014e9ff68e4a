// Cards the desk sent to several places (a grant's reminder, an ask's queue card): when one is
// decided, every other copy says so. Edited in place where the transport can; otherwise the
// copy is deleted and the new card sent where it was. A copy that cannot be updated is logged;
// its buttons are stale anyway (they carry the record's version).
import type { RenderedCard } from '../cards/index.js';
import { logger } from '../logger.js';
import type { FlowContext } from './context.js';

export interface CardCopy {
  messageId: string;
  roomId?: string | undefined;
  email?: string | undefined;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Send a card to a room or a person; the copy to remember, or undefined (logged) when it could not go. */
export async function sendCopy(ctx: FlowContext, target: { room: string } | { email: string }, card: RenderedCard, what: string): Promise<CardCopy | undefined> {
  try {
    if ('room' in target) {
      const sent = await ctx.outbox.sendCard(target.room, card);
      return { messageId: sent.messageId, roomId: sent.roomId ?? target.room };
    }
    const sent = await ctx.outbox.sendCardToPerson(target.email, card);
    return { messageId: sent.messageId, email: target.email, ...(sent.roomId ? { roomId: sent.roomId } : {}) };
  } catch (error) {
    logger.warn(`could not send ${what}`, { eventId: ctx.eventId, ...('email' in target ? { email: target.email } : { roomId: target.room }), error: message(error) });
    return undefined;
  }
}

/**
 * Every copy but the clicked one becomes `cardFor(copy)`. Returns the copies as they are now: a
 * copy sent anew (Webex would not edit it) has a new message id, and so may the clicked one
 * (`clicked`: its id before and after the reply replaced it). Callers keep the returned list.
 */
export async function replaceCopies(
  ctx: FlowContext,
  copies: readonly CardCopy[],
  clicked: { before: string; after: string } | undefined,
  cardFor: (copy: CardCopy) => RenderedCard,
  what: string,
): Promise<CardCopy[]> {
  const now: CardCopy[] = [];
  for (const copy of copies) {
    if (copy.messageId === clicked?.before) {
      now.push({ ...copy, messageId: clicked.after });
      continue;
    }
    const card = cardFor(copy);
    try {
      if (ctx.outbox.replaceCard && copy.roomId) now.push({ ...copy, messageId: (await ctx.outbox.replaceCard(copy.roomId, copy.messageId, card)).messageId });
      else {
        await ctx.outbox.deleteMessage(copy.messageId);
        const sent = copy.email ? await ctx.outbox.sendCardToPerson(copy.email, card) : copy.roomId ? await ctx.outbox.sendCard(copy.roomId, card) : undefined;
        if (sent) now.push({ ...copy, messageId: sent.messageId });
      }
    } catch (error) {
      logger.warn(`could not update a copy of ${what}`, { eventId: ctx.eventId, messageId: copy.messageId, error: message(error) });
      now.push(copy);
    }
  }
  return now;
}
