// Requests expire after config.requestExpiryDays: checked lazily whenever a request is
// touched, and swept on every event the bot handles (no timers; the clock is injected).
import type { ChangeRequest } from '../../domain/index.js';
import { ConflictError } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import { tellRequester, updateApprovalCopies } from './notify.js';
import { updateQueueCopies } from '../asks/notify.js';

/** Who expires a request in the audit trail: nobody clicked, time ran out. */
export const SYSTEM_ACTOR = { id: 'system', email: 'system' } as const;

export const isDue = (ctx: FlowContext, request: ChangeRequest): boolean =>
  (request.status === 'open' || request.status === 'asked') && Date.parse(request.expiresAt) <= ctx.now().getTime();

/** The request as it is now: expired (audited, requester told) if its time is up. */
export async function expireIfDue(ctx: FlowContext, request: ChangeRequest): Promise<ChangeRequest> {
  if (!isDue(ctx, request)) return request;
  const expired: ChangeRequest = { ...request, status: 'expired', decidedAt: ctx.now().toISOString(), version: request.version + 1 };
  const user = ctx.store.user(request.targetUserId);
  try {
    await ctx.store.commit({
      mutations: [{ type: 'request.put', request: expired, expectedVersion: request.version }],
      audit: [
        {
          action: 'request.expire',
          actorId: SYSTEM_ACTOR.id,
          actorEmail: SYSTEM_ACTOR.email,
          targetUserId: request.targetUserId,
          targetEmail: user?.email,
          requestId: request.id,
          eventId: ctx.eventId,
          details: { expiresAt: request.expiresAt, requesterEmail: request.requesterEmail },
        },
      ],
    });
  } catch (error) {
    // Decided or expired by another event at the same moment: that one tells the requester.
    if (error instanceof ConflictError) return ctx.store.request(request.id) ?? request;
    throw error;
  }
  await tellRequester(ctx, expired);
  // No click decided it: every admin's (or agent's) copy still offers its buttons until told.
  await updateApprovalCopies(ctx, expired, '');
  if (request.origin === 'self') await updateQueueCopies(ctx, expired);
  return expired;
}

/** Expire every open request whose time is up. */
export async function expireDueRequests(ctx: FlowContext): Promise<number> {
  const due = [...ctx.store.requests({ status: 'open' }), ...ctx.store.requests({ status: 'asked' })].filter((r) => isDue(ctx, r));
  for (const request of due) await expireIfDue(ctx, request);
  return due.length;
}
