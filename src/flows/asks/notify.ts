// Where an ask goes: the queue card to HELPDESK_ROOM_ID, or 1:1 to each helpdesk agent (to the
// administrators when there is no agent), and what the person is told at each step, 1:1, in
// their language. Copies are kept on the request so each step can update every one.
import type { ChangeRequest } from '../../domain/index.js';
import type { Params } from '../../i18n/index.js';
import { ConflictError } from '../../store/index.js';
import { sendCopy, replaceCopies, type CardCopy } from '../card-copies.js';
import type { FlowContext } from '../context.js';
import { allAdmins, roleHolders } from '../roles.js';
import { noticeCard, queueCard } from './cards.js';
import { queueView } from './views.js';

/** A copy's reader: an agent 1:1 in the language they chose, a space in the bot's. */
const readerOf = (ctx: FlowContext, email: string | undefined): FlowContext => ({ ...ctx, locale: (email ? ctx.store.localeOfEmail(email) : undefined) ?? ctx.config.botLocale });
const cardFor = (ctx: FlowContext, request: ChangeRequest, email: string | undefined) => {
  const reader = readerOf(ctx, email);
  return queueCard(reader, queueView(reader, request));
};

/** A copy as the request keeps it. */
const stored = (c: CardCopy) => ({ messageId: c.messageId, ...(c.roomId ? { roomId: c.roomId } : {}), ...(c.email ? { email: c.email } : {}) });

function queueTargets(ctx: FlowContext): ({ room: string } | { email: string })[] {
  const room = ctx.config.helpdeskRoomId;
  if (room) return [{ room }];
  const agents = roleHolders(ctx.store, ctx.config).filter((holder) => holder.role === 'helpdesk').map((holder) => holder.email);
  return (agents.length > 0 ? agents : allAdmins(ctx.store, ctx.config)).map((email) => ({ email }));
}

/** Post the queue card (a new ask, or a reminder of an untouched one) and remember where it went. */
export async function sendQueueCards(ctx: FlowContext, request: ChangeRequest, change: Partial<NonNullable<ChangeRequest['helpdesk']>> = {}): Promise<number> {
  const copies: CardCopy[] = [];
  for (const target of queueTargets(ctx)) {
    const copy = await sendCopy(ctx, target, cardFor(ctx, request, 'email' in target ? target.email : undefined), 'a helpdesk queue card; `queue` lists the ask');
    if (copy) copies.push(copy);
  }
  const current = ctx.store.request(request.id);
  if (!current || current.status !== 'asked') return copies.length;
  const helpdesk = { questions: [], queueCards: [], ...current.helpdesk, ...change };
  const queueCards = [...helpdesk.queueCards, ...copies.map(stored)];
  try {
    await ctx.store.commit({ mutations: [{ type: 'request.put', request: { ...current, helpdesk: { ...helpdesk, queueCards } }, expectedVersion: current.version }] });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // handled meanwhile: its copies were not updated, their buttons are stale
  }
  return copies.length;
}

/**
 * Every queue copy but the clicked one shows the ask as it is now; the copies' message ids as
 * they are after it are kept (a card Webex would not edit was sent anew).
 */
export async function updateQueueCopies(ctx: FlowContext, request: ChangeRequest, clicked?: { before: string; after: string }): Promise<void> {
  const copies = await replaceCopies(ctx, request.helpdesk?.queueCards ?? [], clicked, (copy) => cardFor(ctx, request, copy.email), 'a helpdesk queue card');
  const current = ctx.store.request(request.id);
  const before = JSON.stringify(current?.helpdesk?.queueCards ?? []);
  if (!current?.helpdesk || before === JSON.stringify(copies)) return;
  try {
    await ctx.store.commit({ mutations: [{ type: 'request.put', request: { ...current, helpdesk: { ...current.helpdesk, queueCards: copies.map(stored) } }, expectedVersion: current.version }] });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // moved on meanwhile: its own update keeps the copies
  }
}


/** Tell the person who asked, 1:1, in their language. */
export async function tellAsker(ctx: FlowContext, request: ChangeRequest, key: string, params: Params, lines: string[] = []): Promise<void> {
  const locale = ctx.store.locale(request.requesterId) ?? ctx.config.botLocale;
  await sendCopy(ctx, { email: request.requesterEmail }, noticeCard({ locale }, key, params, 'Default', lines), 'a message to the person who asked');
}
