// The user selection step, shared by the edit wizard (every user) and the external users
// list (external users that still hold a license, R9): search, page, open one.
import { z } from 'zod';
import type { Draft } from '../../domain/index.js';
import { emptyChange } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { advance } from '../drafts.js';
import { InputError } from '../errors.js';
import { textInput } from '../submit.js';
import { selectCard, stepLabel } from './cards.js';
import { startAtUser } from './engine.js';
import type { Step, StepInput, Wizard } from './types.js';

export const PAGE_SIZE = 25;

const SelectStateSchema = z.object({
  search: z.string().default(''),
  page: z.number().int().nonnegative().default(0),
});
const selectState = (draft: Draft) => SelectStateSchema.parse(draft.state);

export interface SelectOptions {
  /** External users only (and only those with a license left, R9). */
  external: boolean;
  /** The step that opens the chosen user. */
  openStep: string;
}

export function selectStep({ external, openStep }: SelectOptions): Step {
  const render = (ctx: FlowContext, draft: Draft) => {
    const { search, page } = selectState(draft);
    const found = ctx.store.searchUsers({
      text: search,
      type: external ? 'external' : undefined,
      withLicensesOnly: external ? true : undefined,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return selectCard(ctx, {
      draft,
      title: tr(ctx, external ? 'external.list.title' : 'select.title'),
      subtitle: external ? tr(ctx, 'external.list.subtitle') : stepLabel(ctx, draft, 'select'),
      search,
      page,
      users: found.users,
      total: found.total,
      pageSize: PAGE_SIZE,
    });
  };
  const withState = ({ draft, go }: StepInput, patch: Partial<z.infer<typeof SelectStateSchema>>) =>
    go(advance(draft, { state: { ...draft.state, ...selectState(draft), ...patch } }));
  return {
    render,
    actions: {
      search: { run: (input) => withState(input, { search: textInput(input.submit, 'search'), page: 0 }) },
      next: { run: (input) => withState(input, { page: selectState(input.draft).page + 1 }) },
      prev: { run: (input) => withState(input, { page: Math.max(0, selectState(input.draft).page - 1) }) },
      open: {
        async run({ ctx, draft, submit, go }) {
          const userId = textInput(submit, 'userId');
          if (!userId) throw new InputError('select.choose-first');
          const user = ctx.store.user(userId);
          if (!user || (external && user.type !== 'external')) throw new InputError('error.input-not-offered', { field: 'userId', value: userId.slice(0, 80) });
          await go(advance(draft, { step: openStep, targetUserId: user.id, baseRev: user.rev, change: emptyChange() }));
        },
      },
    },
  };
}

export interface UserWizardInput extends SelectOptions {
  name: string;
  /** The steps after selection; `openStep` is the user's first card (also where a changed user goes back to). */
  steps: Wizard['steps'];
}

/** A wizard that starts at user selection and opens the chosen user's card; looking is "view" (R11). */
export function wizardWithUserSelection(input: UserWizardInput): Wizard {
  const wizard: Wizard = {
    name: input.name,
    needs: 'view',
    userStep: input.openStep,
    start: (ctx) => startAtUser(ctx, wizard, '', input.external ? 'external' : undefined),
    steps: { select: selectStep(input), ...input.steps },
  };
  return wizard;
}
