// A command's user argument: an exact email, else a search that finds exactly one user.
import type { User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';

/** Undefined when not exactly one user matches. */
export function findOne(ctx: FlowContext, query: string, type?: 'external'): User | undefined {
  const byEmail = ctx.store.userByEmail(query);
  if (byEmail && (!type || byEmail.type === type)) return byEmail;
  const page = ctx.store.searchUsers({ text: query, type, limit: 2 });
  return page.total === 1 ? page.users[0] : undefined;
}
