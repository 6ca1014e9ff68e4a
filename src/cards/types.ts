// The data each card template expects. Flows build these plain objects; the templates
// in /cards shape them into Adaptive Card JSON. Every displayed string is already
// translated when it gets here.

import type { CardAction, Choice, ColoredLine, Fact, Line, Section, TextColor, TextInput, WithFallback } from './basics.js';

export type * from './basics.js';

export interface MessageCardData extends WithFallback {
  title: string;
  color: TextColor;
  text: string;
  lines: Line[];
  facts: Fact[];
  actions: CardAction[];
}

export interface HelpCardData extends WithFallback {
  title: string;
  intro: string;
  commands: { command: string; description: string }[];
  footer: string;
}

export interface UserSelectCardData extends WithFallback {
  title: string;
  stepLabel: string;
  searchLabel: string;
  searchPlaceholder: string;
  search: string;
  countText: string;
  userLabel: string;
  /** Radios for a short list, a dropdown (never "filtered": Webex does not render it) for a long one. */
  userStyle: 'expanded' | 'compact';
  /** Shown in the dropdown before a user is chosen. */
  userPlaceholder: string;
  selected: string;
  users: Choice[];
  actions: CardAction[];
}

export interface UserOverviewCardData extends WithFallback {
  title: string;
  stepLabel: string;
  header: Fact[];
  licensesTitle: string;
  services: { name: string; lines: Line[] }[];
  notes: ColoredLine[];
  actions: CardAction[];
}

export interface ServiceChoiceCardData extends WithFallback {
  title: string;
  stepLabel: string;
  /** What the rules say about the change so far (step-rules.ts). */
  notes: ColoredLine[];
  serviceLabel: string;
  selected: string;
  services: Choice[];
  pendingTitle: string;
  pending: Line[];
  actions: CardAction[];
}

export interface ToggleInput {
  id: string;
  title: string;
  value: 'true' | 'false';
}

export interface ServiceLicensesCardData extends WithFallback {
  title: string;
  stepLabel: string;
  /** What the rules say about the change so far (step-rules.ts). */
  notes: ColoredLine[];
  intro: string;
  /** Single-choice groups (the Calling tier: Professional / Standard / none). */
  tiers: { id: string; label: string; value: string; choices: Choice[] }[];
  groups: { title: string; toggles: ToggleInput[]; full: Line[] }[];
  actions: CardAction[];
}

export interface SiteAccountsCardData extends WithFallback {
  title: string;
  stepLabel: string;
  /** What the rules say about the change so far (step-rules.ts). */
  notes: ColoredLine[];
  intro: string;
  /**
   * Per site: its choice (none, or one when only "none" could be chosen: then the site's name as a label),
   * the rules' reasons where the user holds or gets something there, else at most one short line.
   */
  sites: { inputs: { id: string; label: string; value: string; choices: Choice[] }[]; labels: Line[]; reasons: Line[]; brief: Line[] }[];
  actions: CardAction[];
}

/** A Calling license's location and number: a ChoiceSet of numbers when the org offers them, else a text input. */
export interface CallingPropertiesCardData extends WithFallback {
  title: string;
  stepLabel: string;
  intro: string;
  notes: ColoredLine[];
  location: { id: string; label: string; value: string; choices: Choice[] };
  extension: { id: string; label: string; placeholder: string; value: string };
  /** One or none: the location's free numbers. */
  numberChoices: { id: string; label: string; value: string; choices: Choice[] }[];
  /** One or none: the number typed in (no org connection, or no location chosen yet). */
  numberTexts: { id: string; label: string; placeholder: string; value: string }[];
  actions: CardAction[];
}


export interface ResultCardData extends WithFallback {
  title: string;
  stepLabel: string;
  intro: string;
  sections: Section[];
  outcome: string;
  outcomeColor: TextColor;
  actions: CardAction[];
}

