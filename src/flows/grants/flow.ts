// What people do with a license granted until a date: Extend (a new last day), Keep permanently
// or Let it end, from the reminder or the `grants` list. Extend and Keep are an administrator's
// (R11 apply); Let it end is also the granter's and the approver's. Each decision is committed
// against the grant's version (two clicks at once: one wins), audited, and every copy of the
// reminder says what was decided.
import type { Grant } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import { can } from '../../rules/index.js';
import { authRefusedLine } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { messageCard } from '../messages.js';
import { dayText } from '../format.js';
import { ConflictError, type StoreReader } from '../../store/index.js';
import type { Submit } from '../submit.js';
import type { CardFlow } from '../wizard/types.js';
import { decidedCard, GRANT_FLOW, GRANT_INPUT, UNTIL_INPUT } from './cards.js';
import { grantUser, updateCopies } from './notify.js';
import { grantView } from './views.js';
import { grantLine } from './schedule.js';
import { checkedDay, dayOf } from './until.js';

type Decision = 'extend' | 'keep' | 'let-end';
const DECISIONS: readonly string[] = ['extend', 'keep', 'let-end'];

/** The reminder names its grant; the list card's choice does. */
function grantOf(store: Pick<StoreReader, 'grant'>, submit: Submit): Grant | undefined {
  const id = submit.step === 'list' ? submit.inputs.get(GRANT_INPUT) : submit.draftId;
  return id ? store.grant(id) : undefined;
}

const isOneOfItsPeople = (ctx: FlowContext, grant: Grant): boolean =>
  [grant.grantedBy.email, grant.approvedBy?.email].some((email) => email?.toLowerCase() === ctx.actor.email.toLowerCase());

async function refuseDecision(ctx: FlowContext, grant: Grant, action: string): Promise<void> {
  const user = grantUser(ctx, grant);
  await ctx.store.audit([authRefusedLine(ctx, { what: `grant.${action}`, code: 'refused.admin-only', ...(user ? { target: user } : {}), details: { role: ctx.role, grantId: grant.id } })]);
  await ctx.reply.card(messageCard(ctx, { titleKey: 'refused.title', textKey: 'refused.admin-only', params: { what: tr(ctx, `grant.action.${action}`) }, color: 'Attention' }));
}

async function alreadyDecided(ctx: FlowContext, grant: Grant): Promise<void> {
  await ctx.reply.card(messageCard(ctx, { titleKey: 'grant.already.title', textKey: `grant.already.${grant.status}`, params: { day: dayText(ctx, grant.until) }, color: 'Warning' }));
}

function nextGrant(ctx: FlowContext, grant: Grant, decision: Decision, submit: Submit): Grant {
  // The reminder's copies now say what was decided, for good: a later reminder has its own.
  const base = { ...grant, reminderCards: [], version: grant.version + 1 };
  if (decision === 'keep') return { ...base, status: 'kept' };
  if (decision === 'let-end') return { ...base, letEndBy: ctx.actor.email };
  const until = (submit.inputs.get(UNTIL_INPUT) ?? '').trim();
  if (!until) throw new InputError('grant.date-missing');
  const day = checkedDay(until, dayOf(ctx.now()));
  if (day <= grant.until) throw new InputError('grant.date-not-later', { value: day });
  // A new end: a new reminder one day before it, and the rules are asked again then.
  const { remindedAt: _reminded, blockedCodes: _blocked, letEndBy: _letEnd, ...rest } = base;
  return { ...rest, until: day };
}

async function onGrantSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  if (!DECISIONS.includes(submit.action)) throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const decision = submit.action as Decision;
  const grant = grantOf(ctx.store, submit);
  if (!grant) throw new InputError(submit.step === 'list' ? 'grant.choose' : 'grant.unknown');
  const mayDecide = can(ctx.role, 'apply') || (decision === 'let-end' && isOneOfItsPeople(ctx, grant));
  if (!mayDecide) return refuseDecision(ctx, grant, decision);
  const user = grantUser(ctx, grant);
  // A decided or ended grant, or an older reminder (a double click): say how it stands now.
  if (grant.status !== 'active' || (submit.step === 'remind' && submit.v !== grant.version)) return alreadyDecided(ctx, grant);
  const next = nextGrant(ctx, grant, decision, submit);
  const details = decision === 'extend' ? { from: grant.until, to: next.until } : {};
  try {
    await ctx.store.commit({ mutations: [{ type: 'grant.put', grant: next, expectedVersion: grant.version }], audit: [grantLine(ctx, next, user, `grant.${decision}`, details)] });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return alreadyDecided(ctx, ctx.store.grant(grant.id) ?? grant); // someone else decided just now
  }
  const card = (c: FlowContext) => decidedCard(c, grantView(ctx.store, next), decision, ctx.actor.email);
  if (submit.step === 'remind') await ctx.reply.replace(submit.messageId, card(ctx));
  else await ctx.reply.card(card(ctx));
  await updateCopies(ctx, next, grant.reminderCards ?? [], submit.step === 'remind' ? submit.messageId : '', card);
}

export const grantFlow: CardFlow = {
  name: GRANT_FLOW,
  needs: 'view',
  targetOf: (store, submit) => grantOf(store, submit)?.userId,
  handle: onGrantSubmit,
};
