// Who hears about a grant: the person who granted it and the approver, 1:1, each in their own
// language. Reminder copies are kept on the grant so a decision can update every one.
import type { RenderedCard } from '../../cards/index.js';
import type { Grant, User } from '../../domain/index.js';
import { ConflictError } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import { allAdmins } from '../roles.js';
import { replaceCopies, sendCopy } from '../card-copies.js';

type Copy = NonNullable<Grant['reminderCards']>[number];

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
    const copy = await sendCopy(ctx, { email: person.email }, cardFor(person.ctx, person.canApply), 'a grant card; `grants` lists it');
    if (copy) copies.push({ messageId: copy.messageId, ...(copy.email ? { email: copy.email } : {}), ...(copy.roomId ? { roomId: copy.roomId } : {}) });
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

/** Every copy of the reminder (`copies`: the grant's before the decision) but the clicked one becomes `cardFor`, in its reader's language. */
export async function updateCopies(ctx: FlowContext, grant: Grant, copies: readonly Copy[], clickedMessageId: string, cardFor: (ctx: FlowContext) => RenderedCard): Promise<void> {
  const people = new Map(peopleOf(ctx, grant).map((p) => [p.email, p.ctx]));
  await replaceCopies(ctx, copies, { before: clickedMessageId, after: clickedMessageId }, (copy) => cardFor(people.get(copy.email ?? '') ?? ctx), 'a grant reminder');
}

export const grantUser = (ctx: FlowContext, grant: Grant): User | undefined => ctx.store.user(grant.userId);
