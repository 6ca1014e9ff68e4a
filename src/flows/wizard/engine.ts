// The wizard engine: one card submit → the draft checked (unknown, expired, someone else's,
// already finished, stale card, user changed meanwhile) → the action its step declares.
// Cancel and "Start again" are the same on every wizard, so they live here. Showing a step
// renders the card of the draft's step, stores the draft and puts the card in place of the
// clicked one (edited where Webex allows it, else sent anew and the old one deleted).
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import { emptyChange } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { advance, loadDraft, newDraft, putDraft, withVisit } from '../drafts.js';
import { authRefusedLine } from '../audit-lines.js';
import { userName } from '../format.js';
import { messageCard } from '../messages.js';
import { InputError } from '../errors.js';
import type { Submit } from '../submit.js';
import { findOne } from './find-user.js';
import { replyUserNotFound } from '../nearest-users.js';
import { can } from '../../rules/index.js';
import { logger } from '../../logger.js';
import { logConflict } from '../operator-lines.js';
import type { CardFlow, Refusal, StepAction, Wizard } from './types.js';

export class UserGoneError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} no longer exists`);
    this.name = 'UserGoneError';
  }
}

/** The draft's user; a user deleted meanwhile is an error the boundary explains. */
export function targetUser(ctx: FlowContext, draft: Draft): User {
  const user = draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined;
  if (!user) throw new UserGoneError(draft.targetUserId ?? '');
  return user;
}

/** The card of the draft's current step. */
export function renderStep(ctx: FlowContext, wizard: Wizard, draft: Draft, notes: ColoredLine[] = []): RenderedCard {
  const step = Object.hasOwn(wizard.steps, draft.step) ? wizard.steps[draft.step] : undefined;
  if (!step) return messageCard(ctx, { titleKey: 'error.title', textKey: 'error.unknown-step', color: 'Attention' });
  return step.render(ctx, draft, notes);
}

/**
 * Where a finished draft's result card was sent (per store, by draft id and version): once it
 * is in the room, a repeated click adds nothing. Kept in memory, not in the store, so a Save
 * stays one durable commit; after a restart a repeated click shows the result once more.
 */
const shownResults = new WeakMap<object, Map<string, string>>();
const SHOWN_KEEP = 1000;
const shownKey = (draft: Draft): string => `${draft.id}@${draft.version}`;
function shownIn(ctx: FlowContext, draft: Draft): string | undefined {
  return shownResults.get(ctx.store)?.get(shownKey(draft));
}
function rememberShown(ctx: FlowContext, draft: Draft, messageId: string): void {
  let shown = shownResults.get(ctx.store);
  if (!shown) shownResults.set(ctx.store, (shown = new Map()));
  shown.set(shownKey(draft), messageId);
  if (shown.size > SHOWN_KEEP) shown.delete(shown.keys().next().value!);
}

/** Send the card of a draft as the store has it (in place of `clicked`, or anew); a finished draft's card is its result. */
async function present(ctx: FlowContext, wizard: Wizard, shown: Draft, options: { clicked?: string | undefined; notes?: ColoredLine[] | undefined } = {}): Promise<void> {
  const draft = ctx.store.draft(shown.id) ?? shown;
  const card = renderStep(ctx, wizard, draft, options.notes);
  const sent = await (options.clicked ? ctx.reply.replace(options.clicked, card) : ctx.reply.card(card));
  if (draft.status === 'done') rememberShown(ctx, draft, sent.messageId);
}

/** Store the (new or advanced) draft and send its step's card in place of the clicked one. */
export async function showStep(ctx: FlowContext, wizard: Wizard, next: Draft, options: { clicked?: string; notes?: ColoredLine[] } = {}): Promise<void> {
  const draft = withVisit(next);
  await putDraft(ctx, draft);
  await present(ctx, wizard, draft, options);
}

/** Send the card of the draft as it is (stale click): nothing is stored. */
export async function reshowStep(ctx: FlowContext, wizard: Wizard, draft: Draft, options: { clicked?: string; noteKey?: string } = {}): Promise<void> {
  if (options.noteKey) await ctx.reply.text(tr(ctx, options.noteKey));
  await present(ctx, wizard, draft, { clicked: options.clicked });
}

/**
 * A click on an older card of a finished draft (a double click on Save, a redelivery, two
 * Saves at once): its result card is in the room already, so nothing new is said. Only
 * when the result never reached the room (sending it failed) is it shown, with a note.
 */
async function answerRepeat(ctx: FlowContext, wizard: Wizard, draft: Draft): Promise<void> {
  if (shownIn(ctx, draft)) {
    logger.info('repeated click on a finished draft: its result is in the room already', { draftId: draft.id, step: draft.step });
    return;
  }
  const noteKey = wizard.repeatNoteKey === undefined ? 'stale.already-done' : wizard.repeatNoteKey;
  await reshowStep(ctx, wizard, draft, noteKey ? { noteKey } : {});
}

/**
 * Submits about one draft run one after another in this process (the store holds one
 * process): the second of two Save clicks starts once the first has saved and shown its
 * result, and so sees a finished draft whose result is in the room.
 */
const draftLanes = new Map<string, Promise<void>>();
function inDraftLane(draftId: string, work: () => Promise<void>): Promise<void> {
  if (!draftId) return work();
  const before = draftLanes.get(draftId) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  draftLanes.set(draftId, settled);
  void settled.then(() => {
    if (draftLanes.get(draftId) === settled) draftLanes.delete(draftId);
  });
  return run;
}

/** A wizard's first card: straight at the user's card when the query finds exactly one user, else user selection. */
export async function startAtUser(ctx: FlowContext, wizard: Wizard, query: string, type?: 'external'): Promise<void> {
  const user = query ? findOne(ctx, query, type) : undefined;
  if (query && !user && ctx.store.searchUsers({ text: query, ...(type ? { type } : {}), limit: 1 }).total === 0) {
    // Nobody starts with it: the nearest users (a typo), rather than an empty list.
    const command = wizard.name === 'external' ? 'external' : 'licenses';
    return replyUserNotFound(ctx, { command, query, titleKey: 'nearest.title', ...(type ? { type } : {}) });
  }
  const draft = user
    ? newDraft(ctx, { flow: wizard.name, step: wizard.userStep, targetUserId: user.id, baseRev: user.rev, state: { search: query } })
    : newDraft(ctx, { flow: wizard.name, step: 'select', state: { search: query } });
  await showStep(ctx, wizard, draft);
}

const RESTART = 'restart';
const CANCEL = 'cancel';

export const unknownAction = (submit: Pick<Submit, 'action'>): InputError =>
  new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });

/** The checks every submit shares; the draft and its user when the step may go on, else undefined (already answered). */
async function checkSubmit(ctx: FlowContext, wizard: Wizard, submit: Submit): Promise<{ draft: Draft; user?: User } | undefined> {
  const draft = loadDraft(ctx, wizard.name, submit.draftId);
  const current = submit.v === draft.version && submit.step === draft.step;
  if (draft.status === 'done') {
    if (current) return { draft, user: draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined };
    await answerRepeat(ctx, wizard, draft);
    return undefined;
  }
  if (!current) {
    await reshowStep(ctx, wizard, draft, { clicked: submit.messageId, noteKey: 'stale.card' });
    return undefined;
  }
  if (!draft.targetUserId || draft.step === 'select') return { draft };
  const user = targetUser(ctx, draft);
  if (user.rev !== draft.baseRev && submit.action !== CANCEL) {
    await backToUser(ctx, wizard, draft, user, submit);
    return undefined;
  }
  return { draft, user };
}

/** The user changed since the draft loaded them (another admin, or a second Save at once): start again from their card. */
async function backToUser(ctx: FlowContext, wizard: Wizard, draft: Draft, user: User, submit: Submit): Promise<void> {
  // The revision check of the commit, made before it: logged like a ConflictError.
  logConflict(ctx.store, { what: 'user', id: user.id, expected: draft.baseRev ?? 0, actual: user.rev }, ctx.actor.email);
  const fresh = advance(draft, { step: wizard.userStep, status: 'open', baseRev: user.rev, change: emptyChange() });
  await showStep(ctx, wizard, fresh, { clicked: submit.messageId, notes: [{ text: tr(ctx, 'stale.user-changed'), color: 'Warning' }] });
}

async function cancel(ctx: FlowContext, draft: Draft, clicked: string): Promise<void> {
  await ctx.store.commit({ mutations: [{ type: 'draft.delete', draftId: draft.id }] });
  await ctx.reply.remove(clicked);
  await ctx.reply.text(tr(ctx, 'wizard.cancelled'));
}

function actionOfStep(wizard: Wizard, step: string, action: string): StepAction | undefined {
  const declared = Object.hasOwn(wizard.steps, step) ? wizard.steps[step] : undefined;
  return declared && Object.hasOwn(declared.actions, action) ? declared.actions[action] : undefined;
}

/** R11 for an action that asks for more than its wizard: refused in the flow's own words, audited. */
async function refuseAction(ctx: FlowContext, draft: Draft, user: User | undefined, refusal: Refusal, action: string): Promise<void> {
  await ctx.store.audit([authRefusedLine(ctx, { what: refusal.what, code: refusal.key, ...(user ? { target: user } : {}) })]);
  const params = { user: userName(user, draft.targetUserId ?? ''), what: action };
  await ctx.reply.card(messageCard(ctx, { titleKey: 'refused.title', textKey: refusal.key, params, color: 'Attention' }));
}

async function runWizard(ctx: FlowContext, wizard: Wizard, submit: Submit): Promise<void> {
  if (submit.action === RESTART && wizard.start) return wizard.start(ctx);
  const checked = await checkSubmit(ctx, wizard, submit);
  if (!checked) return;
  const { draft, user } = checked;
  if (submit.action === CANCEL) return cancel(ctx, draft, submit.messageId);
  const action = actionOfStep(wizard, draft.step, submit.action);
  if (!action) throw unknownAction(submit);
  if (action.needs && !can(ctx.role, action.needs)) {
    return refuseAction(ctx, draft, user, action.refusal ?? { key: 'refused.admin-only', what: `${wizard.name}.${draft.step}.${submit.action}` }, submit.action);
  }
  await action.run({
    ctx,
    draft,
    user,
    submit,
    go: (next, notes) => showStep(ctx, wizard, next, { clicked: submit.messageId, notes }),
    goBelow: (next, notes) => showStep(ctx, wizard, next, notes ? { notes } : {}),
    show: (shown, notes) => present(ctx, wizard, shown, { notes }),
    replaceWith: (shown, notes) => present(ctx, wizard, shown, { clicked: submit.messageId, notes }),
    repeated: (finished) => answerRepeat(ctx, wizard, finished),
    backToUser: (changed) => backToUser(ctx, wizard, ctx.store.draft(draft.id) ?? draft, changed, submit),
  });
}

/** A wizard as the bot routes it: who may click its cards, the user a submit is about, and the engine. */
export function cardFlow(wizard: Wizard): CardFlow {
  return {
    name: wizard.name,
    needs: wizard.needs,
    targetOf: (store, submit) => (submit.draftId ? store.draft(submit.draftId)?.targetUserId : undefined),
    handle: (ctx, submit) => inDraftLane(submit.draftId, () => runWizard(ctx, wizard, submit)),
  };
}
