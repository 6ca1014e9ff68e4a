// `reassign <email>` (R10): after a confirmation card, remove the user's Calling license
// and assign it again, as one audited commit (the rev bumps, the licenses stay).
import type { Draft, User } from '../domain/index.js';
import { evaluateReassign, callingLicenseOf, type Verdict } from '../rules/index.js';
import { allCodes, auditBase } from './audit-lines.js';
import { commitAssignment, keepOutcome } from './commit-assignment.js';
import { tr, type FlowContext } from './context.js';
import { advance, newDraft, putDraft } from './drafts.js';
import { InputError } from './errors.js';
import { findingText } from './format.js';
import { messageCard } from './messages.js';
import { rulesContextOf } from './rules-context.js';
import { actionOf, type Submit } from './submit.js';
import { findOne, checkSubmit, cancelDraft } from './edit/index.js';
import { userHeader } from './edit/step-cards.js';

export const REASSIGN_FLOW = 'reassign';

/** The rules refused the reassign: audit it and tell the person why; nothing changes. */
async function refuse(ctx: FlowContext, user: User, verdict: Verdict): Promise<void> {
  await ctx.store.audit([{ ...auditBase(ctx, user), action: 'license.refused', codes: allCodes(verdict), details: { what: 'reassign' } }]);
  await ctx.reply.card(
    messageCard(ctx, { titleKey: 'reassign.refused', textKey: 'common.nothing-changed', color: 'Attention', lines: verdict.violations.map((v) => findingText(ctx, v)) }),
  );
}

export async function startReassign(ctx: FlowContext, query: string): Promise<void> {
  const user = query ? findOne(ctx, query) : undefined;
  if (!user) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'reassign.title', textKey: query ? 'common.user-not-found' : 'reassign.usage', params: { query }, color: 'Warning' }));
    return;
  }
  const rules = rulesContextOf(ctx.store);
  const verdict = evaluateReassign({ ctx: rules, actorRole: ctx.role, user });
  if (!verdict.ok) return refuse(ctx, user, verdict);
  const license = callingLicenseOf(rules, user.licenseIds);
  const draft = newDraft(ctx, { flow: REASSIGN_FLOW, step: 'confirm', targetUserId: user.id, baseRev: user.rev });
  await putDraft(ctx, draft);
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'reassign.title',
      textKey: 'reassign.confirm',
      params: { user: user.displayName || user.email, license: license?.name ?? '' },
      facts: userHeader(ctx, user),
      actions: [
        actionOf(draft, tr(ctx, 'action.reassign'), 'confirm', 'positive'),
        actionOf(draft, tr(ctx, 'action.cancel'), 'cancel'),
      ],
    }),
  );
}

function doneCard(ctx: FlowContext, draft: Draft) {
  const state = draft.state as { license?: string; user?: string; seq?: number };
  return messageCard(ctx, {
    titleKey: 'reassign.done.title',
    textKey: 'reassign.done',
    params: { user: state.user ?? '', license: state.license ?? '', seq: state.seq ?? 0 },
    color: 'Good',
  });
}

export async function onReassignSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  const draft0 = ctx.store.draft(submit.draftId);
  if (draft0?.flow === REASSIGN_FLOW && draft0.status === 'done' && draft0.ownerId === ctx.actor.personId) {
    await ctx.reply.card(doneCard(ctx, draft0)); // repeated confirm: show the outcome, apply nothing
    return;
  }
  const checked = await checkSubmit(ctx, submit);
  if (!checked) return;
  const { draft, user } = checked;
  if (submit.action === 'cancel') return cancelDraft(ctx, draft, submit.messageId);
  if (submit.action !== 'confirm' || !user) throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const rules = rulesContextOf(ctx.store);
  const verdict = evaluateReassign({ ctx: rules, actorRole: ctx.role, user });
  if (!verdict.ok) return refuse(ctx, user, verdict);
  const license = callingLicenseOf(rules, user.licenseIds);
  const done = advance(draft, { step: 'done', status: 'done', state: { license: license?.name ?? '', user: user.displayName || user.email } });
  const seq = await commitAssignment(ctx, {
    user,
    draft,
    done,
    verdict,
    audit: { action: 'license.reassign', details: { licenseId: license?.id ?? '', removedAndAssigned: true } },
  });
  const final = { ...done, state: { ...done.state, seq } };
  await keepOutcome(ctx, final, done);
  await ctx.reply.card(doneCard(ctx, final));
  await ctx.reply.remove(submit.messageId);
}
