// The rules at every step: each step of a change shows what the rules say about the change
// so far, with the ways out the violations offer as buttons (each one makes its change, and
// the step is checked again). The rules decide; this only asks them and shapes the answer.
import type { CardAction, ColoredLine } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import { takeWayOut, type Verdict, type Violation, type WayOut } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { advance } from '../drafts.js';
import { findingText } from '../format.js';
import { actionOf, type Submit } from '../submit.js';
import { verdictFor } from './verdict.js';
import type { StepAction } from './types.js';
import { withUser } from './step-helpers.js';

export const WAY_OUT_ACTION = 'way-out';
/** The submit field naming the way out a button takes. */
export const WAY_OUT_INPUT = 'wayOut';

/** Violations that belong to another step: the Calling step asks for what they miss. */
const ELSEWHERE = /^CALLING\./;

export interface StepRules {
  /** Notes for the step (e.g. "the user changed meanwhile"), then the violations' texts under a heading. */
  lines: ColoredLine[];
  /** The rules refuse the change so far. */
  blocked: boolean;
  /** Their ways out (the card keeps as many as Webex's five actions leave room for: withWaysOut). */
  waysOut: CardAction[];
}

const wayOutKey = (violation: Violation, way: WayOut): string =>
  [violation.code, way.kind, ...way.addLicenseIds.map((id) => `+${id}`), ...way.removeLicenseIds.map((id) => `-${id}`), ...way.removeAttendeeSites.map((s) => `-@${s}`)].join('|');

function waysOutOf(verdict: Verdict): Array<{ key: string; way: WayOut }> {
  const seen = new Set<string>();
  return verdict.violations.flatMap((violation) =>
    (violation.waysOut ?? []).flatMap((way) => {
      const key = wayOutKey(violation, way);
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ key, way }];
    }),
  );
}

/** What the rules say on this step about the draft's change, after the step's notes. */
export function stepRules(ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[] = []): StepRules {
  const verdict = verdictFor(ctx, draft, user);
  const shown = verdict.violations.filter((v) => !(draft.step !== 'calling' && ELSEWHERE.test(v.code)));
  if (shown.length === 0) return { lines: notes, blocked: false, waysOut: [] };
  const lines: ColoredLine[] = [...notes, { text: tr(ctx, 'step.rules-say'), color: 'Attention' }, ...shown.map((v) => ({ text: findingText(ctx, v), color: 'Attention' as const }))];
  const waysOut = waysOutOf(verdict).map(({ key, way }) => {
      const action = actionOf(draft, tr(ctx, `way-out.${way.kind}`, way.params), WAY_OUT_ACTION);
      return { ...action, data: { ...action.data, wayOut: key } };
    });
  return { lines, blocked: true, waysOut };
}

/**
 * Whether applying a step's inputs made the rules refuse something they did not before (then
 * the step stays, showing it with its ways out). `later`: codes a later step of this change
 * asks about (a Meetings license's account types are the sites step's).
 */
export function brokeARule(ctx: FlowContext, before: Draft, after: Draft, user: User, later?: RegExp): boolean {
  const key = (v: Violation) => `${v.code} ${JSON.stringify(v.params)}`;
  const had = new Set(verdictFor(ctx, before, user).violations.map(key));
  return verdictFor(ctx, after, user).violations.some((v) => !ELSEWHERE.test(v.code) && !later?.test(v.code) && !had.has(key(v)));
}

/**
 * A way-out button: the step's inputs are kept (as its Apply would), then the way out the
 * card offered is taken and the same step shown again, checked anew. A way out the rules
 * no longer offer (the org changed, a crafted submit) changes nothing; the step says so.
 */
export const wayOutAction = (applyInputs?: (ctx: FlowContext, draft: Draft, user: User, submit: Submit) => Draft): StepAction =>
  withUser(async ({ ctx, draft, user, submit, go }) => {
    const wanted = submit.inputs.get(WAY_OUT_INPUT);
    const offered = waysOutOf(verdictFor(ctx, draft, user)).find(({ key }) => key === wanted);
    if (!offered) return go(advance(draft, {}), [{ text: tr(ctx, 'step.way-out-gone'), color: 'Warning' }]);
    const withInputs = applyInputs ? applyInputs(ctx, draft, user, submit) : draft;
    return go(advance(withInputs, { step: draft.step, change: takeWayOut(user, withInputs.change, offered.way) }));
  });
