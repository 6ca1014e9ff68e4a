// `find <text>`: users whose name or email starts with the text.
import { renderCard } from '../cards/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { userName, userStatusText, userTypeText } from './format.js';

const LIMIT = 25;

export async function findUsers(ctx: FlowContext, text: string): Promise<void> {
  const page = ctx.store.searchUsers({ text, limit: LIMIT });
  const title = tr(ctx, 'find.title', { text });
  await ctx.reply.card(
    renderCard('user-list', {
      fallbackText: title,
      title,
      countText:
        page.total === 0
          ? tr(ctx, 'select.none-matching', { text })
          : tr(ctx, page.total > LIMIT ? 'find.count-more' : 'find.count', { shown: page.users.length, total: page.total }),
      users: page.users.map((u) => ({
        name: userName(u),
        details: `${u.email} · ${userTypeText(ctx, u)} · ${userStatusText(ctx, u)} · ${tr(ctx, u.licenseIds.length === 1 ? 'find.licenses-one' : 'find.licenses', { count: u.licenseIds.length })}`,
      })),
      hint: tr(ctx, 'find.hint'),
    }),
  );
}
