// Retry and Revert on a change Webex did not (fully) take. Admins only (R11: apply).
// Retry queues it again (the worker sends only what Webex still lacks). Revert is a new
// change back, checked by the rules: the desk's record returns to before, and what Webex
// did take is taken back there too.
import type { AuditInput, OrgChange, ProposedChange, User } from '../../domain/index.js';
import { evaluate } from '../../rules/index.js';
import { auditBase, verdictCodes, licensesBefore } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { findingText, userName } from '../format.js';
import { errorCard, messageCard } from '../messages.js';
import { rulesContextOf } from '../org-view.js';
import type { Submit } from '../submit.js';
import type { CardFlow } from '../wizard/types.js';
import { opsBetween, outboxMutations, type AssignmentState } from './changes.js';
import { webexResultCard, WEBEX_FLOW } from './notify.js';

/** The user's assignment with some of the change's parts turned back. */
function withPartsUndone(user: User, change: OrgChange, keys: ReadonlySet<string>): AssignmentState {
  const licenses = new Set(user.licenseIds);
  const attendee = new Set(user.attendeeOf);
  for (const op of change.licenses) if (keys.has(op.id)) void (op.operation === 'add' ? licenses.delete(op.id) : licenses.add(op.id));
  for (const op of change.siteUrls) if (keys.has(op.siteUrl)) void (op.operation === 'add' ? attendee.delete(op.siteUrl) : attendee.add(op.siteUrl));
  return { licenseIds: [...licenses], attendeeOf: [...attendee], calling: user.calling };
}

const asChange = (from: AssignmentState, to: AssignmentState): ProposedChange => ({
  addLicenseIds: to.licenseIds.filter((id) => !from.licenseIds.includes(id)),
  removeLicenseIds: from.licenseIds.filter((id) => !to.licenseIds.includes(id)),
  addAttendeeSites: to.attendeeOf.filter((url) => !from.attendeeOf.includes(url)),
  removeAttendeeSites: from.attendeeOf.filter((url) => !to.attendeeOf.includes(url)),
});

async function retry(ctx: FlowContext, change: OrgChange, submit: Submit): Promise<void> {
  const { notBefore: _n, ...rest } = change;
  const next: OrgChange = { ...rest, status: 'queued', notify: { roomId: ctx.roomId, personId: ctx.actor.personId }, updatedAt: ctx.now().toISOString(), version: change.version + 1 };
  await ctx.store.commit({ mutations: [{ type: 'orgChange.put', change: next, expectedVersion: change.version }] });
  await ctx.reply.replace(submit.messageId, webexResultCard(ctx, ctx.store, next));
}

async function revert(ctx: FlowContext, change: OrgChange, submit: Submit): Promise<void> {
  const user = ctx.store.user(change.userId);
  if (!user) return void (await ctx.reply.card(errorCard(ctx, 'webex.revert.user-gone', { email: change.email })));
  const allParts = new Set(change.parts.map((p) => p.key));
  const failed = new Set(change.parts.filter((p) => p.status === 'failed').map((p) => p.key));
  const back = withPartsUndone(user, change, allParts);
  const verdict = evaluate({ ctx: rulesContextOf(ctx.store), actorRole: ctx.role, intent: 'apply', user, change: asChange(user, back) });
  if (!verdict.ok) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'webex.revert.refused', textKey: 'common.nothing-changed', color: 'Attention', lines: verdict.violations.map((v) => findingText(ctx, v)) }));
    return;
  }
  // What Webex holds now, by its answer: the desk's record without the parts that failed.
  const inWebex = withPartsUndone(user, change, failed);
  const line: AuditInput = {
    ...auditBase(ctx, user),
    action: 'webex.revert',
    before: licensesBefore(user),
    after: verdict.result,
    change: asChange(user, verdict.result),
    ...verdictCodes(verdict),
    details: { changeId: change.id, ...(change.auditSeq ? { changeSeq: change.auditSeq } : {}) },
  };
  await ctx.store.commit({
    mutations: [
      { type: 'orgChange.put', change: { ...change, status: 'reverted', updatedAt: ctx.now().toISOString(), version: change.version + 1 }, expectedVersion: change.version },
      { type: 'user.assign', userId: user.id, expectedRev: user.rev, ...verdict.result },
      ...outboxMutations(ctx, { user, ops: opsBetween(ctx.store, inWebex, verdict.result), source: 'revert', auditLine: 0 }),
    ],
    audit: [line],
  });
  await ctx.reply.replace(submit.messageId, messageCard(ctx, { titleKey: 'webex.reverted.title', textKey: 'webex.reverted', color: 'Good', params: { user: userName(user) } }));
}

export const webexChangeFlow: CardFlow = {
  name: WEBEX_FLOW,
  needs: 'apply',
  targetOf: (store, submit) => store.orgChange(submit.draftId)?.userId,
  async handle(ctx, submit) {
    const change = ctx.store.orgChange(submit.draftId);
    if (!change) return void (await ctx.reply.card(errorCard(ctx, 'webex.change-unknown')));
    // An older card, or another admin acted first: show where the change is now.
    if (change.version !== submit.v || (change.status !== 'partial' && change.status !== 'failed')) {
      await ctx.reply.card(webexResultCard(ctx, ctx.store, change));
      return;
    }
    if (submit.action === 'retry') return retry(ctx, change, submit);
    if (submit.action === 'revert') return revert(ctx, change, submit);
    await ctx.reply.card(errorCard(ctx, 'error.bad-payload', { problem: `unknown action ${submit.action.slice(0, 40)}` }));
  },
};
