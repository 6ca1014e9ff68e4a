// The person answers the helpdesk's question (flow "ask", step "answer"): only the person who
// asked, while the ask is undecided (with the helpdesk or the administrators), the oldest open question first. The answer comes back on every
// queue card.
import type { ChangeRequest } from '../../domain/index.js';
import { ConflictError } from '../../store/index.js';
import { authRefusedLine } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { requestRef } from '../requests/ref.js';
import { textInput, type Submit } from '../submit.js';
import { ANSWER_INPUT, noticeCard } from './cards.js';
import { updateQueueCopies } from './notify.js';

export async function answerQuestion(ctx: FlowContext, submit: Submit): Promise<void> {
  const request = submit.draftId ? ctx.store.request(submit.draftId) : undefined;
  if (!request || request.origin !== 'self') throw new InputError('request.unknown', { id: submit.draftId.slice(0, 80) });
  if (request.requesterId !== ctx.actor.personId) {
    // Someone else's ask: a crafted submit. Refused and audited.
    await ctx.store.audit([authRefusedLine(ctx, { what: 'ask.answer', code: 'ask.not-yours', details: { requestId: request.id, requesterEmail: request.requesterEmail } })]);
    return void (await ctx.reply.card(noticeCard(ctx, 'ask.not-yours', { id: requestRef(request) }, 'Attention')));
  }
  const questions = request.helpdesk?.questions ?? [];
  const open = questions.findIndex((q) => q.answer === undefined);
  if ((request.status !== 'asked' && request.status !== 'open') || open < 0) return void (await ctx.reply.card(noticeCard(ctx, 'ask.no-question', { id: requestRef(request) }, 'Warning')));
  const answer = textInput(submit, ANSWER_INPUT, 500);
  if (!answer) throw new InputError('ask.answer-missing');
  const answered = questions.map((q, i) => (i === open ? { ...q, answer, answeredAt: ctx.now().toISOString() } : q));
  const next: ChangeRequest = { ...request, helpdesk: { queueCards: [], ...request.helpdesk, questions: answered }, version: request.version + 1 };
  try {
    await ctx.store.commit({
      mutations: [{ type: 'request.put', request: next, expectedVersion: request.version }],
      audit: [{ action: 'request.answer', actorId: ctx.actor.personId, actorEmail: ctx.actor.email, targetUserId: request.targetUserId, targetEmail: request.requesterEmail, requestId: request.id, eventId: ctx.eventId, details: { answer } }],
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return answerQuestion(ctx, { ...submit, draftId: request.id }); // the helpdesk acted meanwhile: look again
  }
  await ctx.reply.replace(submit.messageId, noticeCard(ctx, 'ask.answered', { id: requestRef(request) }, 'Good', [answer]));
  await updateQueueCopies(ctx, ctx.store.request(request.id) ?? next);
}
