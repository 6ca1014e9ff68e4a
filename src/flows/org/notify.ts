// What the person who saved a change hears once Webex answered: "Applied in Webex", or
// which part failed and why (Webex's error codes in our words), with Retry and Revert.
import type { Locale, OrgChange, PartResult } from '../../domain/index.js';
import type { StoreReader } from '../../store/index.js';
import { hasKey, tr } from '../../i18n/index.js';
import { licenseName, userName } from '../format.js';
import { messageCard } from '../messages.js';
import type { CardAction, RenderedCard } from '../../cards/index.js';

export const WEBEX_FLOW = 'webex';

type Ctx = { locale: Locale };

/** "Webex Calling - Professional", or "attendee on acme.webex.com" for a site account. */
export function partName(ctx: Ctx, store: Pick<StoreReader, 'license'>, change: Pick<OrgChange, 'siteUrls'>, key: string): string {
  if (change.siteUrls.some((op) => op.siteUrl === key)) return tr(ctx, 'overview.attendee-on', { siteUrl: key });
  const license = store.license(key);
  return license ? licenseName(license) : key;
}

/** Webex's refusal in our words: a known error code has its own text; else Webex's message. */
export function reasonText(ctx: Ctx, part: Pick<PartResult, 'code' | 'message'>): string {
  const key = `webex.error.${part.code ?? ''}`;
  if (part.code && hasKey(ctx.locale, key)) return tr(ctx, key, { detail: part.message ?? '' });
  return part.message || tr(ctx, 'webex.error.unknown');
}

export function partLines(ctx: Ctx, store: Pick<StoreReader, 'license'>, change: OrgChange): string[] {
  return change.parts.map((part) => {
    const what = `${operationSign(change, part.key)} ${partName(ctx, store, change, part.key)}`;
    return tr(ctx, `webex.part.${part.status}`, { what, reason: part.status === 'failed' ? reasonText(ctx, part) : '' });
  });
}

function operationSign(change: OrgChange, key: string): string {
  const op = change.licenses.find((l) => l.id === key) ?? change.siteUrls.find((s) => s.siteUrl === key);
  return op?.operation === 'remove' ? '−' : '+';
}

export function changeAction(change: Pick<OrgChange, 'id' | 'version'>, title: string, action: 'retry' | 'revert', style: CardAction['style'] = 'default'): CardAction {
  return { title, style, data: { flow: WEBEX_FLOW, step: 'change', draftId: change.id, v: change.version, action } };
}

/** The card for a change Webex answered. */
export function webexResultCard(ctx: Ctx, store: StoreReader, change: OrgChange): RenderedCard {
  const user = userName(store.user(change.userId), change.email);
  const pending = change.parts.some((p) => p.status === 'pending');
  const open = change.status === 'partial' || change.status === 'failed';
  const textKey = change.status === 'applied' ? (pending ? 'webex.pending' : 'webex.applied') : change.status === 'queued' ? 'webex.retry' : `webex.${change.status}`;
  return messageCard(ctx, {
    titleKey: `webex.${change.status}.title`,
    textKey,
    params: { user, seq: change.auditSeq ?? '' },
    color: change.status === 'applied' ? 'Good' : open ? 'Attention' : 'Default',
    lines: partLines(ctx, store, change),
    actions: open ? [changeAction(change, tr(ctx, 'action.retry'), 'retry', 'positive'), changeAction(change, tr(ctx, 'action.revert'), 'revert', 'destructive')] : [],
  });
}

/**
 * The line a "saved" card ends with: where the change is now. Its outbox entries (by the
 * audit line of the change) say; none and no admin connection: saved in the desk only.
 */
export function whereSavedLine(ctx: Ctx & { org?: unknown; store: StoreReader }, saved: { userId: string; auditSeq: number }): string {
  const sent = ctx.store.orgChanges({ userId: saved.userId }).filter((c) => c.auditSeq === saved.auditSeq);
  if (sent.length === 0) return tr(ctx, ctx.org ? 'webex.where.nothing' : 'webex.where.desk');
  if (sent.some((c) => c.status === 'queued')) return tr(ctx, 'webex.where.webex');
  if (sent.every((c) => c.status === 'applied')) return tr(ctx, 'webex.applied.title');
  return tr(ctx, 'webex.where.problem');
}
