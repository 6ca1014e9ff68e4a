// `requests`: admins see every open request (oldest first, the next to decide on top);
// helpdesk agents see their own, newest first, with their status.
import type { ChangeRequest } from '../../domain/index.js';
import { can } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { messageCard } from '../messages.js';
import { userName } from '../format.js';
import { approvalCard, outcomeCard } from './cards.js';
import { rememberApprovalCards } from './notify.js';
import { approvalView, requestUser } from './views.js';
import { expireDueRequests, expireIfDue } from './expiry.js';
import { findRequest, requestRef } from './ref.js';
import { queueCard } from '../asks/cards.js';
import { queueView } from '../asks/views.js';

const LIMIT = 20;

function line(ctx: FlowContext, request: ChangeRequest): string {
  const user = ctx.store.user(request.targetUserId);
  return tr(ctx, 'requests.line', {
    id: requestRef(request),
    user: user ? `${userName(user)} (${user.email})` : request.targetUserId,
    status: tr(ctx, `request.status.${request.status}`),
    requester: request.requesterEmail,
    date: request.createdAt.slice(0, 16).replace('T', ' '),
    reason: request.reason.length > 80 ? `${request.reason.slice(0, 79)}…` : request.reason,
  });
}

/** mine: the actor's own requests and asks, whatever their role (`my requests`). */
export async function listRequests(ctx: FlowContext, options: { mine?: boolean } = {}): Promise<void> {
  await expireDueRequests(ctx);
  const admin = can(ctx.role, 'apply') && !options.mine; // who decides requests sees every open one
  const requests = admin
    ? ctx.store.requests({ status: 'open' }).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    : ctx.store.requests({ requesterId: ctx.actor.personId }).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const shown = requests.slice(0, LIMIT);
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: admin ? 'requests.title.open' : 'requests.title.mine',
      textKey: requests.length === 0 ? (admin ? 'requests.none.open' : 'requests.none.mine') : 'requests.count',
      params: { shown: shown.length, total: requests.length },
      lines: [...shown.map((r) => line(ctx, r)), ...(admin && shown.length > 0 ? [tr(ctx, 'requests.hint')] : [])],
    }),
  );
}

/** `request <id>` (admins): the approval card of an open request here, or how it ended. The id as cards show it, or an older request's id. */
export async function showRequest(ctx: FlowContext, typed: string): Promise<void> {
  const found = findRequest(ctx.store, typed);
  if (!('request' in found)) {
    const several = found.candidates.length > 1;
    const refs = found.candidates.slice(0, 5).map(requestRef);
    const params = { id: typed.slice(0, 80), choices: refs.join(', '), first: refs[0] ?? '' };
    await ctx.reply.card(messageCard(ctx, { titleKey: 'requests.title.open', textKey: several ? 'request.ambiguous' : 'request.unknown', params, color: 'Warning' }));
    return;
  }
  const request = await expireIfDue(ctx, found.request);
  // A person's ask still with the helpdesk: its queue card (an admin may take it too).
  if (request.status === 'asked') return void (await ctx.reply.card(queueCard(ctx, queueView(ctx, request))));
  if (request.status !== 'open') {
    await ctx.reply.card(outcomeCard(ctx, request, requestUser(ctx, request)));
    return;
  }
  const sent = await ctx.reply.card(approvalCard(ctx, approvalView(ctx, request)));
  await rememberApprovalCards(ctx, request.id, [{ messageId: sent.messageId, roomId: ctx.roomId }]); // this copy, too, hears the decision
}
