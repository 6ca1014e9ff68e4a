// `usage`: per subscription every license with used / total; full ones marked (R12).
import { renderCard } from '../cards/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { licenseName, usageText } from './format.js';
import { licenseUse, rulesContextOf } from './org-view.js';

export async function showUsage(ctx: FlowContext): Promise<void> {
  const rules = rulesContextOf(ctx.store);
  const subscriptions = ctx.store.subscriptions().map((sub) => ({
    title: sub.name ? `${sub.id} · ${sub.name}` : sub.id,
    licenses: ctx.store
      .licenses()
      .filter((l) => l.subscriptionId === sub.id)
      // The id (for `external add`) goes with the numbers: in the name column it wrapped every name.
      .map((l) => ({ name: licenseName(l), usage: `${usageText(ctx, licenseUse(rules, l))} · ${l.id}` })),
  }));
  const title = tr(ctx, 'usage.title');
  await ctx.reply.card(
    renderCard('usage', { fallbackText: title, title, intro: tr(ctx, 'usage.intro'), subscriptions: subscriptions.filter((s) => s.licenses.length > 0) }),
  );
}
