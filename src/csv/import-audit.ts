// The audit lines an import writes in its one commit: one `import` line (who, which file,
// how it went) and one `license.change` line per user whose licenses or attendee accounts
// changed, so `history <email>` shows what an import did to that user.
import type { AuditInput } from '../domain/index.js';
import type { ImportPlan } from './import-plan.js';

/** The `import` line: who, which files, counts, the first refusals. */
export function importAuditEntry(plan: ImportPlan): AuditInput {
  const refused = plan.rows.filter((r) => r.outcome === 'refused');
  const { catalog } = plan;
  return {
    action: 'import',
    actorId: plan.actor,
    actorEmail: plan.actor,
    codes: [...new Set(refused.flatMap((r) => r.reasons.map((m) => m.code)))].sort(),
    details: {
      file: plan.fileName,
      mode: plan.mode,
      counts: plan.counts,
      unknownColumns: plan.unknownColumns.map((c) => c.header),
      ...(catalog
        ? { licenseCatalog: { file: catalog.fileName, added: catalog.added, updated: catalog.updated, skipped: catalog.skipped.map((s) => s.id) } }
        : {}),
      // The first refusals, so the audit stays small for a big file; the report has them all.
      refused: refused.slice(0, 100).map((r) => ({ line: r.line, email: r.email, codes: r.reasons.map((m) => m.code) })),
    },
  };
}

/** The `import` line first, then one `license.change` per changed user (no event id: not a Webex event). */
export function importAuditEntries(plan: ImportPlan): AuditInput[] {
  const perUser = plan.userChanges.map(
    (u): AuditInput => ({
      action: 'license.change',
      actorId: plan.actor,
      actorEmail: plan.actor,
      targetUserId: u.userId,
      targetEmail: u.email,
      before: { licenseIds: u.before.licenseIds, attendeeOf: u.before.attendeeOf },
      after: { licenseIds: u.after.licenseIds, attendeeOf: u.after.attendeeOf },
      change: u.change,
      codes: u.codes,
      details: { importFile: plan.fileName },
    }),
  );
  return [importAuditEntry(plan), ...perUser];
}
