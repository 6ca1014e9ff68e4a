// Who may use the bot (R11), from the actor Webex gives, never from card inputs.
// Admins and helpdesk agents come from the config and from the store's roles.
// What each role may do is the rules module's `permissions`; this file only finds the role.
import type { Actor, ActorRole } from '../domain/index.js';
import type { FlowConfig, FlowContext } from '../flows/index.js';
import { allAdmins, messageCard, tr } from '../flows/index.js';
import { permissions } from '../rules/index.js';
import type { StoreReader } from '../store/index.js';

export function roleOf(actor: Actor, store: StoreReader, config: FlowConfig): ActorRole {
  const email = actor.email.trim().toLowerCase();
  const stored = store.roles().find((r) => r.email.toLowerCase() === email)?.role;
  if (config.adminEmails.includes(email) || stored === 'admin') return 'admin';
  if (config.helpdeskEmails.includes(email) || stored === 'helpdesk') return 'helpdesk';
  return 'none';
}

/** What a command or card action needs: looking things up (admin, helpdesk) or an admin. */
export type Need = 'view' | 'admin';

export function allows(role: ActorRole, need: Need): boolean {
  if (need === 'admin') return role === 'admin';
  return permissions(role).view;
}

/** Refuse politely, say who to ask, and audit the attempt. */
export async function refuse(
  ctx: FlowContext,
  what: string,
  reasonKey = 'R11.not-authorized',
  params: Record<string, string> = {},
  targetUserId?: string,
): Promise<void> {
  const target = targetUserId ? ctx.store.user(targetUserId) : undefined;
  await ctx.store.audit([
    {
      action: 'auth.refused',
      actorId: ctx.actor.personId,
      actorEmail: ctx.actor.email,
      ...(target ? { targetUserId: target.id, targetEmail: target.email } : {}),
      eventId: ctx.eventId,
      codes: [reasonKey],
      details: { what, role: ctx.role },
    },
  ]);
  const admins = allAdmins(ctx.store, ctx.config); // who to ask for access
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'refused.title',
      textKey: reasonKey,
      params: { user: ctx.actor.displayName ?? ctx.actor.email, ...params },
      color: 'Attention',
      lines: [tr(ctx, admins.length > 0 ? 'refused.ask' : 'refused.ask-nobody', { admins: admins.join(', ') })],
    }),
  );
}
