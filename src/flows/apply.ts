// How an admin's change is applied now. Save and reassign finish the same way: one atomic
// commit of the user's new licenses (guarded by the rev the draft started from), the
// finished draft and one audit line. The draft keeps that line's seq (the store fills it
// in), so its result card names it.
import { undoOf } from './undo-state.js';
import { tr } from '../i18n/index.js';
import { dayText } from './format.js';
import { licenseLabel } from './org-view.js';
import { actorPerson, grantMutations } from './grants/records.js';
import { dayOf, grantableLicenses, untilFromSubmit } from './grants/until.js';
import type { AuditInput, Draft, OrgChangeSource, User } from '../domain/index.js';
import type { Verdict } from '../rules/index.js';
import type { Mutation } from '../store/index.js';
import { verdictCodes, auditBase, licensesBefore } from './audit-lines.js';
import type { FlowContext } from './context.js';
import { advance } from './drafts.js';
import { changeToOrg, outboxMutations, type OrgOps } from './org/changes.js';
import { verdictSections, verdictView } from './verdict-sections.js';
import type { FinishChange } from './wizard/types.js';

export interface AssignmentCommit {
  user: User;
  /** The draft as the person submitted it. */
  draft: Draft;
  /** The same draft, finished. */
  done: Draft;
  verdict: Verdict;
  /** What the audit line says beyond who, whom, before, after and codes. */
  audit: Pick<AuditInput, 'action' | 'change' | 'details'>;
  /** Where the change came from, for the outbox entry that takes it to Webex. */
  source: OrgChangeSource;
  /** The PATCH requests to send, in order, when they are not simply before → after (R10 reassign). */
  orgOps?: OrgOps[];
  /** More of the same commit (grants); an auditLine in them names this commit's one audit line, 0. */
  also?: Mutation[];
}

/** The user's new licenses, and their Calling license's location and number: new ones, null when no Calling license is left; absent: kept. */
export function assignMutation(user: User, expectedRev: number, verdict: Verdict): Mutation {
  return {
    type: 'user.assign',
    userId: user.id,
    expectedRev,
    ...verdict.result,
    ...(verdict.calling !== undefined ? { calling: verdict.calling } : {}),
  };
}

/** Returns the finished draft as stored, with the audit line's seq as resultAuditSeq. */
export async function commitAssignment(ctx: FlowContext, { user, draft, done, verdict, audit, source, orgOps, also = [] }: AssignmentCommit): Promise<Draft> {
  const toWebex = orgOps
    ? orgOps.flatMap((ops) => outboxMutations(ctx, { user, ops, source, auditLine: 0 }))
    : changeToOrg(ctx, { user, after: { ...verdict.result, calling: verdict.calling ?? user.calling }, source, auditLine: 0 });
  await ctx.store.commit({
    mutations: [
      assignMutation(user, draft.baseRev ?? user.rev, verdict),
      { type: 'draft.put', draft: done, expectedVersion: draft.version, resultAuditLine: 0 },
      ...toWebex,
      ...also,
    ],
    audit: [{ ...auditBase(ctx, user), ...audit, before: licensesBefore(user), after: verdict.result, ...verdictCodes(verdict) }],
  });
  return ctx.store.draft(done.id) ?? done;
}

/** An undo's Save says which line it undoes (src/flows/undo.ts). */
const undoDetails = (draft: Draft): { undoOf?: number } => {
  const undo = undoOf(draft);
  return undo ? { undoOf: undo.seq } : {};
};

/** The last day of each license saved until a date, for history and undo. */
export const untilDetails = (until: Readonly<Record<string, string>>): { until?: Record<string, string> } => (Object.keys(until).length > 0 ? { until: { ...until } } : {});

/** What a saved change looked like, kept on the finished draft so a repeated Save shows it again. */
export interface SavedSummary {
  sections: ReturnType<typeof verdictSections>;
}

/** The admin's way to finish a reviewed change (R11: apply): Save, at the result step with what was saved. */
export const applyNow: FinishChange = {
  intent: 'apply',
  primaryTitleKey: 'action.save',
  primaryAction: 'save',
  async finish({ ctx, draft, user, verdict, submit }) {
    const added = verdict.result.licenseIds.filter((id) => !user.licenseIds.includes(id));
    const until = untilFromSubmit(submit, grantableLicenses(draft, user.licenseIds, verdict.result.licenseIds), dayOf(ctx.now()));
    const untilSection = Object.keys(until).length > 0 ? [{ title: tr(ctx, 'grant.section'), color: 'Default' as const, lines: Object.entries(until).map(([id, day]) => ({ text: tr(ctx, 'grant.license-until', { license: licenseLabel(ctx.store, id), day: dayText(ctx, day) }) })) }] : [];
    const saved: SavedSummary = { sections: [...verdictSections(ctx, verdictView(ctx, verdict)).filter((s) => s.color !== 'Attention'), ...untilSection] };
    const done = advance(draft, { step: 'result', status: 'done', state: { ...draft.state, saved } });
    const stored = await commitAssignment(ctx, {
      user,
      draft,
      done,
      verdict,
      audit: { action: 'license.change', change: draft.change, details: { flow: draft.flow, draftId: draft.id, ...undoDetails(draft), ...untilDetails(until) } },
      source: 'save',
      also: grantMutations(ctx, { user, until, added, grantedBy: actorPerson(ctx), auditLine: 0 }),
    });
    return { done: stored };
  },
};
