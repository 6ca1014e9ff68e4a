// `grants`: licenses granted until a date, soonest end first. Admins pick one to extend or keep.
import type { CardAction } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import { tr } from '../../i18n/index.js';
import { can } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { dayText, userName } from '../format.js';
import { licenseLabel } from '../org-view.js';
import { GRANT_FLOW, GRANT_INPUT, UNTIL_INPUT } from './cards.js';
import { MAX_GRANT_DAYS, addDays, dayOf } from './until.js';

/** A phone-length list; the rest are counted (the soonest come first). */
const SHOWN = 30;

export async function showGrants(ctx: FlowContext): Promise<void> {
  const grants = ctx.store.grants({ status: 'active' });
  const shown = grants.slice(0, SHOWN);
  const line = (g: (typeof grants)[number]) => {
    const user = ctx.store.user(g.userId);
    const state = g.blockedCodes?.length ? tr(ctx, 'grants.blocked') : g.letEndBy ? tr(ctx, 'grants.let-end') : g.remindedAt ? tr(ctx, 'grants.reminded') : '';
    return tr(ctx, 'grants.line', { day: dayText(ctx, g.until), user: userName(user, g.userId), license: licenseLabel(ctx.store, g.licenseId), by: g.grantedBy.email, state });
  };
  const lines = [...shown.map((g) => ({ text: line(g) })), ...(grants.length > SHOWN ? [{ text: tr(ctx, 'grants.more', { count: grants.length - SHOWN }) }] : [])];
  const decide = can(ctx.role, 'apply') && grants.length > 0;
  const today = dayOf(ctx.now());
  const action = (key: string, name: string, style: CardAction['style'] = 'default'): CardAction => ({ title: tr(ctx, key), style, data: { flow: GRANT_FLOW, step: 'list', draftId: '', v: 0, action: name } });
  const title = tr(ctx, 'grants.title', { count: grants.length });
  await ctx.reply.card(
    renderCard('form', {
      fallbackText: title,
      title,
      color: 'Default',
      text: tr(ctx, grants.length === 0 ? 'grants.none' : decide ? 'grants.intro' : 'grants.intro-view'),
      facts: [],
      lines,
      choose: decide ? [{ id: GRANT_INPUT, label: tr(ctx, 'grants.choose-label'), placeholder: tr(ctx, 'grants.choose-placeholder'), value: '', choices: shown.map((g) => ({ title: line(g), value: g.id })) }] : [],
      date: decide ? [{ id: UNTIL_INPUT, label: tr(ctx, 'grant.new-date-label'), min: addDays(today, 1), max: addDays(today, MAX_GRANT_DAYS) }] : [],
      texts: [],
      actions: decide ? [action('grant.action.extend', 'extend', 'positive'), action('grant.action.keep', 'keep')] : [],
    }),
  );
}
