// External users (flow "external"), as data: the list of external users that still hold a
// license (R9) → one user's licenses to uncheck → the same review and Save as the edit
// wizard; for a Pending user (R8) the delete step instead.
import type { Draft, User } from '../../domain/index.js';
import { emptyChange } from '../../domain/index.js';
import { CODES, can, isPendingExternal } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { advance } from '../drafts.js';
import { auditBase, licensesBefore } from '../audit-lines.js';
import { pendingAssignment, withLicense } from '../edit/state.js';
import { requestedStep } from '../requests/file.js';
import { resultCard } from '../edit/result-card.js';
import { resultView } from '../edit/views.js';
import { licensesOfUser } from '../org-view.js';
import { toggleInputs } from '../submit.js';
import { unknownAction } from '../wizard/engine.js';
import { reviewStep } from '../wizard/review-step.js';
import { wizardWithUserSelection } from '../wizard/select-step.js';
import { startAtUser } from '../wizard/engine.js';
import { finished, forUser, to, withUser } from '../wizard/step-helpers.js';
import type { ColoredLine } from '../../cards/index.js';
import type { StepAction, StepInput, Wizard } from '../wizard/types.js';
import { addAgainCommand } from './add.js';
import { EXTERNAL_LICENSE_PREFIX, confirmDeleteCard, deletedCard, externalUserCard } from './cards.js';
import { changeToOrg } from '../org/changes.js';

export const EXTERNAL_FLOW = 'external';

/** Deleting a user is an administrator's (R11); a helpdesk agent's crafted click gets R11's own words. */
const ADMIN_ONLY = { needs: 'apply', refusal: { key: 'R11.request-only', what: 'user.delete' } } as const;

const listAgain = (draft: Draft): Draft =>
  advance(draft, { step: 'select', status: 'open', targetUserId: undefined, baseRev: undefined, change: emptyChange(), state: { search: '', page: 0 } });
const toList: StepAction = { run: ({ draft, go }) => go(listAgain(draft)) };
/** From a result card: the list comes below it, the Saved card stays as the record of the change. */
const toListBelow: StepAction = { run: ({ draft, goBelow }) => goBelow(listAgain(draft)) };

function userView(ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[]) {
  return {
    draft,
    user,
    pending: isPendingExternal(user),
    mayDelete: can(ctx.role, 'apply'),
    held: licensesOfUser(ctx.store, user),
    addAgain: addAgainCommand(ctx, user),
    keeps: new Set(pendingAssignment(user, draft.change).licenseIds),
    notes,
  };
}

async function deleteUser({ ctx, draft, user, replaceWith }: StepInput & { user: User }): Promise<void> {
  const done = advance(draft, { step: 'deleted', status: 'done', state: { ...draft.state, deletedEmail: user.email, addAgain: addAgainCommand(ctx, user) } });
  await ctx.store.commit({
    mutations: [
      { type: 'user.delete', userId: user.id, expectedRev: draft.baseRev ?? user.rev },
      { type: 'draft.put', draft: done, expectedVersion: draft.version },
      // In Webex an external user is "deleted" from the org by taking all of the org's licenses away (R9).
      ...changeToOrg(ctx, { user, after: { licenseIds: [], attendeeOf: [] }, source: 'external', auditLine: 0 }),
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
  await replaceWith(done);
}

export const externalWizard: Wizard = wizardWithUserSelection({
  name: EXTERNAL_FLOW,
  external: true,
  openStep: 'user',
  steps: {
    user: {
      render: forUser((ctx, draft, user, notes) => externalUserCard(ctx, userView(ctx, draft, user, notes))),
      actions: {
        review: withUser(async ({ draft, user, submit, go }) => {
          if (isPendingExternal(user)) throw unknownAction(submit);
          let change = draft.change;
          for (const [id, on] of toggleInputs(submit, EXTERNAL_LICENSE_PREFIX, user.licenseIds)) change = withLicense(change, user, id, on);
          await go(advance({ ...draft, change }, { step: 'review' }));
        }),
        delete: { ...ADMIN_ONLY, ...to('confirm-delete') },
        back: toList,
      },
    },
    'confirm-delete': {
      render: forUser((ctx, draft, user) => confirmDeleteCard(ctx, draft, user)),
      actions: {
        confirm: { ...ADMIN_ONLY, ...withUser(deleteUser) },
        back: to('user'),
      },
    },
    deleted: { render: (ctx, draft) => deletedCard(ctx, draft), actions: {} },
    review: reviewStep({ backStep: 'user' }),
    result: {
      render: (ctx, draft) => resultCard(ctx, resultView(ctx, draft, 'action.external-list')),
      actions: { again: toListBelow, done: finished },
    },
    requested: requestedStep,
  },
});

/** `external [email|name]`: the list of external users, or straight at one of them. */
export const startExternal = (ctx: FlowContext, query = ''): Promise<void> => startAtUser(ctx, externalWizard, query, 'external');
