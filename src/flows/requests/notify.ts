// Messages a request sends beyond the event's room: approval cards to the approvals space
// (or 1:1 to each admin when there is none), and the outcome to the space where it was asked.
// A message that cannot be sent is logged; the stored request and audit stay the truth.
import type { Line } from '../../cards/index.js';
import type { ChangeRequest } from '../../domain/index.js';
import { logger } from '../../logger.js';
import type { FlowContext } from '../context.js';
import { allAdmins } from '../roles.js';
import { ConflictError } from '../../store/index.js';
import { approvalCard, decidedCard, decidedLine, outcomeCard } from './cards.js';
import { approvalView, inLocale, requestUser, requesterLocale } from './views.js';
import { requestRef } from './ref.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export type ApprovalCopy = NonNullable<ChangeRequest['approvalCards']>[number];

/**
 * Keep where approval cards of a request went, so its decision can update every copy. Same
 * version: the cards' buttons stay current. A request decided meanwhile keeps what it has.
 */
export async function rememberApprovalCards(ctx: FlowContext, requestId: string, copies: readonly ApprovalCopy[]): Promise<void> {
  const request = ctx.store.request(requestId);
  if (!request || request.status !== 'open' || copies.length === 0) return;
  try {
    const approvalCards = [...(request.approvalCards ?? []), ...copies];
    await ctx.store.commit({ mutations: [{ type: 'request.put', request: { ...request, approvalCards }, expectedVersion: request.version }] });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    logger.info('a request was decided while its approval cards went out; the copies are not updated', { requestId });
  }
}

/** Send the approval card; returns how many places got it. */
export async function sendApprovalCards(ctx: FlowContext, request: ChangeRequest): Promise<number> {
  const inBotLocale = inLocale(ctx, ctx.config.botLocale);
  const card = approvalCard(inBotLocale, approvalView(inBotLocale, request));
  const room = ctx.config.approvalsRoomId;
  const targets = room ? [{ room }] : allAdmins(ctx.store, ctx.config).map((email) => ({ email }));
  const copies: ApprovalCopy[] = [];
  for (const target of targets) {
    try {
      const sent = 'room' in target ? await ctx.outbox.sendCard(target.room, card) : await ctx.outbox.sendCardToPerson(target.email, card);
      const roomId = 'room' in target ? target.room : sent.roomId;
      copies.push({ messageId: sent.messageId, ...(roomId ? { roomId } : {}), ...('email' in target ? { email: target.email } : {}) });
    } catch (error) {
      logger.warn(`could not send an approval card; an admin can show it with: request ${requestRef(request)}`, { eventId: ctx.eventId, requestId: request.id, error: message(error) });
    }
  }
  await rememberApprovalCards(ctx, request.id, copies);
  return copies.length;
}

/**
 * A request was decided: every other admin's copy of its approval card says so (who, how).
 * Edited in place where the transport can; otherwise the copy is deleted and a one-line
 * notice posted where it was. A copy that cannot be updated is logged; its buttons are stale anyway.
 */
export async function updateApprovalCopies(ctx: FlowContext, request: ChangeRequest, clickedMessageId: string): Promise<void> {
  const inBotLocale = inLocale(ctx, ctx.config.botLocale);
  const user = requestUser(ctx, request);
  const card = decidedCard(inBotLocale, request, user);
  for (const copy of request.approvalCards ?? []) {
    if (copy.messageId === clickedMessageId) continue;
    try {
      if (ctx.outbox.replaceCard && copy.roomId) {
        await ctx.outbox.replaceCard(copy.roomId, copy.messageId, card);
        continue;
      }
      await ctx.outbox.deleteMessage(copy.messageId);
      const line = decidedLine(inBotLocale, request, user);
      if (copy.roomId) await ctx.outbox.sendText(copy.roomId, line);
      else if (copy.email) await ctx.outbox.sendTextToPerson(copy.email, line);
    } catch (error) {
      logger.warn('could not update a copy of an approval card', { eventId: ctx.eventId, requestId: request.id, messageId: copy.messageId, error: message(error) });
    }
  }
}

/** Tell the requester the outcome, in their language: a helpdesk agent where they asked, a person's own ask 1:1. */
export async function tellRequester(ctx: FlowContext, request: ChangeRequest, lines: Line[] = []): Promise<void> {
  try {
    const card = outcomeCard(inLocale(ctx, requesterLocale(ctx, request)), request, requestUser(ctx, request), lines);
    if (request.origin === 'self') await ctx.outbox.sendCardToPerson(request.requesterEmail, card);
    else await ctx.outbox.sendCard(request.roomId, card);
  } catch (error) {
    logger.warn('could not tell the requester', { eventId: ctx.eventId, requestId: request.id, error: message(error) });
  }
}
