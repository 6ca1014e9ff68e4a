// What the rules said about a change, as history shows it: each code's sentence from the
// catalog in the reader's language (rules.*.ts, ui.*.ts), not the code. Lines written since
// the findings' parameters are audited say it exactly; older lines have codes only, so the
// parameters are filled from what the line itself shows (the user, what was added and removed).
import type { AuditEntry } from '../domain/index.js';
import { hasKey, tr, type Params } from '../i18n/index.js';
import type { FlowContext } from './context.js';

export interface LineFacts {
  user: string;
  added: readonly string[];
  removed: readonly string[];
}

/** One sentence per distinct finding; codes the catalog does not know (Webex's error numbers) on one line. */
export function findingSentences(ctx: Pick<FlowContext, 'locale'>, entry: Pick<AuditEntry, 'codes' | 'findings'>, facts: LineFacts): string[] {
  const derived: Params = { user: facts.user, added: facts.added.join(', ') || '—', removed: facts.removed.join(', ') || '—' };
  const found = entry.findings ?? entry.codes.map((code) => ({ code, params: derived }));
  const sentences = new Set<string>();
  const unknown = new Set<string>();
  for (const { code, params } of found) {
    if (!hasKey('en', code)) unknown.add(code);
    // A parameter neither the line nor the facts hold reads as "…", never as "{name}".
    else sentences.add(tr(ctx, code, { ...derived, ...params }).replace(/\{\w+\}/g, '…'));
  }
  return [...sentences, ...(unknown.size > 0 ? [tr(ctx, 'history.codes', { codes: [...unknown].join(', ') })] : [])];
}
