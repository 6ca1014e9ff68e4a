// The cards of `reclaim`: the list (by license, a compact choice of the page's rows and at most
// five buttons, usable on a phone), the question to a user in a 1:1 space, what they are told
// once they answered, and the answer as it comes back to the administrator. Builders only:
// list.ts and answer.ts gather what they show.
import type { CardAction, ColoredLine, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, License, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { findingText, licenseName, licenseWithSubscription, userName } from '../format.js';
import { messageCard } from '../messages.js';
import { actionOf } from '../submit.js';
import type { ReclaimListing, ReclaimRow } from './candidates.js';
import { KEEP_DAYS, RECLAIM_ASK_FLOW, RECLAIM_FLOW, type Answer, type ReclaimAsk } from './state.js';

type Ctx = Pick<FlowContext, 'locale'>;

export const ROW_INPUT = 'reclaim.row';
export const PAGE_ROWS = 8;

const day = (iso: string): string => iso.slice(0, 10);

export interface ListView {
  draft: Draft;
  listing: ReclaimListing;
  page: number;
  notes: ColoredLine[];
}

/** "Asked on … · no answer yet", or the answer. */
function askLine(ctx: Ctx, ask: ReclaimAsk): ColoredLine {
  if (!ask.answer) return { text: tr(ctx, 'reclaim.row.asked', { date: day(ask.askedAt), by: ask.askedBy }), color: 'Accent' };
  return { text: tr(ctx, `reclaim.row.answered.${ask.answer}`, { date: day(ask.answeredAt ?? ask.askedAt) }), color: ask.answer === 'release' ? 'Good' : 'Warning' };
}

function rowDetails(ctx: Ctx, row: ReclaimRow): ColoredLine[] {
  const details: ColoredLine[] = row.blockedBy.length > 0
    ? row.blockedBy.map((finding) => ({ text: tr(ctx, 'reclaim.row.blocked', { reason: findingText(ctx, finding) }), color: 'Warning' as const }))
    : [{ text: tr(ctx, 'reclaim.row.frees', { licenses: row.frees.map(licenseName).join(', ') }), color: 'Default' as const }];
  return row.ask ? [...details, askLine(ctx, row.ask)] : details;
}

const rowText = (ctx: Ctx, n: number, row: ReclaimRow): string =>
  tr(ctx, 'reclaim.row', { n, user: userName(row.user), email: row.user.email, date: day(row.lastActivity), days: row.idleDays });

export function listCard(ctx: Ctx, { draft, listing, page, notes }: ListView): RenderedCard {
  const all = listing.groups.flatMap((group) => group.rows.map((row) => ({ group, row })));
  const from = page * PAGE_ROWS;
  const shown = all.slice(from, from + PAGE_ROWS);
  const groups = listing.groups.flatMap((group) => {
    const rows = shown.filter((s) => s.group === group).map((s) => ({ text: rowText(ctx, all.indexOf(s) + 1, s.row), details: rowDetails(ctx, s.row) }));
    if (rows.length === 0) return [];
    const summary = tr(ctx, 'reclaim.group', { users: group.rows.length, units: group.unitsFreed, used: group.used, total: group.license.totalUnits });
    return [{ heading: licenseWithSubscription(group.license), summary, rows }];
  });
  const counts = [
    ...(listing.kept > 0 ? [{ text: tr(ctx, 'reclaim.count.kept', { count: listing.kept }) }] : []),
    ...(listing.neverSeen > 0 ? [{ text: tr(ctx, 'reclaim.count.never-seen', { count: listing.neverSeen }) }] : []),
  ];
  const actions: CardAction[] = [];
  if (shown.length > 0) {
    actions.push(actionOf(draft, tr(ctx, 'action.reclaim-keep'), 'keep'), actionOf(draft, tr(ctx, 'action.reclaim-remove'), 'remove', 'destructive'), actionOf(draft, tr(ctx, 'action.reclaim-ask'), 'ask', 'positive'));
  }
  if (page > 0) actions.push(actionOf(draft, tr(ctx, 'action.previous'), 'prev'));
  if (from + PAGE_ROWS < all.length) actions.push(actionOf(draft, tr(ctx, 'action.next'), 'next'));
  const title = tr(ctx, 'reclaim.title');
  const choices = shown.map((s) => ({ title: `${all.indexOf(s) + 1}. ${userName(s.row.user)} · ${licenseName(s.row.license)}`, value: String(all.indexOf(s)) }));
  return renderCard('reclaim', {
    fallbackText: title,
    title,
    intro: tr(ctx, all.length > 0 ? 'reclaim.intro' : 'reclaim.none', { days: listing.days, date: day(listing.idleSince), keepDays: KEEP_DAYS }),
    notes,
    groups,
    counts,
    choice: choices.length > 0 ? [{ id: ROW_INPUT, label: tr(ctx, 'reclaim.choice.label'), placeholder: tr(ctx, 'reclaim.choice.placeholder'), choices }] : [],
    footer: tr(ctx, all.length > 0 ? 'reclaim.footer' : 'reclaim.footer.none', { from: from + 1, to: from + shown.length, total: all.length }),
    actions,
  });
}

export interface QuestionView {
  user: User;
  license: License;
  lastActivity: string;
  idleDays: number;
  admin: string;
}

/** The 1:1 question: its buttons carry the question's id and version, so an old card is stale. */
export function questionCard(ctx: Ctx, ask: Pick<Draft, 'id' | 'version'>, view: QuestionView): RenderedCard {
  const ref = { flow: RECLAIM_ASK_FLOW, step: 'question', id: ask.id, version: ask.version };
  const params = { user: userName(view.user), license: licenseName(view.license), date: day(view.lastActivity), days: view.idleDays, admin: view.admin };
  return messageCard(ctx, {
    titleKey: 'reclaim.question.title',
    textKey: 'reclaim.question.text',
    params,
    lines: [tr(ctx, 'reclaim.question.hint', params)],
    facts: [
      { title: tr(ctx, 'reclaim.fact.license'), value: licenseName(view.license) },
      { title: tr(ctx, 'reclaim.fact.last-active'), value: `${day(view.lastActivity)} (${tr(ctx, 'reclaim.days-ago', { days: view.idleDays })})` },
      { title: tr(ctx, 'reclaim.fact.asked-by'), value: view.admin },
    ],
    actions: [actionOf(ref, tr(ctx, 'action.reclaim-answer-keep'), 'keep', 'positive'), actionOf(ref, tr(ctx, 'action.reclaim-answer-release'), 'release')],
  });
}

/** What the person asked sees once they answered (or when they click again). */
export function thanksCard(ctx: Ctx, input: { answer: Answer; license: License; admin: string; again?: boolean }): RenderedCard {
  return messageCard(ctx, {
    titleKey: input.again ? 'reclaim.thanks.again' : 'reclaim.thanks.title',
    textKey: `reclaim.thanks.${input.answer}`,
    params: { license: licenseName(input.license), admin: input.admin },
    color: 'Good',
    lines: [tr(ctx, 'reclaim.thanks.next')],
  });
}

export interface AnswerView {
  ask: ReclaimAsk & { answer: Answer };
  user: User;
  license: License;
  /** Why it cannot be removed on its own, as the rules say now (none: Remove frees a unit). */
  blocked: string[];
}

/** The answer, back in the administrator's space, with Keep and Remove for that license. */
export function answerCard(ctx: Ctx, { ask, user, license, blocked }: AnswerView): RenderedCard {
  const ref = { flow: RECLAIM_FLOW, step: 'answer', id: ask.draft.id, version: ask.draft.version };
  const keep = actionOf(ref, tr(ctx, 'action.reclaim-keep'), 'keep', ask.answer === 'keep' ? 'positive' : 'default');
  const remove = actionOf(ref, tr(ctx, 'action.reclaim-remove'), 'remove', 'destructive');
  return messageCard(ctx, {
    titleKey: `reclaim.answer.title.${ask.answer}`,
    textKey: 'reclaim.answer.text',
    params: { user: userName(user), email: user.email, license: licenseName(license), date: day(ask.askedAt) },
    color: ask.answer === 'release' ? 'Good' : 'Accent',
    lines: blocked.map((reason) => tr(ctx, 'reclaim.row.blocked', { reason })),
    actions: ask.answer === 'keep' ? [keep, remove] : [remove, keep],
  });
}

/** The answer card once an administrator acted on it (or someone clicks it again). */
export const answerOutcomeCard = (ctx: Ctx, notes: ColoredLine[]): RenderedCard =>
  messageCard(ctx, { titleKey: 'reclaim.title', textKey: 'reclaim.answer.done', color: notes[0]?.color ?? 'Default', lines: notes.map((n) => n.text) });
