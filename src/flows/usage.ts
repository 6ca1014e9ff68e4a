// `usage`: licenses grouped by subscription as Control Hub shows them, each with used / total
// as numbers and as a bar (used and free as two weighted columns); full ones marked (R12).
import type { BarPart, UsageCardData } from '../cards/index.js';
import { cardSize, renderCard } from '../cards/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { licenseName, usageText, type LicenseUse } from './format.js';
import { licenseUse, rulesContextOf } from './org-view.js';

/** Webex refuses a card of 16 KB; an org with very many licenses gets the numbers without the bars. */
export const MAX_USAGE_CARD_BYTES = 15 * 1024;

type LicenseRow = UsageCardData['subscriptions'][number]['licenses'][number];

/** Used and free units as column weights; a part with no units is left out (a column of width 0 is no column). */
export function usageBar(use: LicenseUse): BarPart[] {
  const free = Math.max(0, use.license.totalUnits - use.used);
  const parts: BarPart[] = [
    { width: use.used, style: use.full ? 'attention' : 'good' },
    { width: free, style: 'emphasis' },
  ];
  return parts.filter((p) => p.width > 0);
}

function licenseRow(ctx: FlowContext, use: LicenseUse): LicenseRow {
  return {
    // The name only: the subscription is the heading above it, and ids are for machines.
    name: licenseName(use.license),
    usage: usageText(ctx, use),
    color: use.full ? 'Attention' : 'Default',
    weight: use.full ? 'Bolder' : 'Default',
    bar: usageBar(use),
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
  const withoutBars = data.subscriptions.map((s) => ({ ...s, licenses: s.licenses.map((l) => ({ ...l, bar: [] })) }));
  await ctx.reply.card(renderCard('usage', { ...data, subscriptions: withoutBars }));
}
