// Step 6 (review) and step 7 (result). The review shows the rules' verdict as a diff:
// added, removed, automatic changes, notices, and the violations that block saving.
import type { CardAction, RenderedCard, Section } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import { CODES, evaluate, meetingsLicensesOfSite, permissions, type Finding, type Verdict } from '../../rules/index.js';
import { tr, type FlowContext } from '../context.js';
import { findingText, licenseName, licensesOfUser } from '../format.js';
import { rulesContextOf } from '../rules-context.js';
import { actionOf } from '../submit.js';
import { finishChangeFor, intentFor } from './finish.js';

export function verdictFor(ctx: FlowContext, draft: Draft, user: User, intent = intentFor(ctx.role)): Verdict {
  return evaluate({ ctx: rulesContextOf(ctx.store), actorRole: ctx.role, intent, user, change: draft.change });
}

const nameOf = (ctx: FlowContext, id: string): string => {
  const license = ctx.store.license(id);
  return license ? `${licenseName(license)} · ${license.subscriptionId}` : id;
};

/** R10's hint names `reassign`, an admin command: others are told to ask an administrator. */
function noticeText(ctx: FlowContext, finding: Finding): string {
  if (finding.code === CODES.r10CallingSettingsHint && !permissions(ctx.role).apply) return tr(ctx, 'review.r10-ask-admin', finding.params);
  return findingText(ctx, finding);
}

/**
 * R5 asks for an account type on every Meetings site. The wizard's sites step has already
 * asked, so the review states the outcome once per site instead of repeating the question.
 */
function accountTypeLines(ctx: FlowContext, verdict: Verdict): { text: string }[] {
  const rules = rulesContextOf(ctx.store);
  return verdict.notices
    .filter((f) => f.code === CODES.r5ChooseAccountType)
    .map((f) => String(f.params.siteUrl))
    .map((siteUrl) => {
      const host = meetingsLicensesOfSite(rules, siteUrl).some((l) => verdict.result.licenseIds.includes(l.id));
      const type = host ? 'host' : verdict.result.attendeeOf.includes(siteUrl) ? 'attendee' : 'none';
      return { text: tr(ctx, 'review.account-type', { siteUrl, type: tr(ctx, `review.account-type.${type}`) }) };
    });
}

/** Added / removed / automatic changes / notices / violations, as card sections. */
export function verdictSections(ctx: FlowContext, verdict: Verdict): Section[] {
  const attendee = (siteUrl: string) => tr(ctx, 'overview.attendee-on', { siteUrl });
  const added = [...verdict.diff.addedLicenseIds.map((id) => nameOf(ctx, id)), ...verdict.diff.addedAttendeeSites.map(attendee)];
  const removed = [...verdict.diff.removedLicenseIds.map((id) => nameOf(ctx, id)), ...verdict.diff.removedAttendeeSites.map(attendee)];
  const sections: Section[] = [
    { title: tr(ctx, 'review.added'), color: 'Good', lines: added.map((text) => ({ text: `+ ${text}` })) },
    { title: tr(ctx, 'review.removed'), color: 'Default', lines: removed.map((text) => ({ text: `− ${text}` })) },
    { title: tr(ctx, 'review.automatic'), color: 'Accent', lines: verdict.autoChanges.map((f) => ({ text: findingText(ctx, f) })) },
    { title: tr(ctx, 'review.account-types'), color: 'Default', lines: accountTypeLines(ctx, verdict) },
    {
      title: tr(ctx, 'review.notices'),
      color: 'Default',
      lines: verdict.notices.filter((f) => f.code !== CODES.r5ChooseAccountType).map((f) => ({ text: noticeText(ctx, f) })),
    },
    { title: tr(ctx, 'review.violations'), color: 'Attention', lines: verdict.violations.map((f) => ({ text: findingText(ctx, f) })) },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

const hasDifference = (v: Verdict): boolean =>
  v.diff.addedLicenseIds.length + v.diff.removedLicenseIds.length + v.diff.addedAttendeeSites.length + v.diff.removedAttendeeSites.length > 0;

export function reviewCard(ctx: FlowContext, draft: Draft, user: User, verdict: Verdict): RenderedCard {
  const strategy = finishChangeFor(ctx.role);
  const changed = hasDifference(verdict);
  const canFinish = verdict.ok && changed && strategy !== undefined;
  const actions: CardAction[] = [];
  if (canFinish) actions.push(actionOf(draft, tr(ctx, strategy.primaryTitleKey), strategy.primaryAction, 'positive'));
  actions.push(actionOf(draft, tr(ctx, 'action.back'), 'back'), actionOf(draft, tr(ctx, 'action.cancel'), 'cancel'));
  const name = user.displayName || user.email;
  const title = tr(ctx, 'review.title', { user: name });
  return renderCard('review', {
    fallbackText: title,
    title,
    stepLabel: tr(ctx, 'wizard.step', { n: 6, total: 6, name: tr(ctx, 'wizard.step.review') }),
    intro: tr(ctx, strategy?.reviewIntroKey ?? 'review.intro'),
    facts: [],
    sections: verdictSections(ctx, verdict),
    outcome: !changed ? tr(ctx, 'review.nothing') : canFinish ? tr(ctx, strategy.readyKey ?? 'review.ready') : tr(ctx, 'review.blocked'),
    outcomeColor: canFinish ? 'Good' : changed ? 'Attention' : 'Default',
    inputs: canFinish ? (strategy.inputs?.(ctx) ?? []) : [],
    actions,
  });
}

/** What a saved change looked like: kept in the draft so a repeated Save shows it again. */
export interface SavedSummary {
  auditSeq: number;
  sections: Section[];
}

export function resultCard(ctx: FlowContext, draft: Draft, user: User | undefined, saved: SavedSummary): RenderedCard {
  const now = user ? licensesOfUser(ctx.store, user).map((l) => ({ text: `${licenseName(l)} · ${l.subscriptionId}` })) : [];
  if (user) user.attendeeOf.forEach((siteUrl) => now.push({ text: tr(ctx, 'overview.attendee-on', { siteUrl }) }));
  const sections: Section[] = [
    ...saved.sections,
    { title: tr(ctx, 'result.licenses-now'), color: 'Default', lines: now.length > 0 ? now : [{ text: tr(ctx, 'overview.no-licenses') }] },
  ];
  const external = draft.flow === 'external';
  const name = user ? user.displayName || user.email : '';
  const title = tr(ctx, 'result.title', { user: name });
  return renderCard('result', {
    fallbackText: title,
    title,
    stepLabel: tr(ctx, 'result.step'),
    intro: tr(ctx, 'result.intro', { seq: saved.auditSeq }),
    sections,
    outcome: '',
    outcomeColor: 'Default',
    actions: [
      actionOf(draft, tr(ctx, external ? 'action.external-list' : 'action.edit-again'), 'again', 'positive'),
      actionOf(draft, tr(ctx, 'action.done'), 'done'),
    ],
  });
}
