// Small builders for step tables: go to a step, need the draft's user, render with it.
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { advance } from '../drafts.js';
import { InputError } from '../errors.js';
import { targetUser } from './engine.js';
import type { Step, StepAction, StepInput } from './types.js';

/** Go to another step of the same draft. */
export const to = (step: string): StepAction => ({ run: ({ draft, go }) => go(advance(draft, { step })) });

/** An action that needs the draft's user (every step after selection has one; it may have been deleted since). */
export const withUser = (run: (input: StepInput & { user: User }) => Promise<void>): StepAction => ({
  run: (input) => {
    if (!input.user) throw new InputError('error.user-gone');
    return run({ ...input, user: input.user });
  },
});

/** A step card about the draft's user. */
export const forUser =
  (render: (ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[]) => RenderedCard): Step['render'] =>
  (ctx, draft, notes) =>
    render(ctx, draft, targetUser(ctx, draft), notes);

/** "Done" on a result card: the wizard says goodbye; the card stays as the record. */
export const finished: StepAction = { run: ({ ctx }) => ctx.reply.text(tr(ctx, 'wizard.done')).then(() => undefined) };