/** "Until" for one license a change adds: a preset (Permanent, 1 week, …) and a date that wins when picked. */
export interface UntilInput {
  choiceId: string;
  label: string;
  choices: Choice[];
  dateId: string;
  dateLabel: string;
  /** YYYY-MM-DD bounds of the date picker. */
  min: string;
  max: string;
}

/** The wizard's review, and an approval card (facts: who asks, for whom, why; inputs: reason or comment). */
export interface ReviewCardData extends ResultCardData {
  facts: Fact[];
  /** Until for each license the change adds (the review only; none on an approval card). */
  until: UntilInput[];
  inputs: TextInput[];
}

export interface HistoryCardData extends WithFallback {
  title: string;
  subtitle: string;
  entries: { heading: string; color: TextColor; lines: Line[] }[];
  /** The page's changes that can be undone (a compact choice and one Undo button; none: no choice shown). */
  undo: { id: string; label: string; placeholder: string; choices: Choice[] }[];
  footer: string;
  actions: CardAction[];
}

/** A card with a few facts and inputs: a grant's reminder and `grants`, a person's ask, the helpdesk queue. */
export interface FormCardData extends WithFallback {
  title: string;
  color: TextColor;
  text: string;
  facts: Fact[];
  lines: Line[];
  /** A compact choice (which grant, which license); value: the one chosen at first ('' none). None: not shown. */
  choose: { id: string; label: string; placeholder: string; value: string; choices: Choice[] }[];
  /** A new last day (Extend); none: not shown. */
  date: { id: string; label: string; min: string; max: string }[];
  /** Text inputs (a reason, a question, an answer); none: not shown. */
  texts: TextInput[];
  actions: CardAction[];
}

export interface UsageCardData extends WithFallback {
  title: string;
  intro: string;
  /** Grouped as Control Hub does: the subscription id as heading, its name (none or one line) under it. */
  subscriptions: {
    heading: string;
    names: Line[];
    licenses: { name: string; usage: string; color: TextColor; weight: 'Default' | 'Bolder'; bar: string; barColor: TextColor }[];
  }[];
}

export interface UserListCardData extends WithFallback {
  title: string;
  countText: string;
  users: { name: string; details: string }[];
  hint: string;
}

export interface ExternalUserCardData extends WithFallback {
  title: string;
  stepLabel: string;
  header: Fact[];
  notes: ColoredLine[];
  toggles: ToggleInput[];
  actions: CardAction[];
}

/** `reclaim`: idle users' licenses by license, a compact choice of this page's rows and a few buttons (Webex: at most 5 actions). */
export interface ReclaimCardData extends WithFallback {
  title: string;
  intro: string;
  /** What the last click did, on top. */
  notes: ColoredLine[];
  groups: { heading: string; summary: string; rows: { text: string; details: ColoredLine[] }[] }[];
  counts: Line[];
  /** One or none: the rows of this page to act on. */
  choice: { id: string; label: string; placeholder: string; choices: Choice[] }[];
  footer: string;
  actions: CardAction[];
}

/** Template name → the data it takes. One JSON file per name in /cards. */
export interface CardDataByName {
  message: MessageCardData;
  help: HelpCardData;
  'user-select': UserSelectCardData;
  'user-overview': UserOverviewCardData;
  'service-choice': ServiceChoiceCardData;
  'service-licenses': ServiceLicensesCardData;
  'site-accounts': SiteAccountsCardData;
  'calling-properties': CallingPropertiesCardData;
  review: ReviewCardData;
  result: ResultCardData;
  usage: UsageCardData;
  'user-list': UserListCardData;
  'external-user': ExternalUserCardData;
  history: HistoryCardData;
  form: FormCardData;
  reclaim: ReclaimCardData;
}

export type CardName = keyof CardDataByName;
export const CARD_NAMES: readonly CardName[] = [
  'message',
  'help',
  'user-select',
  'user-overview',
  'service-choice',
  'service-licenses',
  'site-accounts',
  'calling-properties',
  'review',
  'result',
  'usage',
  'user-list',
  'external-user',
  'history',
  'form',
  'reclaim',
];
