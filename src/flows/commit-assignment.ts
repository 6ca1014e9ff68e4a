// Save and reassign finish the same way: one atomic commit of the user's new licenses
// (guarded by the rev the draft started from), the finished draft and one audit line. The
// draft keeps that line's seq (the store fills it in), so its result card names it.
import type { AuditInput, Draft, User } from '../domain/index.js';
import type { Verdict } from '../rules/index.js';
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

/** Returns the finished draft as stored, with the audit line's seq as resultAuditSeq. */
export async function commitAssignment(ctx: FlowContext, { user, draft, done, verdict, audit }: AssignmentCommit): Promise<Draft> {
  await ctx.store.commit({
    mutations: [
      { type: 'user.assign', userId: user.id, expectedRev: draft.baseRev ?? user.rev, ...verdict.result },
      { type: 'draft.put', draft: done, expectedVersion: draft.version, resultAuditLine: 0 },
    ],
    audit: [{ ...auditBase(ctx, user), ...audit, before: licensesBefore(user), after: verdict.result, codes: allCodes(verdict) }],
  });
  return ctx.store.draft(done.id) ?? done;
}
