// `language en|nl`: the language of this person's cards, stored as a preference.
import { LocaleSchema } from '../domain/index.js';
import type { FlowContext } from './context.js';
import { messageCard } from './messages.js';

export async function setLanguage(ctx: FlowContext, arg: string): Promise<void> {
  const parsed = LocaleSchema.safeParse(arg.toLowerCase());
  if (!parsed.success) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'language.title', textKey: 'language.usage', params: { value: arg.slice(0, 20) }, color: 'Warning' }));
    return;
  }
  await ctx.store.commit({ mutations: [{ type: 'preference.put', personId: ctx.actor.personId, locale: parsed.data }] });
  await ctx.reply.card(messageCard({ locale: parsed.data }, { titleKey: 'language.title', textKey: 'language.set', color: 'Good' }));
}
