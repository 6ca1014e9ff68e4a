// The helpdesk queue (flow "helpdesk"): Take, Ask for more info (a question the person gets
// 1:1), Forward to an administrator (files the approval request with the agent's note) and
// Decline (with a reason). Helpdesk agents and admins only (R11 "request"); once taken, only
// the agent who took it (or an admin) acts on it. Each step is committed against the ask's
// version (two agents at once: one wins, the other's card shows who), audited, every queue
// copy updated, and the person told.
import type { ChangeRequest } from '../../domain/index.js';
import { can } from '../../rules/index.js';
import { ConflictError } from '../../store/index.js';
import { authRefusedLine } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { requestRef } from '../requests/ref.js';
import { sendApprovalCards } from '../requests/notify.js';
import { DEFAULT_EXPIRY_DAYS } from '../requests/file.js';
import { textInput, type Submit } from '../submit.js';
import { sendCopy } from '../card-copies.js';
import { MESSAGE_INPUT, noticeCard, questionCard, queueCard } from './cards.js';
import { tellAsker, updateQueueCopies } from './notify.js';
import { askedLicenses, queueView } from './views.js';

const DAY_MS = 24 * 60 * 60 * 1000;
type QueueAction = 'take' | 'question' | 'forward' | 'decline';
const ACTIONS: readonly string[] = ['take', 'question', 'forward', 'decline'];

const me = (ctx: FlowContext) => ({ personId: ctx.actor.personId, email: ctx.actor.email });

const line = (ctx: FlowContext, request: ChangeRequest, action: `request.${QueueAction}`, details: Record<string, unknown> = {}) => ({
  action,
  actorId: ctx.actor.personId,
  actorEmail: ctx.actor.email,
  targetUserId: request.targetUserId,
  targetEmail: request.requesterEmail,
  requestId: request.id,
  eventId: ctx.eventId,
  details: { requesterEmail: request.requesterEmail, ...details },
});

/** The ask after this step, and what the audit line says. Throws InputError when a text is missing. */
function next(ctx: FlowContext, request: ChangeRequest, action: QueueAction, text: string): ChangeRequest {
  const helpdesk = { questions: [], queueCards: [], ...request.helpdesk };
  const now = ctx.now();
  const days = ctx.config.requestExpiryDays ?? DEFAULT_EXPIRY_DAYS;
  // Someone works on it: it does not expire under their hands (each step gives it its days again).
  const base = { ...request, expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(), version: request.version + 1 };
  switch (action) {
    case 'take':
      return { ...base, helpdesk: { ...helpdesk, takenBy: me(ctx), takenAt: now.toISOString() } };
    case 'question':
      if (!text) throw new InputError('queue.question-missing');
      return { ...base, helpdesk: { ...helpdesk, takenBy: helpdesk.takenBy ?? me(ctx), questions: [...helpdesk.questions, { by: ctx.actor.email, text, at: now.toISOString() }] } };
    case 'forward': {
      // An approval request now, against the person as they are now (the administrators get their own days to decide).
      const baseRev = ctx.store.user(request.targetUserId)?.rev ?? request.baseRev;
      return { ...base, status: 'open', baseRev, helpdesk: { ...helpdesk, forwardedBy: me(ctx), ...(text ? { note: text } : {}) } };
    }
    case 'decline':
      if (!text) throw new InputError('queue.decline-missing');
      return { ...base, status: 'rejected', decidedBy: ctx.actor.email, decidedAt: now.toISOString(), comment: text };
  }
}

async function showAsItIs(ctx: FlowContext, request: ChangeRequest): Promise<void> {
  await ctx.reply.card(queueCard(ctx, queueView(ctx, request)));
}

export async function onQueueSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  if (!ACTIONS.includes(submit.action)) throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const action = submit.action as QueueAction;
  const request = submit.draftId ? ctx.store.request(submit.draftId) : undefined;
  if (!request || request.origin !== 'self') throw new InputError('request.unknown', { id: submit.draftId.slice(0, 80) });
  // Handled meanwhile, or an older card (a double click, another agent was first): how it stands now.
  if (request.status !== 'asked' || submit.v !== request.version) return showAsItIs(ctx, request);
  const takenBy = request.helpdesk?.takenBy;
  if (takenBy && takenBy.personId !== ctx.actor.personId && !can(ctx.role, 'apply')) {
    await ctx.store.audit([authRefusedLine(ctx, { what: `helpdesk.${action}`, code: 'queue.taken-by-other', details: { role: ctx.role, requestId: request.id, takenBy: takenBy.email } })]);
    return void (await ctx.reply.card(noticeCard(ctx, 'queue.taken-by-other', { agent: takenBy.email, id: requestRef(request) }, 'Warning')));
  }
  const text = textInput(submit, MESSAGE_INPUT, 500);
  const after = next(ctx, request, action, text);
  const details = action === 'question' ? { question: text } : action === 'forward' ? { note: text } : action === 'decline' ? { reason: text } : {};
  try {
    await ctx.store.commit({ mutations: [{ type: 'request.put', request: after, expectedVersion: request.version }], audit: [line(ctx, request, `request.${action}`, details)] });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return showAsItIs(ctx, ctx.store.request(request.id) ?? request);
  }
  const stored = ctx.store.request(request.id) ?? after;
  const replaced = await ctx.reply.replace(submit.messageId, queueCard(ctx, queueView(ctx, stored)));
  await updateQueueCopies(ctx, stored, { before: submit.messageId, after: replaced.messageId });
  await tellPerson(ctx, stored, action, text);
}

async function tellPerson(ctx: FlowContext, request: ChangeRequest, action: QueueAction, text: string): Promise<void> {
  const params = { id: requestRef(request), license: askedLicenses(ctx, request), agent: ctx.actor.email, text };
  if (action === 'question') {
    const locale = ctx.store.locale(request.requesterId) ?? ctx.config.botLocale;
    await sendCopy(ctx, { email: request.requesterEmail }, questionCard({ locale }, request, { ...params, question: text }), 'the helpdesk\'s question to the person who asked');
    return;
  }
  if (action === 'forward') await sendApprovalCards(ctx, request);
  await tellAsker(ctx, request, `ask.told.${action}`, params, action === 'decline' ? [text] : []);
}
