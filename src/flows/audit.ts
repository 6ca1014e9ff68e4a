// `audit verify` (admins): check the whole hash chain of the audit file and answer ok with
// the line count, or name the first bad line and why.
import { verifyAuditFile } from '../store/index.js';
import type { FlowContext } from './context.js';
import { messageCard } from './messages.js';

export async function verifyAudit(ctx: FlowContext): Promise<void> {
  const file = ctx.config.auditFile;
  if (!file) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'audit.title', textKey: 'audit.no-file', color: 'Warning' }));
    return;
  }
  const verdict = await verifyAuditFile(file);
  await ctx.reply.card(
    verdict.ok
      ? messageCard(ctx, { titleKey: 'audit.title', textKey: 'audit.ok', params: { lines: verdict.lines }, color: 'Good' })
      : messageCard(ctx, { titleKey: 'audit.title', textKey: 'audit.bad', params: { line: verdict.line, reason: verdict.reason }, color: 'Attention', lines: [] }),
  );
}
