// Who acts, and the polite refusal when their role may not (R11). The role comes from the
// actor Webex gives (never from card inputs): the config's ADMIN_EMAILS/HELPDESK_EMAILS and
// the store's roles. What a role may do is the rules module's `can`.
import type { Actor, ActorRole } from '../domain/index.js';
import type { FlowConfig, FlowContext } from '../flows/index.js';
import { allAdmins, authRefusedLine, messageCard, tr } from '../flows/index.js';
import type { StoreReader } from '../store/index.js';

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

/** Refuse politely, say who to ask, and audit the attempt. */
export async function refuse(ctx: FlowContext, { what, key = 'R11.not-authorized', params = {}, targetUserId }: RefusalInput): Promise<void> {
  const target = targetUserId ? ctx.store.user(targetUserId) : undefined;
  await ctx.store.audit([authRefusedLine(ctx, { what, code: key, ...(target ? { target } : {}), details: { role: ctx.role } })]);
  const admins = allAdmins(ctx.store, ctx.config); // who to ask for access
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'refused.title',
      textKey: key,
      params: { user: ctx.actor.displayName ?? ctx.actor.email, ...params },
      color: 'Attention',
      lines: [tr(ctx, admins.length > 0 ? 'refused.ask' : 'refused.ask-nobody', { admins: admins.join(', ') })],
    }),
  );
}
