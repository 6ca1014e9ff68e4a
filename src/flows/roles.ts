// Roles (R11): `roles`, `role add admin|helpdesk <email>`, `role remove <email>`.
// Admins and helpdesk agents come from the config (ADMIN_EMAILS, HELPDESK_EMAILS) and from
// the store; only the store's can be changed here. The last admin cannot be removed.
// Role changes run one at a time per store, so the last-admin check and the commit are one
// step: two admins removing each other at once cannot both pass the check. (One process per
// data file, enforced by the store's lock; several replicas would need a store-side check.)
import { z } from 'zod';
import type { RoleName } from '../domain/index.js';
import { RoleNameSchema } from '../domain/index.js';
import type { StoreReader } from '../store/index.js';
import type { FlowConfig, FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { messageCard } from './messages.js';

const EmailSchema = z.string().trim().toLowerCase().pipe(z.email());

/** Every admin email, from the config and the store, sorted. */
export function allAdmins(store: StoreReader, config: FlowConfig): string[] {
  const stored = store.roles().filter((r) => r.role === 'admin').map((r) => r.email.toLowerCase());
  return [...new Set([...config.adminEmails, ...stored])].sort();
}

interface RoleHolder {
  email: string;
  role: RoleName;
  /** "config" or who added it. */
  source: 'config' | 'store';
  addedBy?: string;
  addedAt?: string;
}

/** Everyone with a role; a person in the config and the store shows once, as the config says. */
export function roleHolders(store: StoreReader, config: FlowConfig): RoleHolder[] {
  const holders = new Map<string, RoleHolder>();
  for (const email of config.adminEmails) holders.set(email, { email, role: 'admin', source: 'config' });
  for (const email of config.helpdeskEmails) if (!holders.has(email)) holders.set(email, { email, role: 'helpdesk', source: 'config' });
  for (const r of store.roles()) {
    const email = r.email.toLowerCase();
    const held = holders.get(email);
    if (held?.source === 'config' && (held.role === 'admin' || r.role !== 'admin')) continue;
    holders.set(email, { email, role: r.role, source: 'store', addedBy: r.addedBy, addedAt: r.addedAt });
  }
  return [...holders.values()].sort((a, b) => (a.role === b.role ? (a.email < b.email ? -1 : 1) : a.role === 'admin' ? -1 : 1));
}

/** The tail of each store's queue of role changes (always settled, never rejected). */
const roleChangeQueues = new WeakMap<object, Promise<void>>();

/** Run a role change after the ones before it on this store have finished (committed or refused). */
function oneRoleChangeAtATime(store: object, change: () => Promise<void>): Promise<void> {
  const previous = roleChangeQueues.get(store) ?? Promise.resolve();
  const run = previous.then(change);
  roleChangeQueues.set(store, run.catch(() => undefined));
  return run;
}

/** The actor was an admin when the event arrived; a change queued before theirs may have removed that. */
async function refuseUnlessStillAdmin(ctx: FlowContext, what: string, email: string): Promise<boolean> {
  if (allAdmins(ctx.store, ctx.config).includes(ctx.actor.email.trim().toLowerCase())) return false;
  await auditRefused(ctx, 'refused.admin-only', { what, email });
  await ctx.reply.card(
    messageCard(ctx, { titleKey: 'refused.title', textKey: 'refused.admin-only', params: { what, user: ctx.actor.displayName ?? ctx.actor.email }, color: 'Attention' }),
  );
  return true;
}

async function say(ctx: FlowContext, textKey: string, params: Record<string, string>, color: 'Good' | 'Warning' | 'Attention' = 'Warning'): Promise<void> {
  await ctx.reply.card(messageCard(ctx, { titleKey: 'roles.title', textKey, params, color }));
}

/** The person whose role it is, as the audit's target (their user id when they are a user of the org). */
function target(ctx: FlowContext, email: string): { targetEmail: string; targetUserId?: string } {
  const user = ctx.store.userByEmail(email);
  return user ? { targetEmail: email, targetUserId: user.id } : { targetEmail: email };
}

async function auditRefused(ctx: FlowContext, code: string, details: Record<string, unknown> & { email: string }): Promise<void> {
  await ctx.store.audit([
    { action: 'auth.refused', actorId: ctx.actor.personId, actorEmail: ctx.actor.email, ...target(ctx, details.email), eventId: ctx.eventId, codes: [code], details },
  ]);
}

export async function showRoles(ctx: FlowContext): Promise<void> {
  const holders = roleHolders(ctx.store, ctx.config);
  const facts = holders.map((h) => ({
    title: h.email,
    value:
      h.source === 'config'
        ? tr(ctx, 'roles.from-config', { role: tr(ctx, `roles.role.${h.role}`) })
        : tr(ctx, 'roles.from-store', { role: tr(ctx, `roles.role.${h.role}`), by: h.addedBy ?? '', date: (h.addedAt ?? '').slice(0, 10) }),
  }));
  await ctx.reply.card(
    messageCard(ctx, { titleKey: 'roles.title', textKey: holders.length > 0 ? 'roles.intro' : 'roles.none', facts, lines: [tr(ctx, 'roles.usage')] }),
  );
}

/** `role add admin|helpdesk <email>` */
export async function addRole(ctx: FlowContext, args: string[]): Promise<void> {
  const role = RoleNameSchema.safeParse((args[0] ?? '').toLowerCase());
  const email = EmailSchema.safeParse(args[1] ?? '');
  if (!role.success || !email.success || args.length !== 2) return say(ctx, 'roles.add-usage', {});
  const address = email.data;
  if (ctx.config.adminEmails.includes(address) || (role.data === 'helpdesk' && ctx.config.helpdeskEmails.includes(address))) {
    return say(ctx, 'roles.in-config', { email: address });
  }
  await oneRoleChangeAtATime(ctx.store, () => putRole(ctx, address, role.data));
}

async function putRole(ctx: FlowContext, address: string, newRole: RoleName): Promise<void> {
  if (await refuseUnlessStillAdmin(ctx, 'role add', address)) return;
  const previous = ctx.store.roles().find((r) => r.email.toLowerCase() === address);
  if (previous?.role === newRole) return say(ctx, 'roles.already', { email: address, role: tr(ctx, `roles.role.${newRole}`) });
  if (previous?.role === 'admin' && allAdmins(ctx.store, ctx.config).length <= 1) {
    await auditRefused(ctx, 'roles.last-admin', { what: 'role.add', email: address, role: newRole });
    return say(ctx, 'roles.last-admin', { email: address }, 'Attention');
  }
  await ctx.store.commit({
    mutations: [{ type: 'role.put', role: { email: address, role: newRole, addedBy: ctx.actor.email, addedAt: ctx.now().toISOString() } }],
    audit: [
      {
        action: 'role.add',
        actorId: ctx.actor.personId,
        actorEmail: ctx.actor.email,
        ...target(ctx, address),
        eventId: ctx.eventId,
        details: { email: address, role: newRole, previousRole: previous?.role ?? 'none' },
      },
    ],
  });
  await say(ctx, 'roles.added', { email: address, role: tr(ctx, `roles.role.${newRole}`) }, 'Good');
}

/** `role remove <email>` */
export async function removeRole(ctx: FlowContext, args: string[]): Promise<void> {
  const email = EmailSchema.safeParse(args[0] ?? '');
  if (!email.success || args.length !== 1) return say(ctx, 'roles.remove-usage', {});
  const address = email.data;
  if (ctx.config.adminEmails.includes(address) || ctx.config.helpdeskEmails.includes(address)) {
    await auditRefused(ctx, 'roles.in-config', { what: 'role.remove', email: address });
    return say(ctx, 'roles.remove-config', { email: address }, 'Attention');
  }
  await oneRoleChangeAtATime(ctx.store, () => deleteRole(ctx, address));
}

async function deleteRole(ctx: FlowContext, address: string): Promise<void> {
  if (await refuseUnlessStillAdmin(ctx, 'role remove', address)) return;
  const stored = ctx.store.roles().find((r) => r.email.toLowerCase() === address);
  if (!stored) return say(ctx, 'roles.no-role', { email: address });
  if (stored.role === 'admin' && allAdmins(ctx.store, ctx.config).length <= 1) {
    await auditRefused(ctx, 'roles.last-admin', { what: 'role.remove', email: address });
    return say(ctx, 'roles.last-admin', { email: address }, 'Attention');
  }
  await ctx.store.commit({
    mutations: [{ type: 'role.delete', email: stored.email }],
    audit: [
      {
        action: 'role.remove',
        actorId: ctx.actor.personId,
        actorEmail: ctx.actor.email,
        ...target(ctx, address),
        eventId: ctx.eventId,
        details: { email: address, role: stored.role },
      },
    ],
  });
  await say(ctx, 'roles.removed', { email: address, role: tr(ctx, `roles.role.${stored.role}`) }, 'Good');
}
