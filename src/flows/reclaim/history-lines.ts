// What `history <email>` says about reclaim's audit lines, in the reader's language: the license
// kept, asked about or answered, when Webex last saw the user, and that a removal was a reclaim.
import type { AuditEntry } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import type { FlowContext } from '../context.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** The lines a reclaim audit line adds under its heading (none for other lines). */
export function reclaimHistoryLines(ctx: Pick<FlowContext, 'locale'>, entry: Pick<AuditEntry, 'action' | 'details'>, licenseName: (id: string) => string): string[] {
  const details = entry.details ?? {};
  const licenseId = text(details.licenseId);
  const license = licenseId ? licenseName(licenseId) : '—';
  const since = text(details.lastActivity);
  const seen = since ? [tr(ctx, 'history.reclaim.since', { date: since.slice(0, 10) })] : [];
  const answer = text(details.answer) === 'keep' || text(details.answer) === 'release' ? [tr(ctx, `history.reclaim.answer.${text(details.answer)}`, { license })] : [];
  switch (entry.action) {
    case 'reclaim.keep':
      return [tr(ctx, 'history.reclaim.keep', { license, until: (text(details.until) ?? '').slice(0, 10) || '—' }), ...answer, ...seen];
    case 'reclaim.ask':
      return [tr(ctx, 'history.reclaim.ask', { license }), ...seen];
    case 'reclaim.answer':
      return answer;
    case 'license.change':
      return details.flow === 'reclaim' ? [tr(ctx, 'history.reclaim.removed'), ...answer, ...seen] : [];
    case 'license.refused':
      return details.what === 'reclaim' ? [tr(ctx, 'history.reclaim.refused'), ...seen] : [];
    default:
      return [];
  }
}
