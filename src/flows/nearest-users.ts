// A user argument that finds nobody (`licenses <x>`, `history <x>`, `reassign <x>`): the
// users nearest to what was typed, by edit distance on the email's local part and on the
// display name (and each of its words), as buttons that run the command for them.
import type { User } from '../domain/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { editDistance } from './edit-distance.js';
import { userName } from './format.js';
import { messageCard } from './messages.js';
import { commandAction } from './submit.js';

export const NEAREST_LIMIT = 5;
const MAX_QUERY = 80;

/** Edits allowed for a query of this length: a third of it, at least 1, at most 4. */
const allowedFor = (length: number): number => Math.max(1, Math.min(4, Math.floor(length / 3)));

function distanceTo(user: User, query: string, max: number): number {
  const local = query.includes('@') ? query.split('@')[0]! : query;
  const name = (user.displayName ?? '').toLowerCase();
  const targets = [user.email.toLowerCase().split('@')[0]!, name, ...name.split(/\s+/)].filter(Boolean);
  const full = query.includes('@') ? [editDistance(query, user.email.toLowerCase(), max)] : [];
  return Math.min(...full, ...targets.map((t) => editDistance(local, t, max)));
}

/** The users nearest to `query` (closest first, then by name), at most `limit`; none when nobody is near. */
export function nearestUsers(ctx: Pick<FlowContext, 'store'>, query: string, options: { type?: 'external'; limit?: number } = {}): User[] {
  const q = query.trim().toLowerCase().slice(0, MAX_QUERY);
  if (!q) return [];
  const limit = options.limit ?? NEAREST_LIMIT;
  const local = q.includes('@') ? q.split('@')[0]! : q;
  const max = allowedFor(local.length);
  const all = ctx.store.searchUsers({ text: '', ...(options.type ? { type: options.type } : {}), limit: ctx.store.userCount() }).users;
  return all
    .map((user) => ({ user, d: distanceTo(user, q, max) }))
    .filter(({ d }) => d <= max)
    .sort((a, b) => a.d - b.d || userName(a.user).localeCompare(userName(b.user)))
    .slice(0, limit)
    .map(({ user }) => user);
}

/**
 * Answer a user argument that does not name exactly one user: the users it matches (when
 * several) or the nearest ones, as buttons running `<command> <email>`; else "not found".
 */
export async function replyUserNotFound(ctx: FlowContext, input: { command: string; query: string; titleKey: string; type?: 'external' }): Promise<void> {
  const { command, query, titleKey } = input;
  const type = input.type ? { type: input.type } : {};
  const matching = ctx.store.searchUsers({ text: query, ...type, limit: NEAREST_LIMIT });
  const several = matching.total > 1;
  const users = several ? matching.users : nearestUsers(ctx, query, type);
  if (users.length === 0) {
    await ctx.reply.card(messageCard(ctx, { titleKey, textKey: 'common.user-not-found', params: { query }, color: 'Warning' }));
    return;
  }
  const more = several && matching.total > users.length ? [tr(ctx, 'nearest.more', { count: matching.total - users.length })] : [];
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey,
      textKey: several ? 'nearest.several' : 'nearest.text',
      params: { query, command },
      color: 'Warning',
      lines: [...users.map((u) => `${userName(u)} · ${u.email}`), ...more],
      actions: users.map((u) => commandAction(userName(u), `${command} ${u.email}`)),
    }),
  );
}
