// `sync` (read the org from Webex now) and `pending` (changes not yet applied in Webex,
// oldest first, with Retry and Revert on those Webex refused). Administrators only.
import type { OrgChange } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { userName } from '../format.js';
import { messageCard } from '../messages.js';
import { tr } from '../../i18n/index.js';
import { partName, webexResultCard } from './notify.js';

/** Cards with buttons `pending` sends at most; the list card names the rest. */
const MAX_PROBLEM_CARDS = 5;
const MAX_LINES = 30;

export async function syncCommand(ctx: FlowContext): Promise<void> {
  if (!ctx.orgSync) {
    // With several replicas the sync runs on the one holding the singleton lease; this one has the connection but not the sync.
    const textKey = ctx.org ? 'sync.other-replica' : 'sync.no-connection';
    await ctx.reply.card(messageCard(ctx, { titleKey: 'sync.title', textKey, params: { minutes: ctx.config.syncIntervalMinutes ?? 15 }, color: 'Warning' }));
    return;
  }
  if (ctx.orgSync.isSyncing) await ctx.reply.text(tr(ctx, 'sync.busy'));
  try {
    const result = await ctx.orgSync.syncNow();
    await ctx.reply.card(messageCard(ctx, { titleKey: 'sync.title', textKey: 'sync.done', color: 'Good', params: { ...result, seconds: (result.ms / 1000).toFixed(1) } }));
  } catch (error) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'sync.title', textKey: 'sync.failed', color: 'Attention', params: { error: error instanceof Error ? error.message.slice(0, 300) : String(error) } }));
  }
}

const age = (ctx: FlowContext, change: OrgChange): string => {
  const minutes = Math.max(0, Math.round((ctx.now().getTime() - Date.parse(change.createdAt)) / 60_000));
  return minutes < 120 ? tr(ctx, 'pending.minutes', { n: minutes }) : tr(ctx, 'pending.hours', { n: Math.round(minutes / 60) });
};

function summary(ctx: FlowContext, change: OrgChange): string {
  const what = [
    ...change.licenses.map((op) => `${op.operation === 'add' ? '+' : '−'} ${partName(ctx, ctx.store, change, op.id)}`),
    ...change.siteUrls.map((op) => `${op.operation === 'add' ? '+' : '−'} ${partName(ctx, ctx.store, change, op.siteUrl)}`),
  ].join(', ');
  return tr(ctx, 'pending.line', { age: age(ctx, change), user: userName(ctx.store.user(change.userId), change.email), status: tr(ctx, `pending.status.${change.status}`), what });
}

export async function pendingCommand(ctx: FlowContext): Promise<void> {
  if (!ctx.org) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'pending.title', textKey: 'sync.no-connection', color: 'Warning' }));
    return;
  }
  const open = ctx.store.orgChanges().filter((c) => c.status === 'queued' || c.status === 'partial' || c.status === 'failed');
  const lines = open.slice(0, MAX_LINES).map((change) => summary(ctx, change));
  if (open.length > MAX_LINES) lines.push(tr(ctx, 'pending.more', { n: open.length - MAX_LINES }));
  await ctx.reply.card(messageCard(ctx, { titleKey: 'pending.title', textKey: open.length === 0 ? 'pending.none' : 'pending.intro', params: { n: open.length }, color: open.length === 0 ? 'Good' : 'Default', lines }));
  for (const change of open.filter((c) => c.status !== 'queued').slice(0, MAX_PROBLEM_CARDS)) {
    await ctx.reply.card(webexResultCard(ctx, ctx.store, change));
  }
}
