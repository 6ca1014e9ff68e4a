// The admin's way to finish a change (R11: apply): one atomic commit of the user's new
// licenses, the finished draft and the audit line. The user's rev guards against a
// change made meanwhile; the draft's version against a second click of Save.
import type { Draft, User } from '../../domain/index.js';
import type { Verdict } from '../../rules/index.js';
import { allCodes, auditBase, licensesBefore } from '../audit-lines.js';
import { commitAssignment, keepOutcome } from '../commit-assignment.js';
import type { FlowContext } from '../context.js';
import { advance } from '../drafts.js';
import { registerFinishChange, type FinishChange } from './finish.js';
import { resultCard, verdictSections, type SavedSummary } from './review.js';

/** A change the rules refused, audited (license.refused). */
export async function auditRefusal(ctx: FlowContext, draft: Draft, user: User, verdict: Verdict): Promise<void> {
  await ctx.store.audit([
    {
      ...auditBase(ctx, user),
      action: 'license.refused',
      before: licensesBefore(user),
      change: draft.change,
      codes: allCodes(verdict),
      details: { flow: draft.flow },
    },
  ]);
}

export const applyNow: FinishChange = {
  intent: 'apply',
  primaryTitleKey: 'action.save',
  primaryAction: 'save',
  async finish(ctx, { draft, user, verdict }) {
    const sections = verdictSections(ctx, verdict).filter((s) => s.color !== 'Attention');
    const done = advance(draft, { step: 'result', status: 'done', state: { ...draft.state, saved: { auditSeq: 0, sections } } });
    const auditSeq = await commitAssignment(ctx, {
      user,
      draft,
      done,
      verdict,
      audit: { action: 'license.change', change: draft.change, details: { flow: draft.flow, draftId: draft.id } },
    });
    const saved: SavedSummary = { auditSeq, sections };
    const final: Draft = { ...done, resultAuditSeq: saved.auditSeq, state: { ...done.state, saved } };
    await keepOutcome(ctx, final, done);
    await ctx.reply.card(resultCard(ctx, final, ctx.store.user(user.id), saved));
  },
};

registerFinishChange('admin', applyNow);
