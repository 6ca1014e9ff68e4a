// Cards of the external users flow: one external user (licenses to uncheck, or the R8
// explanation for a Pending user), the delete confirmation and its outcome. Builders only.
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, License, User } from '../../domain/index.js';
import { CODES } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { licenseWithSubscription, userHeader, userName } from '../format.js';
import { messageCard } from '../messages.js';
import { actionOf } from '../submit.js';

type Ctx = Pick<FlowContext, 'locale'>;

export const EXTERNAL_LICENSE_PREFIX = 'lic.';

export interface ExternalUserView {
  draft: Draft;
  user: User;
  /** R8: a pending external user's licenses cannot change; the way out is delete and add again. */
  pending: boolean;
  /** May delete and add again (R11: an administrator). */
  mayDelete: boolean;
  held: readonly License[];
  /** The `external add` command that adds the user again with the licenses they hold. */
  addAgain: string;
  /** License ids the user keeps with the change so far. */
  keeps: ReadonlySet<string>;
  notes: ColoredLine[];
}

export function externalUserCard(ctx: Ctx, view: ExternalUserView): RenderedCard {
  const { draft, user } = view;
  const name = userName(user);
  const notes: ColoredLine[] = [...view.notes];
  const back = actionOf(draft, tr(ctx, 'action.back'), 'back');
  const cancel = actionOf(draft, tr(ctx, 'action.cancel'), 'cancel');
  const title = tr(ctx, 'external.user.title', { user: name });
  const card = (toggles: { id: string; title: string; value: 'true' | 'false' }[], actions: ReturnType<typeof actionOf>[]) =>
    renderCard('external-user', { fallbackText: title, title, stepLabel: tr(ctx, 'external.list.title'), header: userHeader(ctx, user), notes, toggles, actions });
  if (view.pending) {
    // Deleting and adding again are admin actions (R11): others are told whom to ask, not shown a button that refuses.
    notes.push({ text: tr(ctx, CODES.r8PendingExternal, { user: name }), color: 'Warning' });
    notes.push(
      view.mayDelete
        ? { text: tr(ctx, 'external.add-again-hint', { command: view.addAgain }), color: 'Default' }
        : { text: tr(ctx, 'external.ask-admin-to-delete', { user: name }), color: 'Default' },
    );
    const deleteAction = actionOf(draft, tr(ctx, 'action.delete-user'), 'delete', 'destructive');
    return card([], view.mayDelete ? [deleteAction, back, cancel] : [back, cancel]);
  }
  notes.push({ text: tr(ctx, view.held.length > 0 ? 'external.uncheck' : 'overview.no-licenses'), color: 'Default' });
  return card(
    view.held.map((l) => ({ id: `${EXTERNAL_LICENSE_PREFIX}${l.id}`, title: licenseWithSubscription(l), value: view.keeps.has(l.id) ? 'true' : 'false' })),
    [actionOf(draft, tr(ctx, 'action.review'), 'review', 'positive'), back, cancel],
  );
}

export function confirmDeleteCard(ctx: Ctx, draft: Draft, user: User): RenderedCard {
  return messageCard(ctx, {
    titleKey: 'external.delete.title',
    textKey: 'external.delete.text',
    params: { user: userName(user), email: user.email },
    color: 'Warning',
    facts: userHeader(ctx, user),
    actions: [
      actionOf(draft, tr(ctx, 'action.delete-confirm'), 'confirm', 'destructive'),
      actionOf(draft, tr(ctx, 'action.back'), 'back'),
      actionOf(draft, tr(ctx, 'action.cancel'), 'cancel'),
    ],
  });
}

export function deletedCard(ctx: Ctx, draft: Draft): RenderedCard {
  const state = draft.state as { deletedEmail?: string; addAgain?: string };
  return messageCard(ctx, {
    titleKey: 'external.deleted.title',
    textKey: 'external.deleted.text',
    params: { email: state.deletedEmail ?? '', command: state.addAgain ?? '' },
    color: 'Good',
  });
}
