// The wizard as data: a flow declares its steps, each step how it renders and which
// actions its card offers. The engine (engine.ts) looks up flow → step → action, the way
// bolt-js registers app.action(id, handler): no switch on joined strings.
import type { ColoredLine, RenderedCard, TextInput } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import type { Capability, Intent, Verdict } from '../../rules/index.js';
import type { StoreReader } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import type { Submit } from '../submit.js';

/** What an action handler gets: the checked draft, its user, the click, and how to move on. */
export interface StepInput {
  ctx: FlowContext;
  draft: Draft;
  /** The draft's user; undefined only before one is chosen (user selection). */
  user: User | undefined;
  submit: Submit;
  /** Store `next` and send its step's card in place of the clicked one. */
  go(next: Draft, notes?: ColoredLine[]): Promise<void>;
  /** Store `next` and send its step's card below the clicked one, which stays (a result card is the record of a change). */
  goBelow(next: Draft, notes?: ColoredLine[]): Promise<void>;
  /** Send the card of a draft's step as the store has it (a finished draft: its result), storing nothing. */
  show(draft: Draft, notes?: ColoredLine[]): Promise<void>;
  /** The same, in place of the clicked card. */
  replaceWith(draft: Draft, notes?: ColoredLine[]): Promise<void>;
  /** The draft was finished by another click of the same card: say nothing new if its result is in the room. */
  repeated(finished: Draft): Promise<void>;
  /** The user changed meanwhile: back to their first card, with a note saying so. */
  backToUser(user: User): Promise<void>;
}

/** Said to someone whose role may not click an action (R11), and written to the audit. */
export interface Refusal {
  /** i18n key of the text, also the audit line's code. */
  key: string;
  /** The audit line's `details.what`. */
  what: string;
}

export interface StepAction {
  /** Who may click it (R11, through the rules' `can`); default: the flow's. */
  needs?: Capability;
  refusal?: Refusal;
  run(input: StepInput): Promise<void>;
}

export interface Step {
  /** The step's card for this draft; notes go on top (e.g. "the user changed meanwhile"). */
  render(ctx: FlowContext, draft: Draft, notes: ColoredLine[]): RenderedCard;
  actions: Readonly<Record<string, StepAction>>;
}

export interface Wizard {
  name: string;
  /** Who may click its cards at all (R11); an action may ask for more. */
  needs: Capability;
  /** Where a draft goes back to when its user changed meanwhile (the user's first card). */
  userStep: string;
  /** Said before a finished draft's card is shown again (a repeated click); none when null. Default "stale.already-done". */
  repeatNoteKey?: string | null;
  steps: Readonly<Record<string, Step>>;
  /** A fresh start: the "Start again" button of an expired card (flows that offer one). */
  start?(ctx: FlowContext): Promise<void>;
}

/**
 * A flow whose cards the bot routes submits to. Wizards become one through `cardFlow`;
 * the request flow (approval cards) is one without drafts.
 */
export interface CardFlow {
  name: string;
  /** Who may click its cards at all (R11); the bot checks it before anything else. A step's action may ask for more. */
  needs: Capability;
  /**
   * Its cards ask one person a question, and that person may hold no role on the desk: the bot
   * skips R11's role checks for it, and the flow accepts a click only from the person asked
   * (Webex's actor), once, and refuses and audits everyone else's (src/flows/reclaim/answer.ts).
   */
  personAsked?: true;
  /** The user a submit is about (its draft's or request's), for the audit line of a refusal. */
  targetOf(store: StoreReader, submit: Submit): string | undefined;
  handle(ctx: FlowContext, submit: Submit): Promise<void>;
}

/** How a reviewed change is finished for a role: admins apply it now, helpdesk agents file a request. */
export interface FinishChange {
  /** What the rules are asked (R11 decides per intent). */
  intent: Intent;
  /** The review's primary button: i18n key of its title and the action it sends. */
  primaryTitleKey: string;
  primaryAction: string;
  /** Review texts when they differ from Save's (i18n keys). */
  reviewIntroKey?: string;
  readyKey?: string;
  /** Inputs the review asks for (a request's reason); checked again by finish. */
  inputs?(ctx: FlowContext): TextInput[];
  /** Make the change (or the request) in one commit that also finishes the draft; returns it and notes for its card. */
  finish(input: { ctx: FlowContext; draft: Draft; user: User; verdict: Verdict; submit: Submit }): Promise<{ done: Draft; notes?: ColoredLine[] }>;
}
