// The admin's way to finish a change (R11: apply): one atomic commit of the user's new
// licenses, the finished draft and the audit line. The user's rev guards against a
// change made meanwhile; the draft's version against a second click of Save.
import type { AuditInput, Draft, User } from '../../domain/index.js';
import type { Verdict } from '../../rules/index.js';
import { ConflictError, StoreWriteError } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import { advance } from '../drafts.js';
import { registerFinishChange, type FinishChange } from './finish.js';
import { resultCard, verdictSections, type SavedSummary } from './review.js';

export const allCodes = (verdict: Verdict): string[] => [
  ...verdict.violations.map((f) => f.code),
  ...verdict.autoChanges.map((f) => f.code),
  ...verdict.notices.map((f) => f.code),
];

export function auditBase(ctx: FlowContext, user: User): Pick<AuditInput, 'actorId' | 'actorEmail' | 'targetUserId' | 'targetEmail' | 'eventId'> {
  return { actorId: ctx.actor.personId, actorEmail: ctx.actor.email, targetUserId: user.id, targetEmail: user.email, eventId: ctx.eventId };
}

/** A change the rules refused, audited (license.refused). */
export async function auditRefusal(ctx: FlowContext, draft: Draft, user: User, verdict: Verdict): Promise<void> {
  await ctx.store.audit([
    {
      ...auditBase(ctx, user),
      action: 'license.refused',
      before: { licenseIds: [...user.licenseIds], attendeeOf: [...user.attendeeOf] },
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
    const { auditSeqs } = await ctx.store.commit({
      mutations: [
        { type: 'user.assign', userId: user.id, expectedRev: draft.baseRev ?? user.rev, ...verdict.result },
        { type: 'draft.put', draft: done, expectedVersion: draft.version },
      ],
      audit: [
        {
          ...auditBase(ctx, user),
          action: 'license.change',
          before: { licenseIds: [...user.licenseIds], attendeeOf: [...user.attendeeOf] },
          after: verdict.result,
          change: draft.change,
          codes: allCodes(verdict),
          details: { flow: draft.flow, draftId: draft.id },
        },
      ],
    });
    const saved: SavedSummary = { auditSeq: auditSeqs[0] ?? 0, sections };
    const final: Draft = { ...done, resultAuditSeq: saved.auditSeq, state: { ...done.state, saved } };
    try {
      await ctx.store.commit({ mutations: [{ type: 'draft.put', draft: final, expectedVersion: done.version }] });
    } catch (error) {
      // The change is saved; only the audit number on a repeated result card would be missing.
      // A write error here (disk full) must not turn into "nothing was saved".
      if (!(error instanceof ConflictError) && !(error instanceof StoreWriteError)) throw error;
    }
    await ctx.reply.card(resultCard(ctx, final, ctx.store.user(user.id), saved));
  },
};

registerFinishChange('admin', applyNow);
