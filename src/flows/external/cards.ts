// Cards of the external users flow: one external user (licenses to uncheck, or the R8
// explanation for a Pending user), the delete confirmation and its outcome.
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import { CODES, isPendingExternal, permissions } from '../../rules/index.js';
import { tr, type FlowContext } from '../context.js';
import { licenseName, licensesOfUser } from '../format.js';
import { messageCard } from '../messages.js';
import { actionOf } from '../submit.js';
import { userHeader } from '../edit/step-cards.js';
import { pendingAssignment } from '../edit/state.js';

export const EXTERNAL_LICENSE_PREFIX = 'lic.';

/** The `external add` command that adds the user again with the licenses they hold. */
export const addAgainCommand = (user: User): string => `external add ${user.email} ${user.licenseIds.join(' ')}`.trim();

export function externalUserCard(ctx: FlowContext, draft: Draft, user: User, extraNotes: ColoredLine[] = []): RenderedCard {
  const name = user.displayName || user.email;
  const notes: ColoredLine[] = [...extraNotes];
  const back = actionOf(draft, tr(ctx, 'action.back'), 'back');
  const cancel = actionOf(draft, tr(ctx, 'action.cancel'), 'cancel');
  const title = tr(ctx, 'external.user.title', { user: name });
  if (isPendingExternal(user)) {
    // Deleting and adding again are admin actions (R11): others are told whom to ask, not shown a button that refuses.
    const canDelete = permissions(ctx.role).apply;
    notes.push({ text: tr(ctx, CODES.r8PendingExternal, { user: name }), color: 'Warning' });
    notes.push(
      canDelete
        ? { text: tr(ctx, 'external.add-again-hint', { command: addAgainCommand(user) }), color: 'Default' }
        : { text: tr(ctx, 'external.ask-admin-to-delete', { user: name }), color: 'Default' },
    );
    const deleteAction = actionOf(draft, tr(ctx, 'action.delete-user'), 'delete', 'destructive');
    return renderCard('external-user', {
      fallbackText: title,
      title,
      stepLabel: tr(ctx, 'external.list.title'),
      header: userHeader(ctx, user),
      notes,
      toggles: [],
      actions: canDelete ? [deleteAction, back, cancel] : [back, cancel],
    });
  }
  const pending = new Set(pendingAssignment(user, draft.change).licenseIds);
  const held = licensesOfUser(ctx.store, user);
  notes.push({ text: tr(ctx, held.length > 0 ? 'external.uncheck' : 'overview.no-licenses'), color: 'Default' });
  return renderCard('external-user', {
    fallbackText: title,
    title,
    stepLabel: tr(ctx, 'external.list.title'),
    header: userHeader(ctx, user),
    notes,
    toggles: held.map((l) => ({
      id: `${EXTERNAL_LICENSE_PREFIX}${l.id}`,
      title: `${licenseName(l)} · ${l.subscriptionId}`,
      value: pending.has(l.id) ? 'true' : 'false',
    })),
    actions: [actionOf(draft, tr(ctx, 'action.review'), 'review', 'positive'), back, cancel],
  });
}

export function confirmDeleteCard(ctx: FlowContext, draft: Draft, user: User): RenderedCard {
  return messageCard(ctx, {
    titleKey: 'external.delete.title',
    textKey: 'external.delete.text',
    params: { user: user.displayName || user.email, email: user.email },
    color: 'Warning',
    facts: userHeader(ctx, user),
    actions: [
      actionOf(draft, tr(ctx, 'action.delete-confirm'), 'confirm', 'destructive'),
      actionOf(draft, tr(ctx, 'action.back'), 'back'),
      actionOf(draft, tr(ctx, 'action.cancel'), 'cancel'),
    ],
  });
}

export function deletedCard(ctx: FlowContext, draft: Draft): RenderedCard {
  const state = draft.state as { deletedEmail?: string; addAgain?: string };
  return messageCard(ctx, {
    titleKey: 'external.deleted.title',
    textKey: 'external.deleted.text',
    params: { email: state.deletedEmail ?? '', command: state.addAgain ?? '' },
    color: 'Good',
  });
}
