// The cards of a change request: the approval card (who asks, for whom, why, the diff and
// the rules' verdict as an admin would get it now), what the requester is told, and the
// short answers to a decision.
import type { CardAction, Fact, Line, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { ChangeRequest, Locale, User } from '../../domain/index.js';
import { evaluate, type Finding, type Verdict } from '../../rules/index.js';
import { tr, type FlowContext } from '../context.js';
import { verdictSections } from '../edit/review.js';
import { findingText } from '../format.js';
import { messageCard } from '../messages.js';
import { rulesContextOf } from '../rules-context.js';
import { actionOf } from '../submit.js';

export const REQUEST_FLOW = 'request';
export const COMMENT_INPUT = 'comment';

/** The context in another person's language (the requester's, or the approvals space's). */
export const inLocale = (ctx: FlowContext, locale: Locale): FlowContext => ({ ...ctx, locale });
export const requesterLocale = (ctx: FlowContext, request: ChangeRequest): Locale => ctx.store.locale(request.requesterId) ?? ctx.config.botLocale;

export const userName = (user: Pick<User, 'displayName' | 'email'> | undefined, fallback = ''): string =>
  user ? user.displayName || user.email : fallback;

/** The verdict an admin would get now (the approval card shows it; approving evaluates again). */
export function adminVerdict(ctx: FlowContext, request: ChangeRequest, user: User): Verdict {
  return evaluate({ ctx: rulesContextOf(ctx.store), actorRole: 'admin', intent: 'apply', user, change: request.change });
}

/** The decide buttons carry the request's id and version: a decided request's card is stale. */
const decideAction = (request: ChangeRequest, title: string, action: string, style: CardAction['style']): CardAction =>
  actionOf({ flow: REQUEST_FLOW, step: 'decide', id: request.id, version: request.version }, title, action, style);

export function requestFacts(ctx: FlowContext, request: ChangeRequest): Fact[] {
  const user = ctx.store.user(request.targetUserId);
  return [
    { title: tr(ctx, 'request.fact.id'), value: request.id },
    { title: tr(ctx, 'request.fact.requester'), value: request.requesterEmail },
    { title: tr(ctx, 'request.fact.user'), value: user ? `${userName(user)} · ${user.email}` : request.targetUserId },
    { title: tr(ctx, 'request.fact.reason'), value: request.reason },
    { title: tr(ctx, 'request.fact.expires'), value: `${request.expiresAt.slice(0, 16).replace('T', ' ')} UTC` },
  ];
}

export function approvalCard(ctx: FlowContext, request: ChangeRequest): RenderedCard {
  const user = ctx.store.user(request.targetUserId);
  const verdict = user ? adminVerdict(ctx, request, user) : undefined;
  const title = tr(ctx, 'request.approval.title', { user: userName(user, request.targetUserId) });
  return renderCard('review', {
    fallbackText: title,
    title,
    stepLabel: tr(ctx, 'request.approval.step', { requester: request.requesterEmail }),
    intro: tr(ctx, 'request.approval.intro'),
    facts: requestFacts(ctx, request),
    sections: verdict ? verdictSections(ctx, verdict) : [],
    outcome: tr(ctx, verdict?.ok ? 'request.approval.ok' : 'request.approval.blocked'),
    outcomeColor: verdict?.ok ? 'Good' : 'Attention',
    inputs: [
      {
        id: COMMENT_INPUT,
        label: tr(ctx, 'request.comment.label'),
        placeholder: tr(ctx, 'request.comment.placeholder'),
        isRequired: false,
        errorMessage: tr(ctx, 'request.comment.label'),
      },
    ],
    actions: [
      decideAction(request, tr(ctx, 'action.approve'), 'approve', 'positive'),
      decideAction(request, tr(ctx, 'action.reject'), 'reject', 'destructive'),
    ],
  });
}

/** Why an approval could not be applied: the rules' findings and our own codes. */
export function failureLines(ctx: FlowContext, codes: readonly string[], findings: readonly Finding[] = []): Line[] {
  const fromFindings = new Set(findings.map((f) => f.code));
  return [
    ...codes.filter((code) => !fromFindings.has(code)).map((code) => ({ text: tr(ctx, code) })),
    ...findings.map((f) => ({ text: findingText(ctx, f) })),
  ];
}

/** The outcome of a request, as the requester or the approver reads it. */
export function outcomeCard(ctx: FlowContext, request: ChangeRequest, lines: Line[] = []): RenderedCard {
  const user = ctx.store.user(request.targetUserId);
  const color = request.status === 'approved' ? 'Good' : request.status === 'rejected' ? 'Warning' : 'Attention';
  const facts = requestFacts(ctx, request).filter((f) => f.title !== tr(ctx, 'request.fact.expires'));
  if (request.decidedBy) facts.push({ title: tr(ctx, 'request.fact.decided-by'), value: request.decidedBy });
  if (request.comment) facts.push({ title: tr(ctx, 'request.fact.comment'), value: request.comment });
  return messageCard(ctx, {
    titleKey: `request.outcome.${request.status}.title`,
    textKey: `request.outcome.${request.status}`,
    params: { id: request.id, user: userName(user, request.targetUserId), by: request.decidedBy ?? '' },
    color,
    lines: lines.map((l) => l.text),
    facts,
  });
}

/** A click on a request that is no longer open (decided, expired) or an older card of it. */
export function alreadyDecidedCard(ctx: FlowContext, request: ChangeRequest): RenderedCard {
  return messageCard(ctx, {
    titleKey: 'request.already.title',
    textKey: request.status === 'expired' ? 'request.already.expired' : 'request.already.decided',
    params: {
      id: request.id,
      by: request.decidedBy ?? '',
      status: tr(ctx, `request.status.${request.status}`),
      when: (request.decidedAt ?? request.expiresAt).slice(0, 16).replace('T', ' '),
    },
    color: 'Warning',
    lines: [tr(ctx, 'common.nothing-changed')],
  });
}
