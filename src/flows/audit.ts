// `audit verify` (admins): check the whole hash chain of the audit file and answer ok with
// the line count, or name the first bad line and why. The chain cannot show that its last
// lines were deleted, so the file must also reach the last line the store wrote.
import { verifyAuditFile, type AuditVerdict } from '../store/index.js';
import type { FlowContext } from './context.js';
import { messageCard } from './messages.js';

export async function verifyAudit(ctx: FlowContext): Promise<void> {
  const file = ctx.config.auditFile;
  // A store that keeps the audit itself (PostgreSQL) checks its own rows.
  if (ctx.store.verifyAudit) return answer(ctx, await ctx.store.verifyAudit());
  if (!file) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'audit.title', textKey: 'audit.no-file', color: 'Warning' }));
    return;
  }
  // Taken before reading: lines the store appends meanwhile only make the file longer.
  return answer(ctx, await verifyAuditFile(file, { storeHead: ctx.store.auditHead() }));
}

async function answer(ctx: FlowContext, verdict: AuditVerdict): Promise<void> {
  if (verdict.ok) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'audit.title', textKey: 'audit.ok', params: { lines: verdict.lines }, color: 'Good' }));
    return;
  }
  await ctx.reply.card(
    verdict.removedTail
      ? messageCard(ctx, {
          titleKey: 'audit.title',
          textKey: 'audit.removed-tail',
          params: { lines: verdict.removedTail.endsAt, seq: verdict.removedTail.storeSeq },
          color: 'Attention',
        })
      : messageCard(ctx, { titleKey: 'audit.title', textKey: 'audit.bad', params: { line: verdict.line, reason: verdict.reason }, color: 'Attention', lines: [] }),
  );
}
