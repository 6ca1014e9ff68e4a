// An admin approves or rejects a request (flow "request", step "decide"). Decided once: the
// request's version is the commit's expectedVersion, so of two admins clicking at the same
// moment one wins and the other is told who decided. Approving checks the change again
// against the store as it is now (rules, and the user's rev against the request's baseRev);
// if it no longer fits, nothing is applied, the request fails, and both people are told.
import type { ChangeRequest, User } from '../../domain/index.js';
import type { Finding, Verdict } from '../../rules/index.js';
import { ConflictError } from '../../store/index.js';
import { assignMutation, untilDetails } from '../apply.js';
import { actorPerson, grantMutations } from '../grants/records.js';
import { dayOf } from '../grants/until.js';
import { verdictCodes, licensesBefore } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { textInput, type Submit } from '../submit.js';
import { alreadyDecidedCard, COMMENT_INPUT, failureLines, outcomeCard } from './cards.js';
import { adminVerdict, requestUser, requesterLocale } from './views.js';
import { expireIfDue } from './expiry.js';
import { tellRequester, updateApprovalCopies } from './notify.js';
import { changeToOrg } from '../org/changes.js';
import { whereSavedLine } from '../org/notify.js';
import { updateQueueCopies } from '../asks/notify.js';

export const FAIL_USER_CHANGED = 'request.fail.user-changed';
export const FAIL_USER_GONE = 'request.fail.user-gone';
/** The last day the request asked for has passed while it waited. */
export const FAIL_UNTIL_PAST = 'request.fail.until-past';

function decided(ctx: FlowContext, request: ChangeRequest, status: ChangeRequest['status'], comment: string, extra: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    ...request,
    ...extra,
    status,
    decidedBy: ctx.actor.email,
    decidedAt: ctx.now().toISOString(),
    ...(comment ? { comment } : {}),
    version: request.version + 1,
  };
}

const base = (ctx: FlowContext, request: ChangeRequest, user: User | undefined) => ({
  actorId: ctx.actor.personId,
  actorEmail: ctx.actor.email,
  targetUserId: request.targetUserId,
  targetEmail: user?.email,
  requestId: request.id,
  eventId: ctx.eventId,
});

/** Tell the approver (here) and the requester (where they asked); replace the clicked card. */
/** approverLines: for the approver only (e.g. where the change is: on its way to Webex). */
async function announce(ctx: FlowContext, request: ChangeRequest, submit: Submit, findings: readonly Finding[] = [], approverLines: string[] = []): Promise<void> {
  const reasons = (c: FlowContext) => (request.status === 'failed' ? failureLines(c, request.failureCodes ?? [], findings) : []);
  await ctx.reply.replace(submit.messageId, outcomeCard(ctx, request, requestUser(ctx, request), [...reasons(ctx), ...approverLines.map((text) => ({ text }))]));
  await tellRequester(ctx, request, reasons({ ...ctx, locale: requesterLocale(ctx, request) }));
  await updateApprovalCopies(ctx, request, submit.messageId);
  if (request.origin === 'self') await updateQueueCopies(ctx, request);
}

async function reject(ctx: FlowContext, request: ChangeRequest, submit: Submit, comment: string): Promise<void> {
  const user = ctx.store.user(request.targetUserId);
  const next = decided(ctx, request, 'rejected', comment);
  await ctx.store.commit({
    mutations: [{ type: 'request.put', request: next, expectedVersion: request.version }],
    audit: [{ ...base(ctx, request, user), action: 'request.reject', details: { comment, requesterEmail: request.requesterEmail } }],
  });
  await announce(ctx, next, submit);
}

