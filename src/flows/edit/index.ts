// The edit-licenses wizard (flow "edit"): select → overview → service → licenses →
// sites (Meetings) → review → result. Every submit is checked against the draft first:
// unknown/expired, someone else's, already saved, stale card, user changed meanwhile.
import type { Draft, Service, User } from '../../domain/index.js';
import { emptyChange } from '../../domain/index.js';
import { planSiteAccount } from '../../rules/index.js';
import { ConflictError } from '../../store/index.js';
import { tr, type FlowContext } from '../context.js';
import { advance, loadDraft, newDraft } from '../drafts.js';
import { InputError } from '../errors.js';
import { rulesContextOf } from '../rules-context.js';
import { choiceInput, textInput, toggleInputs, type Submit } from '../submit.js';
import { finishChangeFor } from './finish.js';
import { verdictFor } from './review.js';
import { auditRefusal } from './save.js';
import { reshowStep, showStep, targetUser } from './show.js';
import {
  LICENSE_INPUT_PREFIX,
  NO_CALLING,
  SITE_INPUT_PREFIX,
  TIER_INPUT,
  licensesOfService,
  offeredServices,
} from './step-cards.js';
import { withLicense, wizardState } from './state.js';
import './save.js';

export const EDIT_FLOW = 'edit';

/** Find one user by exact email, else by search; undefined when not exactly one matches. */
export function findOne(ctx: FlowContext, query: string, type?: 'external'): User | undefined {
  const byEmail = ctx.store.userByEmail(query);
  if (byEmail && (!type || byEmail.type === type)) return byEmail;
  const page = ctx.store.searchUsers({ text: query, type, limit: 2 });
  return page.total === 1 ? page.users[0] : undefined;
}

/** `licenses [email|name]`: the wizard at user selection, or straight at the user's overview. */
export async function startEdit(ctx: FlowContext, query = ''): Promise<void> {
  const user = query ? findOne(ctx, query) : undefined;
  const draft = user
    ? newDraft(ctx, { flow: EDIT_FLOW, step: 'overview', targetUserId: user.id, baseRev: user.rev, state: { search: query } })
    : newDraft(ctx, { flow: EDIT_FLOW, step: 'select', state: { search: query } });
  await showStep(ctx, draft);
}

/** Checks every submit shares; returns the draft and its user when the step may go on. */
export async function checkSubmit(ctx: FlowContext, submit: Submit): Promise<{ draft: Draft; user?: User } | undefined> {
  const draft = loadDraft(ctx, submit.flow, submit.draftId);
  if (draft.status === 'done') {
    const current = submit.v === draft.version && submit.step === draft.step;
    if (!current) {
      // A repeated Save (double click, redelivery) or an older card: show the result again.
      await reshowStep(ctx, draft, { noteKey: 'stale.already-done' });
      return undefined;
    }
    return { draft, user: draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined };
  }
  if (submit.v !== draft.version || submit.step !== draft.step) {
    await reshowStep(ctx, draft, { clicked: submit.messageId, noteKey: 'stale.card' });
    return undefined;
  }
  if (!draft.targetUserId || draft.step === 'select') return { draft };
  const user = targetUser(ctx, draft);
  if (user.rev !== draft.baseRev && submit.action !== 'cancel') {
    const fresh = advance(draft, { step: draft.flow === 'external' ? 'user' : 'overview', baseRev: user.rev, change: emptyChange() });
    await showStep(ctx, fresh, { clicked: submit.messageId, notes: [{ text: tr(ctx, 'stale.user-changed'), color: 'Warning' }] });
    return undefined;
  }
  return { draft, user };
}

export async function cancelDraft(ctx: FlowContext, draft: Draft, clicked: string): Promise<void> {
  await ctx.store.commit({ mutations: [{ type: 'draft.delete', draftId: draft.id }] });
  await ctx.reply.remove(clicked);
  await ctx.reply.text(tr(ctx, 'wizard.cancelled'));
}

/** Selection step, shared with the external users list. */
export async function onSelect(ctx: FlowContext, draft: Draft, submit: Submit, openStep: string): Promise<void> {
  const state = wizardState(draft);
  const go = (patch: Partial<Draft>) => showStep(ctx, advance(draft, patch), { clicked: submit.messageId });
  switch (submit.action) {
    case 'search':
      return go({ state: { ...state, search: textInput(submit, 'search'), page: 0 } });
    case 'next':
      return go({ state: { ...state, page: state.page + 1 } });
    case 'prev':
      return go({ state: { ...state, page: Math.max(0, state.page - 1) } });
    case 'open': {
      const userId = textInput(submit, 'userId');
      if (!userId) throw new InputError('select.choose-first');
      const user = ctx.store.user(userId);
      if (!user || (draft.flow === 'external' && user.type !== 'external')) {
        throw new InputError('error.input-not-offered', { field: 'userId', value: userId.slice(0, 80) });
      }
      return go({ step: openStep, targetUserId: user.id, baseRev: user.rev, change: emptyChange() });
    }
    default:
      throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  }
}

