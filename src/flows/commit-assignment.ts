// Save and reassign finish the same way: one atomic commit of the user's new licenses
// (guarded by the rev the draft started from), the finished draft and one audit line;
// then a second, best-effort commit that keeps the audit number on the draft for a
// repeated click.
import type { AuditInput, Draft, User } from '../domain/index.js';
import type { Verdict } from '../rules/index.js';
import { ConflictError, StoreWriteError } from '../store/index.js';
import { allCodes, auditBase, licensesBefore } from './audit-lines.js';
import type { FlowContext } from './context.js';

export interface AssignmentCommit {
  user: User;
  /** The draft as the person submitted it. */
  draft: Draft;
  /** The same draft, finished. */
  done: Draft;
  verdict: Verdict;
  /** What the audit line says beyond who, whom, before, after and codes. */
  audit: Pick<AuditInput, 'action' | 'change' | 'details'>;
}

/** Returns the audit line's sequence number. */
export async function commitAssignment(ctx: FlowContext, { user, draft, done, verdict, audit }: AssignmentCommit): Promise<number> {
  const { auditSeqs } = await ctx.store.commit({
    mutations: [
      { type: 'user.assign', userId: user.id, expectedRev: draft.baseRev ?? user.rev, ...verdict.result },
      { type: 'draft.put', draft: done, expectedVersion: draft.version },
    ],
    audit: [{ ...auditBase(ctx, user), ...audit, before: licensesBefore(user), after: verdict.result, codes: allCodes(verdict) }],
  });
  return auditSeqs[0] ?? 0;
}

/** Stores the draft with its audit number; the change itself is already saved. */
export async function keepOutcome(ctx: FlowContext, final: Draft, done: Draft): Promise<void> {
  try {
    await ctx.store.commit({ mutations: [{ type: 'draft.put', draft: final, expectedVersion: done.version }] });
  } catch (error) {
    // Only the audit number on a repeated result card would be missing. A conflict or a
    // write error (disk full) here must not turn into "nothing was saved".
    if (!(error instanceof ConflictError) && !(error instanceof StoreWriteError)) throw error;
  }
}
