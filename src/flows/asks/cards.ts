// The cards of a person's own ask: the ask form, the question the helpdesk sends them, and
// the helpdesk queue card (Take / Ask for more info / Forward to an administrator / Decline).
// Builders only: views.ts gathers what they show.
import type { CardAction, Choice, Fact, RenderedCard, TextColor } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { ChangeRequest } from '../../domain/index.js';
import { tr, type Params } from '../../i18n/index.js';
import type { FlowContext } from '../context.js';
import { actionOf } from '../submit.js';

export const ASK_FLOW = 'ask';
export const QUEUE_FLOW = 'helpdesk';
export const LICENSE_INPUT = 'license';
export const REASON_INPUT = 'reason';
export const ANSWER_INPUT = 'answer';
export const MESSAGE_INPUT = 'message';

type Ctx = Pick<FlowContext, 'locale'>;

const requestAction = (flow: string, step: string, request: ChangeRequest, title: string, action: string, style: CardAction['style'] = 'default'): CardAction =>
  actionOf({ flow, step, id: request.id, version: request.version }, title, action, style);

interface FormInput {
  title: string;
  text: string;
  color?: TextColor;
  facts?: Fact[];
  lines?: string[];
  choose?: { id: string; label: string; placeholder: string; value: string; choices: Choice[] }[];
  texts?: { id: string; label: string; placeholder: string; isRequired: boolean; errorMessage: string }[];
  actions?: CardAction[];
}

const form = (input: FormInput): RenderedCard =>
  renderCard('form', {
    fallbackText: input.title,
    title: input.title,
    color: input.color ?? 'Default',
    text: input.text,
    facts: input.facts ?? [],
    lines: (input.lines ?? []).map((text) => ({ text })),
    choose: input.choose ?? [],
    date: [],
    texts: input.texts ?? [],
    actions: input.actions ?? [],
  });

export interface AskFormView {
  /** "Tom de Boer · tom@…" */
  person: string;
  holds: string[];
  offered: Choice[];
  /** The license "I need …" named, when it is offered. */
  chosen: string;
  /** What the rules would change too (R3), per offered license, in plain words. */
  alsoLines: string[];
  unavailableLines: string[];
  /** Open asks already (at most MAX_OPEN). */
  open: number;
}

export function askFormCard(ctx: Ctx, view: AskFormView): RenderedCard {
  const facts = [
    { title: tr(ctx, 'ask.fact.you'), value: view.person },
    { title: tr(ctx, 'ask.fact.holds'), value: view.holds.length > 0 ? view.holds.join(', ') : tr(ctx, 'ask.holds-none') },
  ];
  const lines = [...view.alsoLines, ...(view.unavailableLines.length > 0 ? [tr(ctx, 'ask.unavailable'), ...view.unavailableLines] : [])];
  if (view.offered.length === 0) return form({ title: tr(ctx, 'ask.title'), text: tr(ctx, 'ask.nothing'), color: 'Warning', facts, lines });
  return form({
    title: tr(ctx, 'ask.title'),
    text: tr(ctx, 'ask.intro'),
    facts,
    lines,
    choose: [{ id: LICENSE_INPUT, label: tr(ctx, 'ask.license-label'), placeholder: tr(ctx, 'ask.license-placeholder'), value: view.chosen, choices: view.offered }],
    texts: [{ id: REASON_INPUT, label: tr(ctx, 'ask.reason-label'), placeholder: tr(ctx, 'ask.reason-placeholder'), isRequired: true, errorMessage: tr(ctx, 'ask.reason-missing') }],
    actions: [{ title: tr(ctx, 'ask.action.send'), style: 'positive', data: { flow: ASK_FLOW, step: 'form', draftId: '', v: 0, action: 'send' } }],
  });
}

/** To the person: a question from the helpdesk, answered on the card. */
export function questionCard(ctx: Ctx, request: ChangeRequest, params: Params): RenderedCard {
  return form({
    title: tr(ctx, 'ask.question.title', params),
    text: String(params.question ?? ''),
    facts: [{ title: tr(ctx, 'ask.fact.asked-by'), value: String(params.agent ?? '') }],
    texts: [{ id: ANSWER_INPUT, label: tr(ctx, 'ask.answer-label'), placeholder: tr(ctx, 'ask.answer-placeholder'), isRequired: true, errorMessage: tr(ctx, 'ask.answer-missing') }],
    actions: [requestAction(ASK_FLOW, 'answer', request, tr(ctx, 'ask.action.answer'), 'answer', 'positive')],
  });
}

export interface QueueView {
  request: ChangeRequest;
  ref: string;
  title: string;
  /** "New · asked 3 h ago", "Taken by …", "Forwarded by …", … */
  state: string;
  facts: Fact[];
  /** The questions and answers so far, and what the rules say. */
  lines: string[];
  /** Still in the queue (asked): its buttons are shown. */
  actionable: boolean;
  taken: boolean;
}

export function queueCard(ctx: Ctx, view: QueueView): RenderedCard {
  const { request } = view;
  const act = (key: string, action: string, style: CardAction['style'] = 'default') => requestAction(QUEUE_FLOW, 'queue', request, tr(ctx, key), action, style);
  return form({
    title: view.title,
    text: view.state,
    color: view.actionable ? 'Accent' : 'Default',
    facts: view.facts,
    lines: view.lines,
    texts: view.actionable ? [{ id: MESSAGE_INPUT, label: tr(ctx, 'queue.message-label'), placeholder: tr(ctx, 'queue.message-placeholder'), isRequired: false, errorMessage: '' }] : [],
    actions: view.actionable
      ? [...(view.taken ? [] : [act('queue.action.take', 'take', 'positive')]), act('queue.action.question', 'question'), act('queue.action.forward', 'forward', view.taken ? 'positive' : 'default'), act('queue.action.decline', 'decline', 'destructive')]
      : [],
  });
}

/** A short card with facts only (the person told, a refusal). */
export const noticeCard = (ctx: Ctx, key: string, params: Params, color: TextColor = 'Default', lines: string[] = [], facts: Fact[] = []): RenderedCard =>
  form({ title: tr(ctx, `${key}.title`, params), text: tr(ctx, key, params), color, facts, lines });
