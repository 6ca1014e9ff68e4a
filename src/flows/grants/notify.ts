// Who hears about a grant: the person who granted it and the approver, 1:1, each in their own
// language. Reminder copies are kept on the grant so a decision can update every one. A
// message that cannot be sent is logged; the stored grant and the audit stay the truth.
import type { RenderedCard } from '../../cards/index.js';
import type { Grant, User } from '../../domain/index.js';
import { logger } from '../../logger.js';
import { ConflictError } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import { allAdmins } from '../roles.js';

type Copy = NonNullable<Grant['reminderCards']>[number];
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The granter and the approver (once each), with the language each reads. */
export function peopleOf(ctx: FlowContext, grant: Grant): { email: string; ctx: FlowContext; canApply: boolean }[] {
  const admins = allAdmins(ctx.store, ctx.config);
  const people = [grant.grantedBy, ...(grant.approvedBy ? [grant.approvedBy] : [])].filter((p, i, all) => all.findIndex((q) => q.email === p.email) === i);
  return people.map((p) => ({
    email: p.email,
    ctx: { ...ctx, locale: ctx.store.locale(p.personId) ?? ctx.config.botLocale },
    canApply: admins.includes(p.email.trim().toLowerCase()),
  }));
}

/** Send each person their card; returns the copies that went out. */
export async function sendToPeople(ctx: FlowContext, grant: Grant, cardFor: (ctx: FlowContext, canApply: boolean) => RenderedCard): Promise<Copy[]> {
  const copies: Copy[] = [];
  for (const person of peopleOf(ctx, grant)) {
    try {
      const sent = await ctx.outbox.sendCardToPerson(person.email, cardFor(person.ctx, person.canApply));
      copies.push({ messageId: sent.messageId, email: person.email, ...(sent.roomId ? { roomId: sent.roomId } : {}) });
    } catch (error) {
      logger.warn('could not send a grant card; `grants` lists it', { eventId: ctx.eventId, grantId: grant.id, email: person.email, error: message(error) });
    }
  }
  return copies;
}

/** Keep where the reminder went (same version: its buttons stay current). A grant decided meanwhile keeps what it has. */
export async function rememberCopies(ctx: FlowContext, grantId: string, copies: Copy[]): Promise<void> {
  const grant = ctx.store.grant(grantId);
  if (!grant || copies.length === 0) return;
  try {
    await ctx.store.commit({ mutations: [{ type: 'grant.put', grant: { ...grant, reminderCards: [...(grant.reminderCards ?? []), ...copies] }, expectedVersion: grant.version }] });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

/** Every copy of the reminder but the clicked one becomes `cardFor` (edited in place where the transport can, else sent anew). */
export async function updateCopies(ctx: FlowContext, grant: Grant, clickedMessageId: string, cardFor: (ctx: FlowContext) => RenderedCard): Promise<void> {
  const people = new Map(peopleOf(ctx, grant).map((p) => [p.email, p.ctx]));
  for (const copy of grant.reminderCards ?? []) {
    if (copy.messageId === clickedMessageId) continue;
    const card = cardFor(people.get(copy.email ?? '') ?? ctx);
    try {
      if (ctx.outbox.replaceCard && copy.roomId) await ctx.outbox.replaceCard(copy.roomId, copy.messageId, card);
      else {
        await ctx.outbox.deleteMessage(copy.messageId);
        if (copy.email) await ctx.outbox.sendCardToPerson(copy.email, card);
      }
    } catch (error) {
      logger.warn('could not update a copy of a grant reminder', { eventId: ctx.eventId, grantId: grant.id, messageId: copy.messageId, error: message(error) });
    }
  }
}

export const grantUser = (ctx: FlowContext, grant: Grant): User | undefined => ctx.store.user(grant.userId);
