// What `history` says about licenses until a date: the last days a change set, the end of a
// grant, an extension.
import type { AuditEntry } from '../../domain/index.js';
import { DaySchema } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import type { FlowContext } from '../context.js';
import { dayText } from '../format.js';
import { licenseLabel } from '../org-view.js';

const day = (ctx: FlowContext, value: unknown): string | undefined => (DaySchema.safeParse(value).success ? dayText(ctx, value as string) : undefined);

export function grantHistoryLines(ctx: FlowContext, entry: AuditEntry): string[] {
  const details = entry.details ?? {};
  const lines: string[] = [];
  const until = details.until;
  if (typeof until === 'object' && until !== null) {
    for (const [licenseId, last] of Object.entries(until)) {
      const text = day(ctx, last);
      if (text) lines.push(tr(ctx, 'history.until', { day: text, license: licenseLabel(ctx.store, licenseId) }));
    }
  }
  const last = day(ctx, until);
  // A grant's end (a change or a refusal of the desk's) names what it removes; a grant line names its license.
  const licenseId = details.flow === 'grant' ? entry.change?.removeLicenseIds[0] : details.licenseId;
  if (last && typeof licenseId === 'string') {
    const license = licenseLabel(ctx.store, licenseId);
    lines.push(details.flow === 'grant' ? tr(ctx, 'history.grant-end', { license, day: last }) : tr(ctx, 'grant.license-until', { license, day: last }));
  }
  const from = day(ctx, details.from);
  const to = day(ctx, details.to);
  if (from && to) lines.push(tr(ctx, 'history.extended', { from, to }));
  return lines;
}
