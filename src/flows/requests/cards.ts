// The cards of a change request: the approval card (who asks, for whom, why, the diff and
// the rules' verdict as an admin would get it now), what the requester is told, and the
// short answers to a decision. Builders only: views.ts gathers what they show.
import type { CardAction, ColoredLine, Fact, Line, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { ChangeRequest, Draft, User } from '../../domain/index.js';
import type { Finding } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { findingText, userName } from '../format.js';
import { messageCard } from '../messages.js';
import { actionOf } from '../submit.js';
import { requestRef } from './ref.js';
import { verdictSections, type VerdictView } from '../verdict-sections.js';

type Ctx = Pick<FlowContext, 'locale'>;

export const REQUEST_FLOW = 'request';
export const COMMENT_INPUT = 'comment';

export interface ApprovalView {
  request: ChangeRequest;
  /** The user it is for; undefined once deleted. */
  user: User | undefined;
  /** The verdict an admin would get now. */
  verdict?: VerdictView;
  /** Licenses asked for until a date. */
  until: Fact[];
}

/** The decide buttons carry the request's id and version: a decided request's card is stale. */
const decideAction = (request: ChangeRequest, title: string, action: string, style: CardAction['style']): CardAction =>
  actionOf({ flow: REQUEST_FLOW, step: 'decide', id: request.id, version: request.version }, title, action, style);

/** until: the request's licenses until a date, as facts (views.ts untilFacts). */
export function requestFacts(ctx: Ctx, request: ChangeRequest, user: User | undefined, until: Fact[] = []): Fact[] {
  return [
    { title: tr(ctx, 'request.fact.id'), value: requestRef(request) },
    { title: tr(ctx, 'request.fact.requester'), value: request.requesterEmail },
    { title: tr(ctx, 'request.fact.user'), value: user ? `${userName(user)} · ${user.email}` : request.targetUserId },
    { title: tr(ctx, 'request.fact.reason'), value: request.reason },
    ...until,
    ...(request.helpdesk?.forwardedBy ? [{ title: tr(ctx, 'request.fact.agent'), value: request.helpdesk.forwardedBy.email }] : []),
    ...(request.helpdesk?.note ? [{ title: tr(ctx, 'request.fact.note'), value: request.helpdesk.note }] : []),
    { title: tr(ctx, 'request.fact.expires'), value: `${request.expiresAt.slice(0, 16).replace('T', ' ')} UTC` },
  ];
}

export function approvalCard(ctx: Ctx, { request, user, verdict, until }: ApprovalView): RenderedCard {
  const title = tr(ctx, 'request.approval.title', { user: userName(user, request.targetUserId) });
  return renderCard('review', {
    fallbackText: title,
    title,
    stepLabel: tr(ctx, 'request.approval.step', { requester: request.requesterEmail }),
    intro: tr(ctx, 'request.approval.intro'),
    facts: requestFacts(ctx, request, user, until),
    sections: verdict ? verdictSections(ctx, verdict) : [],
    outcome: tr(ctx, verdict?.verdict.ok ? 'request.approval.ok' : 'request.approval.blocked'),
    outcomeColor: verdict?.verdict.ok ? 'Good' : 'Attention',
    until: [],
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
export function failureLines(ctx: Ctx, codes: readonly string[], findings: readonly Finding[] = []): Line[] {
  const fromFindings = new Set(findings.map((f) => f.code));
  return [
    ...codes.filter((code) => !fromFindings.has(code)).map((code) => ({ text: tr(ctx, code) })),
    ...findings.map((f) => ({ text: findingText(ctx, f) })),
  ];
}

/** The outcome of a request, as the requester or the approver reads it. */
export function outcomeCard(ctx: Ctx, request: ChangeRequest, user: User | undefined, lines: Line[] = []): RenderedCard {
  const color = request.status === 'approved' ? 'Good' : request.status === 'rejected' ? 'Warning' : 'Attention';
  const facts = requestFacts(ctx, request, user).filter((f) => f.title !== tr(ctx, 'request.fact.expires'));
  if (request.decidedBy) facts.push({ title: tr(ctx, 'request.fact.decided-by'), value: request.decidedBy });
  if (request.comment) facts.push({ title: tr(ctx, 'request.fact.comment'), value: request.comment });
  return messageCard(ctx, {
    titleKey: `request.outcome.${request.status}.title`,
    textKey: `request.outcome.${request.status}`,
    params: { id: requestRef(request), user: userName(user, request.targetUserId), by: request.decidedBy ?? '' },
    color,
    lines: lines.map((l) => l.text),
    facts,
  });
}

/** Another admin's copy of the approval card once the request is decided: who decided and how. */
export function decidedCard(ctx: Ctx, request: ChangeRequest, user: User | undefined): RenderedCard {
  return messageCard(ctx, {
    titleKey: request.status === 'expired' ? 'request.expired.title' : 'request.decided.title',
    textKey: `request.decided.${request.status}`,
    params: { id: requestRef(request), user: userName(user, request.targetUserId), by: request.decidedBy ?? '' },
    color: request.status === 'approved' ? 'Good' : request.status === 'rejected' ? 'Warning' : 'Attention',
    facts: [{ title: tr(ctx, 'request.fact.id'), value: requestRef(request) }],
  });
}

/** The same as one line, where a copy could not be edited (deleted, and this posted instead). */
export const decidedLine = (ctx: Ctx, request: ChangeRequest, user: User | undefined): string =>
  `**${tr(ctx, request.status === 'expired' ? 'request.expired.title' : 'request.decided.title')}** (${requestRef(request)}): ${tr(ctx, `request.decided.${request.status}`, { id: requestRef(request), user: userName(user, request.targetUserId), by: request.decidedBy ?? '' })}`;

/** A click on a request that is no longer open (decided, expired) or an older card of it. */
export function alreadyDecidedCard(ctx: Ctx, request: ChangeRequest): RenderedCard {
  return messageCard(ctx, {
    titleKey: 'request.already.title',
    textKey: request.status === 'expired' ? 'request.already.expired' : 'request.already.decided',
    params: {
      id: requestRef(request),
      by: request.decidedBy ?? '',
      status: tr(ctx, `request.status.${request.status}`),
      when: (request.decidedAt ?? request.expiresAt).slice(0, 16).replace('T', ' '),
    },
    color: 'Warning',
    lines: [tr(ctx, 'common.nothing-changed')],
  });
}

/** The helpdesk agent's answer after Submit request: the request as filed. */
export function requestedCard(ctx: Ctx, view: { request: ChangeRequest | undefined; requestId: string; user: User | undefined; notes: ColoredLine[]; until: Fact[] }): RenderedCard {
  const { request, user } = view;
  if (!request) return messageCard(ctx, { titleKey: 'request.submitted.title', textKey: 'request.unknown', params: { id: view.requestId } });
  return messageCard(ctx, {
    titleKey: 'request.submitted.title',
    textKey: 'request.submitted.text',
    params: { id: requestRef(request), user: userName(user, request.targetUserId) },
    color: 'Good',
    lines: view.notes.map((n) => n.text),
    facts: requestFacts(ctx, request, user, view.until),
  });
}

/** The request a finished helpdesk draft filed. */
export const requestIdOf = (draft: Draft): string => String(draft.state.requestId ?? '');
