// `usage`: licenses grouped by subscription as Control Hub shows them, each with used / total
// as numbers and as a bar of block characters; full ones marked (R12).
import type { UsageCardData } from '../cards/index.js';
import { cardSize, renderCard } from '../cards/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { licenseName, usageText, type LicenseUse } from './format.js';
import { licenseUse, rulesContextOf } from './org-view.js';

/** Webex refuses a card of 16 KB; an org with very many licenses gets the numbers without the bars. */
export const MAX_USAGE_CARD_BYTES = 15 * 1024;

type LicenseRow = UsageCardData['subscriptions'][number]['licenses'][number];

export const BAR_CELLS = 20;

/**
 * Used / total as a text bar ("█████░░░░░"): characters, not coloured columns, because
 * Webex's web widget host config styles only "default" and "emphasis" containers, so a
 * "good" column would render white. Some use shows at least one cell, some room at most 19.
 */
export function usageBar(use: LicenseUse): string {
  const total = use.license.totalUnits;
  if (total <= 0) return '';
  const exact = Math.round((use.used / total) * BAR_CELLS);
  const filled = Math.min(use.used < total ? BAR_CELLS - 1 : BAR_CELLS, Math.max(use.used > 0 ? 1 : 0, exact));
  return '█'.repeat(filled) + '░'.repeat(BAR_CELLS - filled);
}

function licenseRow(ctx: FlowContext, use: LicenseUse): LicenseRow {
  return {
    // The name only: the subscription is the heading above it, and ids are for machines.
    name: licenseName(use.license),
    usage: usageText(ctx, use),
    color: use.full ? 'Attention' : 'Default',
    weight: use.full ? 'Bolder' : 'Default',
    bar: usageBar(use),
    barColor: use.full ? 'Attention' : 'Good',
  };
}

export async function showUsage(ctx: FlowContext): Promise<void> {
  const rules = rulesContextOf(ctx.store);
  const subscriptions = ctx.store.subscriptions().map((sub) => ({
    heading: tr(ctx, 'usage.subscription', { id: sub.id }),
    names: sub.name ? [{ text: sub.name }] : [],
    licenses: ctx.store
      .licenses()
      .filter((l) => l.subscriptionId === sub.id)
      .map((l) => licenseRow(ctx, licenseUse(rules, l))),
  }));
  const title = tr(ctx, 'usage.title');
  const data: UsageCardData = { fallbackText: title, title, intro: tr(ctx, 'usage.intro'), subscriptions: subscriptions.filter((s) => s.licenses.length > 0) };
  const card = renderCard('usage', data);
  if (cardSize(card.card) < MAX_USAGE_CARD_BYTES) return void (await ctx.reply.card(card));
  const withoutBars = data.subscriptions.map((s) => ({ ...s, licenses: s.licenses.map((l) => ({ ...l, bar: '' })) }));
  await ctx.reply.card(renderCard('usage', { ...data, subscriptions: withoutBars }));
}
