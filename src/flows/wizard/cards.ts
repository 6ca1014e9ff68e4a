// The cards every wizard shares: user selection and review, and the step label. Builders
// only: they get what they show and read neither the store nor the rules.
import type { CardAction, Fact, RenderedCard, Section, TextInput, UntilInput } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { userChoiceTitle } from '../format.js';
import { actionOf } from '../submit.js';
import { visitedSteps } from '../drafts.js';

type Ctx = Pick<FlowContext, 'locale'>;

/** The steps a change can go through, in order; a card counts those this draft has. */
const STEPS = ['select', 'overview', 'user', 'service', 'licenses', 'calling', 'sites', 'review'] as const;
export type CountedStep = (typeof STEPS)[number];

/** The steps every change of a flow has; the others count once the draft shows them (select, a Calling license's location). */
const ALWAYS: Readonly<Record<string, readonly CountedStep[]>> = { edit: ['overview', 'service', 'licenses', 'review'] };

/** The steps this draft goes through: those it has shown, the one shown now, the flow's own, and sites once Meetings is chosen. */
export function countedSteps(draft: Pick<Draft, 'flow' | 'state'>, step: CountedStep): CountedStep[] {
  const counted = new Set<string>([...visitedSteps(draft), step, ...(ALWAYS[draft.flow] ?? ['review'])]);
  if (draft.flow === 'edit' && draft.state.service === 'meetings') counted.add('sites');
  return STEPS.filter((s) => counted.has(s));
}

/** "Step 3 of 5: licenses", counted over the steps this draft has. */
export function stepLabel(ctx: Ctx, draft: Pick<Draft, 'flow' | 'state'>, step: CountedStep): string {
  const steps = countedSteps(draft, step);
  return tr(ctx, 'wizard.step', { n: steps.indexOf(step) + 1, total: steps.length, name: tr(ctx, `wizard.step.${step}`) });
}

/** Webex shows at most five actions on a card. */
export const MAX_CARD_ACTIONS = 5;

/** The rules' ways out first (the likely next click), as many as the step's own actions leave room for. */
export const withWaysOut = (waysOut: readonly CardAction[], actions: CardAction[]): CardAction[] => [
  ...waysOut.slice(0, Math.max(0, MAX_CARD_ACTIONS - actions.length)),
  ...actions,
];

export const backAction = (ctx: Ctx, draft: Draft): CardAction => actionOf(draft, tr(ctx, 'action.back'), 'back');
export const cancelAction = (ctx: Ctx, draft: Draft): CardAction => actionOf(draft, tr(ctx, 'action.cancel'), 'cancel');

export interface SelectView {
  draft: Draft;
  title: string;
  subtitle: string;
  search: string;
  /** The page shown (0-based), its users, how many match in all, and the page size. */
  page: number;
  users: readonly User[];
  total: number;
  pageSize: number;
}

/** Up to this many users show as radio buttons; a longer list is a dropdown (a phone shows ~8 radios on one screen). */
export const MAX_EXPANDED_USERS = 8;

/** A search box and one page of users to open: radios for a few, a compact choice (dropdown) for more. */
export function selectCard(ctx: Ctx, view: SelectView): RenderedCard {
  const { draft, page, users, total, pageSize, search } = view;
  const from = total === 0 ? 0 : page * pageSize + 1;
  const to = page * pageSize + users.length;
  const actions: CardAction[] = [];
  if (users.length > 0) actions.push(actionOf(draft, tr(ctx, 'action.open'), 'open', 'positive'));
  actions.push(actionOf(draft, tr(ctx, 'action.search'), 'search'));
  if (page > 0) actions.push(actionOf(draft, tr(ctx, 'action.previous'), 'prev'));
  if (to < total) actions.push(actionOf(draft, tr(ctx, 'action.next'), 'next'));
  actions.push(cancelAction(ctx, draft));
  return renderCard('user-select', {
    fallbackText: view.title,
    title: view.title,
    stepLabel: view.subtitle,
    searchLabel: tr(ctx, 'select.search-label'),
    searchPlaceholder: tr(ctx, 'select.search-placeholder'),
    search,
    countText: total === 0 ? tr(ctx, search ? 'select.none-matching' : 'select.none', { text: search }) : tr(ctx, 'select.count', { from, to, total }),
    userLabel: tr(ctx, 'select.user-label'),
    userStyle: users.length > MAX_EXPANDED_USERS ? 'compact' : 'expanded',
    userPlaceholder: tr(ctx, 'select.user-placeholder'),
    // Nothing preselected among several: a quick Open must not open whoever sorts first.
    selected: users.length === 1 ? users[0]!.id : '',
    users: users.map((u) => ({ title: userChoiceTitle(ctx, u), value: u.id })),
    actions,
  });
}

export interface ReviewView {
  draft: Draft;
  userName: string;
  sections: Section[];
  /** The verdict leaves something to save (a difference, no violation). */
  changed: boolean;
  ok: boolean;
  /** The rules' ways out of what blocks saving (step-rules.ts). */
  waysOut: CardAction[];
  /** Shown above the change (an undo: which line it undoes). */
  facts: Fact[];
  /** How this actor finishes: the primary button and its texts; undefined when the role may not. */
  finish?: { titleKey: string; action: string; introKey?: string; readyKey?: string; inputs: TextInput[]; until: UntilInput[] };
}

/** The verdict as a diff, with the role's way to finish (Save, Submit request) when the rules allow it. */
export function reviewCard(ctx: Ctx, view: ReviewView): RenderedCard {
  const { draft, finish, changed } = view;
  const canFinish = view.ok && changed && finish !== undefined;
  const actions: CardAction[] = [];
  if (canFinish) actions.push(actionOf(draft, tr(ctx, finish.titleKey), finish.action, 'positive'));
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = tr(ctx, 'review.title', { user: view.userName });
  return renderCard('review', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, draft, 'review'),
    intro: tr(ctx, finish?.introKey ?? 'review.intro'),
    facts: view.facts,
    sections: view.sections,
    outcome: !changed ? tr(ctx, 'review.nothing') : canFinish ? tr(ctx, finish.readyKey ?? 'review.ready') : tr(ctx, 'review.blocked'),
    outcomeColor: canFinish ? 'Good' : changed ? 'Attention' : 'Default',
    until: canFinish ? finish.until : [],
    inputs: canFinish ? finish.inputs : [],
    actions: withWaysOut(view.waysOut, actions),
  });
}
