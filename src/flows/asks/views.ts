// What the ask cards show, gathered from the store and the rules.
import type { ChangeRequest, User } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import type { FlowContext } from '../context.js';
import { findingText, userName } from '../format.js';
import { licenseLabel } from '../org-view.js';
import { requestRef } from '../requests/ref.js';
import type { AskFormView, QueueView } from './cards.js';
import { askVerdict, type AskOffer } from './offer.js';

export const personLabel = (user: User): string => `${userName(user)} · ${user.email}`;

/** "… ago" in hours or days, for the queue. */
export function age(ctx: FlowContext, since: string): string {
  const hours = Math.max(0, Math.floor((ctx.now().getTime() - Date.parse(since)) / 3_600_000));
  if (hours === 0) return tr(ctx, 'queue.age.now');
  return hours < 48 ? tr(ctx, 'queue.age.hours', { hours }) : tr(ctx, 'queue.age.days', { days: Math.floor(hours / 24) });
}

export function askFormView(ctx: FlowContext, person: User, offer: AskOffer, options: { chosen?: string; only?: readonly string[]; open: number }): AskFormView {
  const offered = offer.offered.filter((item) => !options.only || options.only.includes(item.license.id));
  return {
    person: personLabel(person),
    holds: person.licenseIds.map((id) => licenseLabel(ctx.store, id)),
    offered: offered.map((item) => ({ title: licenseLabel(ctx.store, item.license.id), value: item.license.id })),
    chosen: options.chosen ?? '',
    alsoLines: offered.flatMap((item) => item.verdict.autoChanges.map((change) => tr(ctx, 'ask.also', { license: licenseLabel(ctx.store, item.license.id), text: findingText(ctx, change) }))),
    unavailableLines: offer.unavailable.map((item) => tr(ctx, 'ask.unavailable-line', { license: licenseLabel(ctx.store, item.license.id), reason: item.verdict.violations.map((v) => findingText(ctx, v)).join(' ') })),
    open: options.open,
  };
}

/** The licenses an ask adds, by name. */
export const askedLicenses = (ctx: FlowContext, request: ChangeRequest): string => request.change.addLicenseIds.map((id) => licenseLabel(ctx.store, id)).join(', ');

function stateLine(ctx: FlowContext, request: ChangeRequest): string {
  const h = request.helpdesk;
  if (request.status === 'asked') return h?.takenBy ? tr(ctx, 'queue.state.taken', { agent: h.takenBy.email, age: age(ctx, request.createdAt) }) : tr(ctx, 'queue.state.new', { age: age(ctx, request.createdAt) });
  if (h?.forwardedBy && request.status === 'open') return tr(ctx, 'queue.state.forwarded', { agent: h.forwardedBy.email });
  return tr(ctx, `queue.state.${request.status}`, { by: request.decidedBy ?? '' });
}

export function queueView(ctx: FlowContext, request: ChangeRequest): QueueView {
  const person = ctx.store.user(request.targetUserId);
  const h = request.helpdesk;
  const verdict = person && request.change.addLicenseIds[0] ? askVerdict(ctx.store, person, request.change.addLicenseIds[0]) : undefined;
  const rules = verdict ? (verdict.ok ? verdict.autoChanges : verdict.violations).map((f) => findingText(ctx, f)) : [];
  const ref = requestRef(request);
  return {
    request,
    ref,
    title: tr(ctx, 'queue.card.title', { id: ref, user: person ? userName(person) : request.requesterEmail, license: askedLicenses(ctx, request) }),
    state: stateLine(ctx, request),
    facts: [
      { title: tr(ctx, 'queue.fact.requester'), value: person ? personLabel(person) : request.requesterEmail },
      { title: tr(ctx, 'queue.fact.license'), value: askedLicenses(ctx, request) },
      { title: tr(ctx, 'queue.fact.reason'), value: request.reason },
      { title: tr(ctx, 'queue.fact.holds'), value: person && person.licenseIds.length > 0 ? person.licenseIds.map((id) => licenseLabel(ctx.store, id)).join(', ') : tr(ctx, 'ask.holds-none') },
      ...(h?.note ? [{ title: tr(ctx, 'queue.fact.note'), value: h.note }] : []),
    ],
    lines: [
      ...rules.map((text) => tr(ctx, verdict?.ok ? 'queue.rules.also' : 'queue.rules.refused', { text })),
      ...(h?.questions ?? []).flatMap((q) => [tr(ctx, 'queue.question', { by: q.by, text: q.text }), q.answer ? tr(ctx, 'queue.answer', { text: q.answer }) : tr(ctx, 'queue.no-answer')]),
    ],
    actionable: request.status === 'asked',
    taken: Boolean(h?.takenBy),
  };
}
