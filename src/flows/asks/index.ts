// People's own asks (issue 16): the ask (ask.ts), the helpdesk queue (queue.ts), the person's
// answers (answer.ts); `queue` lists what waits, and an ask nobody took is posted again once.
import type { ChangeRequest } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import { ConflictError } from '../../store/index.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { messageCard } from '../messages.js';
import { requestRef } from '../requests/ref.js';
import type { CardFlow } from '../wizard/types.js';
import { answerQuestion } from './answer.js';
import { sendAsk } from './ask.js';
import { ASK_FLOW, QUEUE_FLOW, queueCard } from './cards.js';
import { sendQueueCards } from './notify.js';
import { onQueueSubmit } from './queue.js';
import { age, askedLicenses, queueView } from './views.js';

export { startAsk } from './ask.js';

const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_REMIND_HOURS = 8;
const QUEUE_SHOWN = 20;

export const askFlow: CardFlow = {
  name: ASK_FLOW,
  // Anyone in the org: ask.ts checks the person is a user of it, answer.ts that the ask is theirs.
  needs: 'ask',
  targetOf: (store, submit) => (submit.step === 'answer' && submit.draftId ? store.request(submit.draftId)?.targetUserId : undefined),
  handle(ctx, submit) {
    if (submit.step === 'form' && submit.action === 'send') return sendAsk(ctx, submit);
    if (submit.step === 'answer' && submit.action === 'answer') return answerQuestion(ctx, submit);
    throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  },
};

export const queueFlow: CardFlow = {
  name: QUEUE_FLOW,
  needs: 'request',
  targetOf: (store, submit) => (submit.draftId ? store.request(submit.draftId)?.targetUserId : undefined),
  handle: onQueueSubmit,
};

const waiting = (ctx: FlowContext): ChangeRequest[] =>
  ctx.store
    .requests({ status: 'asked' })
    .filter((r) => r.origin === 'self')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/** `queue`: the asks waiting for the helpdesk, oldest first, with their age; `queue R-12` shows one's card here. */
export async function showQueue(ctx: FlowContext, typed = ''): Promise<void> {
  const asks = waiting(ctx);
  const one = typed ? asks.find((r) => requestRef(r).toLowerCase() === typed.toLowerCase().replace(/^r-?/, 'r-')) : undefined;
  if (one) return void (await ctx.reply.card(queueCard(ctx, queueView(ctx, one))));
  const lines = asks.slice(0, QUEUE_SHOWN).map((r) =>
    tr(ctx, 'queue.line', { id: requestRef(r), age: age(ctx, r.createdAt), user: r.requesterEmail, license: askedLicenses(ctx, r), taken: r.helpdesk?.takenBy ? tr(ctx, 'queue.line-taken', { agent: r.helpdesk.takenBy.email }) : '' }),
  );
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'queue.title',
      textKey: asks.length === 0 ? 'queue.none' : 'queue.count',
      params: { count: asks.length, shown: lines.length },
      lines: [...lines, ...(asks.length > 0 ? [tr(ctx, 'queue.hint', { id: requestRef(asks[0]!) })] : [])],
    }),
  );
}

/**
 * An ask nobody took for HELPDESK_REMIND_HOURS is posted to the queue again, once: marked first
 * (against its version, which stays: the earlier copies' buttons still work), then sent.
 */
export async function remindUntouchedAsks(ctx: FlowContext): Promise<number> {
  const hours = ctx.config.helpdeskRemindHours ?? DEFAULT_REMIND_HOURS;
  const due = waiting(ctx).filter((r) => !r.helpdesk?.takenBy && !r.helpdesk?.remindedAt && Date.parse(r.createdAt) + hours * HOUR_MS <= ctx.now().getTime());
  let reminded = 0;
  for (const request of due) {
    const marked: ChangeRequest = { ...request, helpdesk: { questions: [], queueCards: [], ...request.helpdesk, remindedAt: ctx.now().toISOString() } };
    try {
      await ctx.store.commit({ mutations: [{ type: 'request.put', request: marked, expectedVersion: request.version }] });
    } catch (error) {
      if (error instanceof ConflictError) continue; // taken or answered meanwhile
      throw error;
    }
    await sendQueueCards(ctx, ctx.store.request(request.id) ?? marked);
    reminded += 1;
  }
  return reminded;
}
