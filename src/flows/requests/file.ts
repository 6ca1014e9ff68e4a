// The helpdesk agent's way to finish a change (R11: request): the review's primary button is
// "Submit request" with a required reason. One commit stores the request, finishes the draft
// and writes request.submit; then the approval card goes out.
import type { ChangeRequest } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import { advance } from '../drafts.js';
import { InputError } from '../errors.js';
import { verdictCodes, auditBase, licensesBefore } from '../audit-lines.js';
import { textInput } from '../submit.js';
import type { FinishChange, Step } from '../wizard/types.js';
import { requestIdOf, requestedCard } from './cards.js';
import { sendApprovalCards } from './notify.js';
import { untilFacts } from './views.js';
import { untilDetails } from '../apply.js';
import { dayOf, grantableLicenses, untilFromSubmit } from '../grants/until.js';

export const REASON_INPUT = 'reason';
export const REASON_MAX = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_EXPIRY_DAYS = 7;

/** The wizard step after Submit request: the request as filed (the draft is finished). */
export const requestedStep: Step = {
  render(ctx, draft, notes) {
    const request = ctx.store.request(requestIdOf(draft));
    return requestedCard(ctx, { request, requestId: requestIdOf(draft), user: request ? ctx.store.user(request.targetUserId) : undefined, notes, until: untilFacts(ctx, request) });
  },
  actions: {},
};

export const fileRequest: FinishChange = {
  intent: 'request',
  primaryTitleKey: 'action.submit-request',
  primaryAction: 'submit-request',
  reviewIntroKey: 'review.intro.request',
  readyKey: 'review.ready.request',
  inputs: (ctx) => [
    {
      id: REASON_INPUT,
      label: tr(ctx, 'request.reason.label'),
      placeholder: tr(ctx, 'request.reason.placeholder'),
      isRequired: true,
      errorMessage: tr(ctx, 'request.reason-missing'),
    },
  ],
  async finish({ ctx, draft, user, verdict, submit }) {
    // Webex enforces isRequired in the client; a crafted submit is checked here.
    const reason = textInput(submit, REASON_INPUT, REASON_MAX);
    if (!reason) throw new InputError('request.reason-missing');
    const until = untilFromSubmit(submit, grantableLicenses(draft, user.licenseIds, verdict.result.licenseIds), dayOf(ctx.now()));
    const now = ctx.now();
    const days = ctx.config.requestExpiryDays ?? DEFAULT_EXPIRY_DAYS;
    const request: ChangeRequest = {
      id: ctx.newId(),
      requesterId: ctx.actor.personId,
      requesterEmail: ctx.actor.email,
      roomId: ctx.roomId,
      targetUserId: user.id,
      baseRev: draft.baseRev ?? user.rev,
      change: draft.change,
      reason,
      ...(Object.keys(until).length > 0 ? { until } : {}),
      status: 'open',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
      version: 0,
    };
    const done = advance(draft, { step: 'requested', status: 'done', state: { ...draft.state, requestId: request.id } });
    await ctx.store.commit({
      mutations: [
        { type: 'request.put', request },
        { type: 'draft.put', draft: done, expectedVersion: draft.version },
      ],
      audit: [
        {
          ...auditBase(ctx, user),
          action: 'request.submit',
          requestId: request.id,
          before: licensesBefore(user),
          after: verdict.result,
          change: draft.change,
          ...verdictCodes(verdict),
          details: { reason, expiresAt: request.expiresAt, flow: draft.flow, ...untilDetails(until) },
        },
      ],
    });
    // As stored: the store gave it its number in that commit.
    const sent = await sendApprovalCards(ctx, ctx.store.request(request.id) ?? request);
    return { done, notes: sent === 0 ? [{ text: tr(ctx, 'request.submitted.no-approvers'), color: 'Default' }] : [] };
  },
};
