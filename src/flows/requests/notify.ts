// Messages a request sends beyond the event's room: approval cards to the approvals space
// (or 1:1 to each admin when there is none), and the outcome to the space where it was asked.
// A message that cannot be sent is logged; the stored request and audit stay the truth.
import type { Line } from '../../cards/index.js';
import type { ChangeRequest } from '../../domain/index.js';
import { logger } from '../../logger.js';
import type { FlowContext } from '../context.js';
import { allAdmins } from '../roles.js';
import { approvalCard, outcomeCard } from './cards.js';
import { approvalView, inLocale, requestUser, requesterLocale } from './views.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Send the approval card; returns how many places got it. */
export async function sendApprovalCards(ctx: FlowContext, request: ChangeRequest): Promise<number> {
  const inBotLocale = inLocale(ctx, ctx.config.botLocale);
  const card = approvalCard(inBotLocale, approvalView(inBotLocale, request));
  const room = ctx.config.approvalsRoomId;
  const targets = room ? [{ room }] : allAdmins(ctx.store, ctx.config).map((email) => ({ email }));
  let sent = 0;
  for (const target of targets) {
    try {
      if ('room' in target) await ctx.outbox.sendCard(target.room, card);
      else await ctx.outbox.sendCardToPerson(target.email, card);
      sent += 1;
    } catch (error) {
      logger.warn(`could not send an approval card; an admin can show it with: request ${request.id}`, { eventId: ctx.eventId, requestId: request.id, error: message(error) });
    }
  }
  return sent;
}

/** Tell the requester the outcome, in the space where they asked and in their language. */
export async function tellRequester(ctx: FlowContext, request: ChangeRequest, lines: Line[] = []): Promise<void> {
  try {
    await ctx.outbox.sendCard(request.roomId, outcomeCard(inLocale(ctx, requesterLocale(ctx, request)), request, requestUser(ctx, request), lines));
  } catch (error) {
    logger.warn('could not tell the requester', { eventId: ctx.eventId, requestId: request.id, error: message(error) });
  }
}
