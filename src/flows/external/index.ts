// External users (flow "external"): the list of external users that still hold a
// license (R9), one user's licenses to uncheck and save through the same rules and
// commit as the wizard, and for a Pending user (R8) the delete step.
import type { Draft, User } from '../../domain/index.js';
import { emptyChange } from '../../domain/index.js';
import { CODES, isPendingExternal, permissions } from '../../rules/index.js';
import { tr, type FlowContext } from '../context.js';
import { advance, newDraft } from '../drafts.js';
import { InputError } from '../errors.js';
import { cancelDraft, checkSubmit, findOne, onReview, onSelect } from '../edit/index.js';
import { showStep } from '../edit/show.js';
import { withLicense } from '../edit/state.js';
import { toggleInputs, type Submit } from '../submit.js';
import { messageCard } from '../messages.js';
import { auditBase, licensesBefore } from '../audit-lines.js';
import { EXTERNAL_LICENSE_PREFIX, addAgainCommand, deletedCard } from './cards.js';

export const EXTERNAL_FLOW = 'external';

export async function startExternal(ctx: FlowContext, query = ''): Promise<void> {
  const user = query ? findOne(ctx, query, 'external') : undefined;
  const draft = user
    ? newDraft(ctx, { flow: EXTERNAL_FLOW, step: 'user', targetUserId: user.id, baseRev: user.rev, state: { search: query } })
    : newDraft(ctx, { flow: EXTERNAL_FLOW, step: 'select', state: { search: query } });
  await showStep(ctx, draft);
}

/** R11 for the delete step (it is not a license change, so evaluate() does not see it). */
async function refuseUnlessAdmin(ctx: FlowContext, user: User): Promise<boolean> {
  if (permissions(ctx.role).apply) return false;
  await ctx.store.audit([{ ...auditBase(ctx, user), action: 'auth.refused', codes: ['R11.request-only'], details: { what: 'user.delete' } }]);
  await ctx.reply.card(
    messageCard(ctx, { titleKey: 'refused.title', textKey: 'R11.request-only', params: { user: user.displayName || user.email }, color: 'Attention' }),
  );
  return true;
}

async function deleteUser(ctx: FlowContext, draft: Draft, user: User, clicked: string): Promise<void> {
  if (await refuseUnlessAdmin(ctx, user)) return;
  const done = advance(draft, {
    step: 'deleted',
    status: 'done',
    state: { ...draft.state, deletedEmail: user.email, addAgain: addAgainCommand(user) },
  });
  await ctx.store.commit({
    mutations: [
      { type: 'user.delete', userId: user.id, expectedRev: draft.baseRev ?? user.rev },
      { type: 'draft.put', draft: done, expectedVersion: draft.version },
    ],
    audit: [
      {
        ...auditBase(ctx, user),
        action: 'user.delete',
        before: licensesBefore(user),
        codes: isPendingExternal(user) ? [CODES.r8PendingExternal] : [],
        details: { status: user.status, type: user.type },
      },
    ],
  });
  await ctx.reply.card(deletedCard(ctx, done));
  await ctx.reply.remove(clicked);
}

export async function onExternalSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  if (submit.action === 'restart') return startExternal(ctx);
  const checked = await checkSubmit(ctx, submit);
  if (!checked) return;
  const { draft, user } = checked;
  if (submit.action === 'cancel') return cancelDraft(ctx, draft, submit.messageId);
  const go = (next: Draft) => showStep(ctx, next, { clicked: submit.messageId });
  const toList = () =>
    go(advance(draft, { step: 'select', status: 'open', targetUserId: undefined, baseRev: undefined, change: emptyChange(), state: { search: '', page: 0 } }));
  if (draft.step === 'select') return onSelect(ctx, draft, submit, 'user');
  if (!user) {
    if (draft.step === 'deleted' || submit.action === 'done') return;
    throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  }
  switch (`${draft.step}:${submit.action}`) {
    case 'user:review': {
      if (isPendingExternal(user)) throw new InputError('error.unknown-action', { action: 'review' });
      let change = draft.change;
      for (const [id, on] of toggleInputs(submit, EXTERNAL_LICENSE_PREFIX, user.licenseIds)) change = withLicense(change, user, id, on);
      return go(advance({ ...draft, change }, { step: 'review' }));
    }
    case 'user:delete':
      // Not offered to non-admins; a crafted click is refused here rather than at the confirmation.
      if (await refuseUnlessAdmin(ctx, user)) return;
      return go(advance(draft, { step: 'confirm-delete' }));
    case 'user:back':
      return toList();
    case 'confirm-delete:confirm':
      return deleteUser(ctx, draft, user, submit.messageId);
    case 'confirm-delete:back':
      return go(advance(draft, { step: 'user' }));
    case 'result:again':
      return toList();
    case 'result:done':
      await ctx.reply.text(tr(ctx, 'wizard.done'));
      return;
    default:
      if (draft.step === 'review') return onReview(ctx, draft, user, submit, 'user');
      throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  }
}
