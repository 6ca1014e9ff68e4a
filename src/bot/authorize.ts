// Who acts, and the polite refusal when their role may not (R11). The role comes from the
// actor Webex gives (never from card inputs): the config's ADMIN_EMAILS/HELPDESK_EMAILS and
// the store's roles. What a role may do is the rules module's `can`.
import type { Actor, ActorRole } from '../domain/index.js';
import type { FlowConfig, FlowContext } from '../flows/index.js';
import { allAdmins, authRefusedLine, messageCard, tr } from '../flows/index.js';
import type { StoreReader } from '../store/index.js';
import type { RenderedCard } from '../cards/index.js';

export function roleOf(actor: Actor, store: StoreReader, config: FlowConfig): ActorRole {
  const email = actor.email.trim().toLowerCase();
  const stored = store.roles().find((r) => r.email.toLowerCase() === email)?.role;
  if (config.adminEmails.includes(email) || stored === 'admin') return 'admin';
  if (config.helpdeskEmails.includes(email) || stored === 'helpdesk') return 'helpdesk';
  return 'none';
}

export interface RefusalInput {
  /** What was refused, for the audit line (a command name, "flow.step.action", "user.delete"). */
  what: string;
  /** i18n key of the text, also the audit line's code. */
  key?: string;
  params?: Record<string, string>;
  targetUserId?: string;
}

/** At most this many administrators are named in a 1:1 refusal ("… and 3 more"). */
export const ADMINS_NAMED = 5;

/**
 * Who to ask for access. In a group space everyone reads the card, so it names nobody:
 * "ask an administrator of this desk". In a 1:1 it names up to five administrators.
 */
export function whoToAsk(ctx: FlowContext): string {
  const admins = allAdmins(ctx.store, ctx.config);
  if (admins.length === 0) return tr(ctx, 'refused.ask-nobody');
  if (ctx.roomType !== 'direct') return tr(ctx, 'refused.ask-here');
  const named = admins.slice(0, ADMINS_NAMED).join(', ');
  const list = admins.length > ADMINS_NAMED ? tr(ctx, 'refused.and-more', { admins: named, count: admins.length - ADMINS_NAMED }) : named;
  return tr(ctx, 'refused.ask', { admins: list });
}

/** `help` (or a welcome) for a person without a role: what the desk is, that they need a role, and who to ask. */
export function noRoleCard(ctx: FlowContext): RenderedCard {
  return messageCard(ctx, { titleKey: 'norole.title', textKey: 'norole.text', lines: [tr(ctx, 'norole.need-role'), tr(ctx, 'norole.ask'), whoToAsk(ctx)] });
}

/** Refuse politely, say who to ask, and audit the attempt. */
export async function refuse(ctx: FlowContext, { what, key = 'R11.not-authorized', params = {}, targetUserId }: RefusalInput): Promise<void> {
  const target = targetUserId ? ctx.store.user(targetUserId) : undefined;
  await ctx.store.audit([authRefusedLine(ctx, { what, code: key, ...(target ? { target } : {}), details: { role: ctx.role } })]);
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'refused.title',
      textKey: key,
      params: { user: ctx.actor.displayName ?? ctx.actor.email, ...params },
      color: 'Attention',
      lines: [whoToAsk(ctx)],
    }),
  );
}