/** Review step, shared with the external flow: Save (by the role's strategy), or refused. */
export async function onReview(ctx: FlowContext, draft: Draft, user: User, submit: Submit, backStep: string): Promise<void> {
  if (submit.action === 'back') return showStep(ctx, advance(draft, { step: backStep }), { clicked: submit.messageId });
  const strategy = finishChangeFor(ctx.role);
  if (submit.action !== 'save' && submit.action !== strategy?.primaryAction) {
    throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  }
  // A Save from someone whose strategy is not Save (a crafted submit) is judged as "apply", so R11 refuses it.
  const own = strategy !== undefined && submit.action === strategy.primaryAction;
  const verdict = verdictFor(ctx, draft, user, own ? strategy.intent : 'apply');
  if (!own || !verdict.ok) {
    await auditRefusal(ctx, draft, user, verdict);
    return reshowStep(ctx, draft, { clicked: submit.messageId });
  }
  try {
    await strategy.finish(ctx, { draft, user, verdict, submit });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Someone else saved first (or this Save arrived twice at once): show what is true now.
    const now = ctx.store.draft(draft.id);
    if (now?.status === 'done') return reshowStep(ctx, now, { noteKey: 'stale.already-done' });
    const fresh = ctx.store.user(user.id);
    if (!fresh) throw error;
    const reset = advance(now ?? draft, { step: draft.flow === 'external' ? 'user' : 'overview', baseRev: fresh.rev, change: emptyChange() });
    return showStep(ctx, reset, { clicked: submit.messageId, notes: [{ text: tr(ctx, 'stale.user-changed'), color: 'Warning' }] });
  }
  await ctx.reply.remove(submit.messageId);
}

function applyServiceInputs(ctx: FlowContext, draft: Draft, user: User, submit: Submit, service: Service): Draft {
  const licenses = licensesOfService(ctx, service);
  let change = draft.change;
  if (service === 'calling') {
    const calling = licenses.filter((l) => l.service === 'calling').map((l) => l.id);
    if (calling.length > 0) {
      const tier = choiceInput(submit, TIER_INPUT, [...calling, NO_CALLING]);
      for (const id of calling) change = withLicense(change, user, id, id === tier);
    }
  }
  const toggleable = licenses.filter((l) => !(service === 'calling' && l.service === 'calling')).map((l) => l.id);
  for (const [id, on] of toggleInputs(submit, LICENSE_INPUT_PREFIX, toggleable)) change = withLicense(change, user, id, on);
  return { ...draft, change };
}

function applySiteInputs(ctx: FlowContext, draft: Draft, user: User, submit: Submit): Draft {
  const rules = rulesContextOf(ctx.store);
  let change = draft.change;
  for (const [key, value] of submit.inputs) {
    if (!key.startsWith(SITE_INPUT_PREFIX)) continue;
    const siteUrl = key.slice(SITE_INPUT_PREFIX.length);
    if (!ctx.store.site(siteUrl)) throw new InputError('error.input-not-offered', { field: key.slice(0, 80), value: value.slice(0, 20) });
    const type = choiceInput(submit, key, ['none', 'host', 'attendee'] as const);
    change = planSiteAccount({ ctx: rules, user, change, siteUrl, type });
  }
  return { ...draft, change };
}

export async function onEditSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  if (submit.action === 'restart') return startEdit(ctx);
  const checked = await checkSubmit(ctx, submit);
  if (!checked) return;
  const { draft, user } = checked;
  if (submit.action === 'cancel') return cancelDraft(ctx, draft, submit.messageId);
  const go = (next: Draft) => showStep(ctx, next, { clicked: submit.messageId });
  if (draft.step === 'select') return onSelect(ctx, draft, submit, 'overview');
  if (!user) throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const state = wizardState(draft);
  switch (`${draft.step}:${submit.action}`) {
    case 'overview:edit':
      return go(advance(draft, { step: 'service' }));
    case 'overview:back':
      return go(advance(draft, { step: 'select', targetUserId: undefined, baseRev: undefined }));
    case 'service:choose': {
      const service = choiceInput(submit, 'service', offeredServices(ctx));
      return go(advance(draft, { step: 'licenses', state: { ...state, service } }));
    }
    case 'service:review':
      return go(advance(draft, { step: 'review' }));
    case 'service:back':
      return go(advance(draft, { step: 'overview' }));
    case 'licenses:apply':
    case 'licenses:review': {
      const service = (state.service ?? 'messaging') as Service;
      const next = applyServiceInputs(ctx, draft, user, submit, service);
      const step = submit.action === 'review' ? 'review' : service === 'meetings' ? 'sites' : 'service';
      return go(advance(next, { step }));
    }
    case 'licenses:back':
      return go(advance(draft, { step: 'service' }));
    case 'sites:apply':
    case 'sites:review': {
      const next = applySiteInputs(ctx, draft, user, submit);
      return go(advance(next, { step: submit.action === 'review' ? 'review' : 'service' }));
    }
    case 'sites:back':
      return go(advance(draft, { step: 'licenses' }));
    case 'result:again':
      return go(advance(draft, { step: 'overview', status: 'open', baseRev: user.rev, change: emptyChange(), resultAuditSeq: undefined }));
    case 'result:done':
      await ctx.reply.text(tr(ctx, 'wizard.done'));
      return;
    default:
      if (draft.step === 'review') return onReview(ctx, draft, user, submit, 'service');
      throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  }
}
