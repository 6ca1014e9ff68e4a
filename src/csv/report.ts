// The import report as plain text lines (for the CLI; the bot may post the same text).
import type { ImportPlan } from './import.js';

export interface ReportOptions {
  dryRun: boolean;
  /** Also list each created/updated row with what it adds and removes. Default: only refusals. */
  verbose?: boolean;
}

export function formatImportReport(plan: ImportPlan, options: ReportOptions): string {
  const { counts } = plan;
  const lines: string[] = [
    `${options.dryRun ? 'Dry run (nothing written)' : 'Import'} of ${plan.fileName}, mode ${plan.mode}, by ${plan.actor}`,
    `${counts.rows} rows: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.refused} refused`,
  ];
  const { catalog } = plan;
  if (catalog) {
    const { added } = catalog;
    lines.push(
      `License catalog ${catalog.fileName}: ${added.licenses.length} licenses added, ${catalog.updated.length} updated (total units), ` +
        `${added.subscriptions.length} subscriptions and ${added.sites.length} Meetings sites added`,
    );
    for (const url of added.sites) {
      const on = catalog.sites.find((s) => s.url === url)?.attendeeAccountEnabled ?? false;
      lines.push(`  site ${url}: attendee accounts ${on ? 'on (the file has its attendee column)' : 'off (the file has no attendee column for it)'}`);
    }
    for (const skipped of catalog.skipped) lines.push(`  license ${skipped.name} (${skipped.id}) not used: ${skipped.reason}`);
  }
  for (const column of plan.unknownColumns) {
    lines.push(`Unknown column "${column.header}" not used: ${column.reason}`);
  }
  if (plan.ignoredColumns.length > 0) {
    lines.push(`Columns the bot does not manage (left as they are): ${plan.ignoredColumns.join(', ')}`);
  }
  for (const row of plan.rows) {
    if (row.outcome === 'refused') {
      lines.push(`Line ${row.line} ${row.email}: refused`);
      for (const reason of row.reasons) lines.push(`  ${reason.code}: ${reason.message}`);
      continue;
    }
    if (!options.verbose || row.outcome === 'unchanged') continue;
    const parts = [row.added.length > 0 ? `+ ${row.added.join(', ')}` : '', row.removed.length > 0 ? `- ${row.removed.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    lines.push(`Line ${row.line} ${row.email}: ${row.outcome}${parts ? ` (${parts})` : ''}`);
    for (const notice of row.notices) lines.push(`  note ${notice.code}: ${notice.message}`);
  }
  if (counts.refused > 0 && !options.dryRun) {
    lines.push(`The refused rows were not applied; fix them and import the file again (accepted rows will then be unchanged).`);
  }
  return lines.join('\n');
}
