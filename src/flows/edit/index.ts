// The edit-licenses wizard (flow "edit"), as data: select → overview → service → licenses →
// calling (a Calling license's location and number) / sites (Meetings) → review → result, or → requested for a helpdesk agent. Each step says
// how its card renders and what each of its buttons does; the engine checks the draft first.

import { emptyChange } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { advance } from '../drafts.js';
import { requestedStep } from '../requests/file.js';
import { choiceInput } from '../submit.js';
import { reviewStep } from '../wizard/review-step.js';
import { wizardWithUserSelection } from '../wizard/select-step.js';
import { startAtUser } from '../wizard/engine.js';
import { finished, forUser, to, withUser } from '../wizard/step-helpers.js';
import type { StepAction, Wizard } from '../wizard/types.js';
import { WAY_OUT_ACTION, brokeARule, wayOutAction } from '../wizard/step-rules.js';
import { unchangeable } from '../../rules/index.js';
import { startUndo, undoOf } from '../undo.js';
import { messageCard } from '../messages.js';
import { actionOf } from '../submit.js';
import { tr } from '../../i18n/index.js';
import { afterCallingLicenses, applyCalling, callingView, listNumbers } from './calling.js';
import { licensesCard, overviewCard, serviceCard } from './cards.js';
import { callingCard } from './calling-card.js';
import { resultCard } from './result-card.js';
import { sitesCard } from './sites-card.js';
import { applyLicenseInputs, applySiteInputs } from './inputs.js';
import { chosenService } from './state.js';
import { licensesView, offeredServices, overviewView, resultView, serviceView, sitesView } from './views.js';

export const EDIT_FLOW = 'edit';

/** What the sites step asks about (R5–R7): not a reason to keep a Meetings license's step. */
const SITES_STEP_RULES = /^R[567]\./;
/** After the sites step: on to review or another service; a rule the step broke keeps it here, with its ways out. */
const afterSites: StepAction = withUser(({ ctx, draft, user, submit, go }) => {
  const changed = applySiteInputs(ctx, draft, user, submit);
  if (brokeARule(ctx, draft, changed, user)) return go(advance(changed, {}));
  return go(advance(changed, { step: submit.action === 'review' ? 'review' : 'service' }));
});
/** After the licenses step; Calling asks for the location and number of a Calling license it adds. */
const afterLicenses: StepAction = withUser(async ({ ctx, draft, user, submit, go }) => {
  const changed = applyLicenseInputs(ctx, draft, user, submit);
  const service = chosenService(draft);
  if (brokeARule(ctx, draft, changed, user, service === 'meetings' ? SITES_STEP_RULES : undefined)) return go(advance(changed, {}));
  const next = submit.action === 'review' ? 'review' : service === 'meetings' ? 'sites' : 'service';
  return go(service === 'calling' ? await afterCallingLicenses(ctx, changed, user, next) : advance(changed, { step: next }));
});

export const editWizard: Wizard = wizardWithUserSelection({
  name: EDIT_FLOW,
  external: false,
  openStep: 'overview',
  steps: {
    overview: {
      render: forUser((ctx, draft, user, notes) => overviewCard(ctx, overviewView(ctx, draft, user, notes))),
      actions: {
        // A crafted Edit on a user whose licenses cannot change (R8) shows the overview again.
        edit: withUser(({ draft, user, go }) => go(advance(draft, { step: unchangeable(user).length > 0 ? 'overview' : 'service' }))),
        back: { run: ({ draft, go }) => go(advance(draft, { step: 'select', targetUserId: undefined, baseRev: undefined })) },
      },
    },
    service: {
      render: forUser((ctx, draft, user, notes) => serviceCard(ctx, serviceView(ctx, draft, user, notes))),
      actions: {
        choose: {
          run: ({ ctx, draft, submit, go }) =>
            go(advance(draft, { step: 'licenses', state: { ...draft.state, service: choiceInput(submit, 'service', offeredServices(ctx)) } })),
        },
        review: to('review'),
        [WAY_OUT_ACTION]: wayOutAction(),
        back: to('overview'),
      },
    },
    licenses: {
      render: forUser((ctx, draft, user, notes) => licensesCard(ctx, licensesView(ctx, draft, user, notes))),
      actions: { apply: afterLicenses, review: afterLicenses, [WAY_OUT_ACTION]: wayOutAction(applyLicenseInputs), back: to('service') },
    },
    calling: {
      render: forUser((ctx, draft, user, notes) => callingCard(ctx, callingView(ctx, draft, user, notes))),
      actions: { review: applyCalling, apply: applyCalling, numbers: listNumbers, back: to('licenses') },
    },
    sites: {
      render: forUser((ctx, draft, user, notes) => sitesCard(ctx, sitesView(ctx, draft, user, notes))),
      actions: { apply: afterSites, review: afterSites, [WAY_OUT_ACTION]: wayOutAction(applySiteInputs), back: to('licenses') },
    },
    review: reviewStep({ backStep: 'service' }),
    result: {
      render: (ctx, draft) => resultCard(ctx, resultView(ctx, draft, 'action.edit-again')),
      actions: {
        // The Saved card stays in the space as the record of the change; the user's card comes below it.
        again: withUser(({ draft, user, goBelow }) =>
          goBelow(advance(draft, { step: 'overview', status: 'open', baseRev: user.rev, change: emptyChange(), state: {}, resultAuditSeq: undefined })),
        ),
        done: finished,
        // The Saved card's change, undone: the review of the change back (an admin's Save or a helpdesk agent's request).
        undo: { run: ({ ctx, draft }) => startUndo(ctx, editWizard, String(draft.resultAuditSeq ?? '')) },
      },
    },
    // An undo whose user changed since (src/flows/undo.ts): the later changes, then this entry's licenses back, or stop.
    undo: {
      render: (ctx, draft) => {
        const undo = undoOf(draft);
        return messageCard(ctx, {
          titleKey: 'undo.later.title',
          textKey: 'undo.later.text',
          params: { seq: undo?.seq ?? '' },
          color: 'Warning',
          lines: undo?.later ?? [],
          actions: [actionOf(draft, tr(ctx, 'action.undo-only', { seq: undo?.seq ?? '' }), 'review', 'positive'), actionOf(draft, tr(ctx, 'action.stop'), 'cancel')],
        });
      },
      actions: { review: to('review') },
    },
    requested: requestedStep,
  },
});

/** `licenses [email|name]`: the wizard at user selection, or straight at the user's overview. */
export const startEdit = (ctx: FlowContext, query = ''): Promise<void> => startAtUser(ctx, editWizard, query);