async function fail(ctx: FlowContext, request: ChangeRequest, submit: Submit, user: User | undefined, codes: string[], verdict?: Verdict): Promise<void> {
  const next = decided(ctx, request, 'failed', textInput(submit, COMMENT_INPUT, 500), { failureCodes: codes });
  await ctx.store.commit({
    mutations: [{ type: 'request.put', request: next, expectedVersion: request.version }],
    audit: [
      {
        ...base(ctx, request, user),
        action: 'request.fail',
        ...(user ? { before: licensesBefore(user) } : {}),
        change: request.change,
        codes,
        details: { baseRev: request.baseRev, userRev: user?.rev ?? null, requesterEmail: request.requesterEmail },
      },
    ],
  });
  await announce(ctx, next, submit, verdict?.violations ?? []);
}

async function approve(ctx: FlowContext, request: ChangeRequest, submit: Submit, comment: string): Promise<void> {
  const user = ctx.store.user(request.targetUserId);
  if (!user) return fail(ctx, request, submit, undefined, [FAIL_USER_GONE]);
  const verdict = adminVerdict(ctx, request, user);
  const until = request.until ?? {};
  const untilPast = Object.values(until).some((day) => day <= dayOf(ctx.now()));
  const codes = [...(user.rev !== request.baseRev ? [FAIL_USER_CHANGED] : []), ...(untilPast ? [FAIL_UNTIL_PAST] : []), ...verdict.violations.map((v) => v.code)];
  if (codes.length > 0) return fail(ctx, request, submit, user, codes, verdict);
  const next = decided(ctx, request, 'approved', comment);
  const { auditSeqs } = await ctx.store.commit({
    mutations: [
      assignMutation(user, request.baseRev, verdict),
      { type: 'request.put', request: next, expectedVersion: request.version },
      // The requester's space hears the request's outcome; "Applied in Webex" goes to the approver's.
      ...changeToOrg(ctx, { user, after: { ...verdict.result, calling: verdict.calling ?? user.calling }, source: 'request', auditLine: 1 }),
      ...grantMutations(ctx, {
        user,
        until,
        added: verdict.result.licenseIds.filter((id) => !user.licenseIds.includes(id)),
        grantedBy: { personId: request.requesterId, email: request.requesterEmail },
        approvedBy: actorPerson(ctx),
        requestId: request.id,
        auditLine: 1,
      }),
    ],
    audit: [
      { ...base(ctx, request, user), action: 'request.approve', ...verdictCodes(verdict), details: { comment, requesterEmail: request.requesterEmail } },
      {
        ...base(ctx, request, user),
        action: 'license.change',
        before: licensesBefore(user),
        after: verdict.result,
        change: request.change,
        ...verdictCodes(verdict),
        details: { flow: 'request', requesterEmail: request.requesterEmail, reason: request.reason, ...untilDetails(until) },
      },
    ],
  });
  await announce(ctx, next, submit, [], [whereSavedLine(ctx, { userId: user.id, auditSeq: auditSeqs[1] ?? 0 })]);
}

export async function onDecide(ctx: FlowContext, submit: Submit): Promise<void> {
  if (submit.action !== 'approve' && submit.action !== 'reject') throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const stored = submit.draftId ? ctx.store.request(submit.draftId) : undefined;
  if (!stored) throw new InputError('request.unknown', { id: submit.draftId.slice(0, 80) });
  const comment = textInput(submit, COMMENT_INPUT, 500);
  for (let attempt = 0; ; attempt++) {
    const request = await expireIfDue(ctx, ctx.store.request(stored.id) ?? stored);
    if (request.status !== 'open' || (attempt === 0 && submit.v !== request.version)) {
      await ctx.reply.card(alreadyDecidedCard(ctx, request));
      return;
    }
    try {
      return submit.action === 'reject' ? await reject(ctx, request, submit, comment) : await approve(ctx, request, submit, comment);
    } catch (error) {
      // Another decision won (the request moved on), or the user changed between our read
      // and the commit: look again; the second pass sees it and answers accordingly.
      if (!(error instanceof ConflictError) || attempt > 0) throw error;
    }
  }
}
