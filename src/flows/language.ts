// `language en|nl`: the language of this person's cards, stored as a preference.
import { LocaleSchema, type Locale } from '../domain/index.js';
import type { FlowContext } from './context.js';
import { messageCard } from './messages.js';

export async function setLanguage(ctx: FlowContext, arg: string): Promise<void> {
  // Anyone of the org may choose; someone outside it (no role, no user) leaves nothing stored.
  if (ctx.role === 'none' && !ctx.store.userByEmail(ctx.actor.email)) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'ask.not-in-org.title', textKey: 'ask.not-in-org', color: 'Attention' }));
    return;
  }
  const parsed = LocaleSchema.safeParse(arg.toLowerCase());
  if (!parsed.success) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'language.title', textKey: 'language.usage', params: { value: arg.slice(0, 20) }, color: 'Warning' }));
    return;
  }
  await ctx.store.commit({ mutations: [{ type: 'preference.put', personId: ctx.actor.personId, locale: parsed.data, email: ctx.actor.email }] });
  await ctx.reply.card(messageCard({ locale: parsed.data }, { titleKey: 'language.title', textKey: 'language.set', color: 'Good' }));
}

/**
 * A person who typed the desk's Dutch words (`aanvragen`, "ik heb … nodig") and has not chosen a
 * language reads Dutch from then on: the choice is stored as `taal nl` would. Otherwise as is.
 */
export async function inTypedLanguage(ctx: FlowContext, typed: Locale): Promise<FlowContext> {
  if (ctx.store.locale(ctx.actor.personId) !== undefined || typed === ctx.locale || !ctx.store.userByEmail(ctx.actor.email)) return ctx;
  await ctx.store.commit({ mutations: [{ type: 'preference.put', personId: ctx.actor.personId, locale: typed, email: ctx.actor.email }] });
  return { ...ctx, locale: typed };
}
