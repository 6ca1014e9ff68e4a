// The cards of a license granted until a date: the reminder one day before the end (Extend /
// Keep permanently / Let it end), what someone decided, the end itself, an end the rules
// refused, and the `grants` list. Builders only.
import type { CardAction, Fact, RenderedCard, TextColor } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Grant } from '../../domain/index.js';
import { grantEndsAt } from '../../domain/index.js';
import { tr, type Params } from '../../i18n/index.js';
import type { FlowContext } from '../context.js';
import { dayText } from '../format.js';
import { actionOf } from '../submit.js';
import { MAX_GRANT_DAYS, addDays, dayOf } from './until.js';

export const GRANT_FLOW = 'grant';
export const UNTIL_INPUT = 'until';
export const GRANT_INPUT = 'grant';

type Ctx = Pick<FlowContext, 'locale' | 'now'>;

/** What a grant's cards show (views.ts): the grant, and its user and license by name. */
export interface GrantView {
  grant: Grant;
  /** "Anna de Vries · anna@acme.example", or the id of a user gone. */
  user: string;
  userName: string;
  license: string;
}

const grantAction = (grant: Grant, step: string, title: string, action: string, style: CardAction['style'] = 'default'): CardAction =>
  actionOf({ flow: GRANT_FLOW, step, id: grant.id, version: grant.version }, title, action, style);

export function grantFacts(ctx: Ctx, { grant, user, license }: GrantView): Fact[] {
  return [
    { title: tr(ctx, 'grant.fact.user'), value: user },
    { title: tr(ctx, 'grant.fact.license'), value: license },
    { title: tr(ctx, 'grant.fact.until'), value: dayText(ctx, grant.until) },
    { title: tr(ctx, 'grant.fact.granted-by'), value: grant.grantedBy.email },
    ...(grant.approvedBy ? [{ title: tr(ctx, 'grant.fact.approved-by'), value: grant.approvedBy.email }] : []),
  ];
}

const titleParams = (ctx: Ctx, view: GrantView): Params => ({ license: view.license, user: view.userName, day: dayText(ctx, view.grant.until) });

interface GrantCardInput {
  titleKey: string;
  textKey: string;
  color: TextColor;
  params?: Params;
  lines?: string[];
  date?: boolean;
  actions?: CardAction[];
}

function grantCard(ctx: Ctx, view: GrantView, input: GrantCardInput): RenderedCard {
  const { grant } = view;
  const params = { ...titleParams(ctx, view), ...input.params };
  const title = tr(ctx, input.titleKey, params);
  const tomorrow = addDays(dayOf(ctx.now()), 1);
  return renderCard('form', {
    fallbackText: title,
    title,
    color: input.color,
    text: tr(ctx, input.textKey, params),
    facts: grantFacts(ctx, view),
    lines: (input.lines ?? []).map((text) => ({ text })),
    choose: [],
    date: input.date ? [{ id: UNTIL_INPUT, label: tr(ctx, 'grant.new-date-label'), min: grant.until > tomorrow ? addDays(grant.until, 1) : tomorrow, max: addDays(dayOf(ctx.now()), MAX_GRANT_DAYS) }] : [],
    texts: [],
    actions: input.actions ?? [],
  });
}

/** Extend and Keep are an administrator's (R11 apply); anyone it went to may let it end. */
function decideActions(ctx: Ctx, grant: Grant, step: string, canApply: boolean): CardAction[] {
  const letEnd = grantAction(grant, step, tr(ctx, 'grant.action.let-end'), 'let-end');
  if (!canApply) return grant.letEndBy ? [] : [letEnd];
  return [grantAction(grant, step, tr(ctx, 'grant.action.extend'), 'extend', 'positive'), grantAction(grant, step, tr(ctx, 'grant.action.keep'), 'keep'), ...(grant.letEndBy ? [] : [letEnd])];
}

/** One day before the end, to the person who granted it and the approver. */
export function reminderCard(ctx: Ctx, view: GrantView, canApply: boolean): RenderedCard {
  return grantCard(ctx, view, {
    titleKey: 'grant.remind.title',
    textKey: canApply ? 'grant.remind.text' : 'grant.remind.text-helpdesk',
    color: 'Warning',
    date: canApply,
    actions: decideActions(ctx, view.grant, 'remind', canApply),
  });
}

/** The end was refused by the rules: the license stays until someone decides. */
export function blockedCard(ctx: Ctx, view: GrantView, reasons: string[], canApply: boolean, email: string | undefined): RenderedCard {
  return grantCard(ctx, view, {
    titleKey: 'grant.blocked.title',
    textKey: canApply ? 'grant.blocked.text' : 'grant.blocked.text-helpdesk',
    color: 'Attention',
    lines: [...reasons, ...(email ? [tr(ctx, 'grant.blocked.edit', { email })] : [])],
    date: canApply,
    actions: canApply ? decideActions(ctx, view.grant, 'remind', true).filter((a) => a.data.action !== 'let-end') : [],
  });
}

/** What was decided, on every copy of the reminder. */
export function decidedCard(ctx: Ctx, view: GrantView, decision: 'extend' | 'keep' | 'let-end', by: string): RenderedCard {
  return grantCard(ctx, view, { titleKey: `grant.decided.${decision}.title`, textKey: 'grant.decided.text', color: decision === 'let-end' ? 'Default' : 'Good', params: { by } });
}

/** The license was removed at the end; late: the desk was not running when the day was over. */
export function endedCard(ctx: Ctx, view: GrantView, late: boolean): RenderedCard {
  const endedAt = grantEndsAt(view.grant).toISOString().slice(0, 16).replace('T', ' ');
  return grantCard(ctx, view, {
    titleKey: 'grant.ended.title',
    textKey: 'grant.ended.text',
    color: 'Good',
    lines: late ? [tr(ctx, 'grant.ended.late', { time: `${endedAt} UTC` })] : [],
  });
}
