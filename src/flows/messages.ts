// Small cards that say what happened and what to do next: errors, refusals, expired or
// stale cards, confirmations. All use the "message" template.
import type { CardAction, Fact, RenderedCard, TextColor } from '../cards/index.js';
import { renderCard } from '../cards/index.js';
import type { Params } from '../i18n/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { plainAction } from './submit.js';

export interface MessageInput {
  titleKey: string;
  textKey: string;
  params?: Params;
  color?: TextColor;
  lines?: string[];
  facts?: Fact[];
  actions?: CardAction[];
}

export function messageCard(ctx: Pick<FlowContext, 'locale'>, input: MessageInput): RenderedCard {
  const title = tr(ctx, input.titleKey, input.params);
  const text = tr(ctx, input.textKey, input.params);
  return renderCard('message', {
    fallbackText: `${title}: ${text}`,
    title,
    color: input.color ?? 'Default',
    text,
    lines: (input.lines ?? []).map((line) => ({ text: line })),
    facts: input.facts ?? [],
    actions: input.actions ?? [],
  });
}

/** The card's draft is unknown or expired: say so and offer to start again. */
export function expiredCard(ctx: Pick<FlowContext, 'locale'>, flow: string): RenderedCard {
  const restartable = flow === 'edit' || flow === 'external';
  return messageCard(ctx, {
    titleKey: 'expired.title',
    textKey: 'expired.text',
    color: 'Warning',
    lines: [tr(ctx, 'common.nothing-changed')],
    actions: restartable ? [plainAction(flow, tr(ctx, 'action.start-again'), 'restart', 'positive')] : [],
  });
}

export function errorCard(ctx: Pick<FlowContext, 'locale'>, textKey: string, params: Params = {}): RenderedCard {
  return messageCard(ctx, {
    titleKey: 'error.title',
    textKey,
    params,
    color: 'Attention',
    lines: [tr(ctx, 'common.nothing-changed')],
  });
}

