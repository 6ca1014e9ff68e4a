// The review step, shared by the edit wizard and the external users flow: the rules'
// verdict as a diff, and the role's way to finish (FINISH: Save or Submit request).
import type { Draft, User } from '../../domain/index.js';
import type { Verdict } from '../../rules/index.js';
import { ConflictError } from '../../store/index.js';
import { verdictCodes, auditBase, licensesBefore } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { advance } from '../drafts.js';
import { userName } from '../format.js';
import { verdictSections, verdictView, hasDifference } from '../verdict-sections.js';
import { reviewCard } from './cards.js';
import { applyNow } from '../apply.js';
import { FINISH } from './finish.js';
import { tr } from '../../i18n/index.js';
import { undoOf } from '../undo-state.js';
import { verdictFor } from './verdict.js';
import { untilInputs } from '../grants/review-inputs.js';
import { WAY_OUT_ACTION, stepRules, wayOutAction } from './step-rules.js';
import { targetUser, unknownAction } from './engine.js';
import type { Step, StepAction, StepInput } from './types.js';

/** A change the rules refused, audited (license.refused). */
async function auditRefusal(ctx: FlowContext, draft: Draft, user: User, verdict: Verdict): Promise<void> {
  await ctx.store.audit([
    { ...auditBase(ctx, user), action: 'license.refused', before: licensesBefore(user), change: draft.change, ...verdictCodes(verdict), details: { flow: draft.flow } },
  ]);
}

function render(ctx: FlowContext, draft: Draft) {
  const user = targetUser(ctx, draft);
  const verdict = verdictFor(ctx, draft, user);
  const strategy = FINISH[ctx.role];
  const undo = undoOf(draft);
  return reviewCard(ctx, {
    draft,
    userName: userName(user),
    sections: verdictSections(ctx, verdictView(ctx, verdict)),
    changed: hasDifference(verdict),
    ok: verdict.ok,
    waysOut: verdict.ok ? [] : stepRules(ctx, draft, user).waysOut,
    facts: undo ? [{ title: tr(ctx, 'undo.fact'), value: `#${undo.seq}` }] : [],
    ...(strategy
      ? {
          finish: {
            titleKey: strategy.primaryTitleKey,
            action: strategy.primaryAction,
            introKey: strategy.reviewIntroKey,
            readyKey: strategy.readyKey,
            inputs: strategy.inputs?.(ctx) ?? [],
            until: untilInputs(ctx, draft, user, verdict),
          },
        }
      : {}),
  });
}

/** Save or Submit request. A primary action that is not the actor's own (a crafted submit) is judged as "apply", so R11 refuses it. */
async function finish({ ctx, draft, user, submit, repeated, replaceWith, backToUser }: StepInput): Promise<void> {
  if (!user) throw new Error(`review without a user (draft ${draft.id})`);
  const strategy = FINISH[ctx.role];
  // Save is judged for anyone (R11 explains a helpdesk agent's crafted Save); another role's button is not this review's.
  if (submit.action !== applyNow.primaryAction && submit.action !== strategy?.primaryAction) throw unknownAction(submit);
  const own = strategy !== undefined && submit.action === strategy.primaryAction;
  const verdict = verdictFor(ctx, draft, user, own ? strategy.intent : 'apply');
  if (!own || !verdict.ok) {
    await auditRefusal(ctx, draft, user, verdict);
    return replaceWith(draft);
  }
  let finished: Awaited<ReturnType<typeof strategy.finish>>;
  try {
    finished = await strategy.finish({ ctx, draft, user, verdict, submit });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Someone else saved first (or this Save arrived twice at once): show what is true now.
    const now = ctx.store.draft(draft.id);
    if (now?.status === 'done') return repeated(now);
    const fresh = ctx.store.user(user.id);
    if (!fresh) throw error;
    return backToUser(fresh);
  }
  await replaceWith(finished.done, finished.notes);
}

const primaryActions = (): Record<string, StepAction> =>
  Object.fromEntries(Object.values(FINISH).map((strategy) => [strategy.primaryAction, { run: finish }]));

export function reviewStep({ backStep }: { backStep: string }): Step {
  return {
    render,
    actions: {
      back: { run: ({ draft, go }) => go(advance(draft, { step: backStep })) },
      [WAY_OUT_ACTION]: wayOutAction(),
      ...primaryActions(),
    },
  };
}
