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

/** Every copy but `skip` becomes `cardFor(copy)`. */
export async function replaceCopies(ctx: FlowContext, copies: readonly CardCopy[], skip: string, cardFor: (copy: CardCopy) => RenderedCard, what: string): Promise<void> {
  for (const copy of copies) {
    if (copy.messageId === skip) continue;
    const card = cardFor(copy);
    try {
      if (ctx.outbox.replaceCard && copy.roomId) await ctx.outbox.replaceCard(copy.roomId, copy.messageId, card);
      else {
        await ctx.outbox.deleteMessage(copy.messageId);
        if (copy.email) await ctx.outbox.sendCardToPerson(copy.email, card);
        else if (copy.roomId) await ctx.outbox.sendCard(copy.roomId, card);
      }
    } catch (error) {
      logger.warn(`could not update a copy of ${what}`, { eventId: ctx.eventId, messageId: copy.messageId, error: message(error) });
    }
  }
}
