// What request cards show, gathered from the store and the rules: the user a request is
// for, and the verdict an admin would get now (approving evaluates again).
import type { ChangeRequest, Locale, User } from '../../domain/index.js';
import { evaluate, type Verdict } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import type { Fact } from '../../cards/index.js';
import { tr } from '../../i18n/index.js';
import { dayText } from '../format.js';
import { licenseLabel, rulesContextOf } from '../org-view.js';
import { verdictView } from '../verdict-sections.js';
import type { ApprovalView } from './cards.js';

/** The context in another person's language (the requester's, or the approvals space's). */
export const inLocale = (ctx: FlowContext, locale: Locale): FlowContext => ({ ...ctx, locale });
export const requesterLocale = (ctx: FlowContext, request: ChangeRequest): Locale => ctx.store.locale(request.requesterId) ?? ctx.config.botLocale;

export const requestUser = (ctx: FlowContext, request: ChangeRequest): User | undefined => ctx.store.user(request.targetUserId);

export function adminVerdict(ctx: FlowContext, request: ChangeRequest, user: User): Verdict {
  return evaluate({ ctx: rulesContextOf(ctx.store), actorRole: 'admin', intent: 'apply', user, change: request.change });
}

export function approvalView(ctx: FlowContext, request: ChangeRequest): ApprovalView {
  const user = requestUser(ctx, request);
  return { request, user, until: untilFacts(ctx, request), ...(user ? { verdict: verdictView(ctx, adminVerdict(ctx, request, user)) } : {}) };
}

/** The licenses a request asks for until a date, one fact each. */
export const untilFacts = (ctx: FlowContext, request: ChangeRequest | undefined): Fact[] =>
  Object.entries(request?.until ?? {}).map(([licenseId, day]) => ({
    title: tr(ctx, 'request.fact.until'),
    value: tr(ctx, 'grant.license-until', { license: licenseLabel(ctx.store, licenseId), day: dayText(ctx, day) }),
  }));
