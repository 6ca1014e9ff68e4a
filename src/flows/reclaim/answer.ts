// The question's answer. The person asked may hold no role on the desk, so the flow needs only
// R11's "ask" (anyone) and accepts a click only from that person, as Webex names the actor (email or person id; never card
// inputs), and only once: the question's version is the commit's expectedVersion. Anyone
// else's click is refused and audited. The answer goes to the space the administrator asked
// from, as a card with Keep and Remove; those buttons are an administrator's (flow "reclaim").
import type { ColoredLine } from '../../cards/index.js';
import type { User } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import { logger } from '../../logger.js';
import { authRefusedLine, auditBase } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { findingText, userName } from '../format.js';
import { messageCard } from '../messages.js';
import type { Submit } from '../submit.js';
import { keepLicense, removeLicense, type Target } from './act.js';
import { blockersOf, removalVerdict } from './candidates.js';
import { answerCard, answerOutcomeCard, thanksCard } from './cards.js';
import { ANSWERS, answered, askFromDraft, type Answer, type ReclaimAsk } from './state.js';

const isAnswer = (action: string): action is Answer => (ANSWERS as readonly string[]).includes(action);

/** Webex's actor is the person asked: their email, or their Webex person id (the desk's user id after a sync). */
const isPersonAsked = (ctx: FlowContext, user: User): boolean =>
  ctx.actor.email.trim().toLowerCase() === user.email.toLowerCase() || ctx.actor.personId === user.id;

/** The question's user and license, when both still exist. */
function targetOf(ctx: FlowContext, ask: ReclaimAsk): Target | undefined {
  const user = ctx.store.user(ask.userId);
  const license = ctx.store.license(ask.licenseId);
  return user && license ? { user, license } : undefined;
}

async function refuseAnswer(ctx: FlowContext, submit: Submit, input: { key: string; user?: User }): Promise<void> {
  await ctx.store.audit([authRefusedLine(ctx, { what: `${submit.flow}.${submit.step}.${submit.action.slice(0, 40)}`, code: input.key, ...(input.user ? { target: input.user } : {}), details: { role: ctx.role } })]);
  await ctx.reply.card(messageCard(ctx, { titleKey: 'refused.title', textKey: input.key, params: { user: input.user ? userName(input.user) : '' }, color: 'Attention', lines: [tr(ctx, 'common.nothing-changed')] }));
}

/** Flow "reclaim-ask": Keep it / I don't need it, from the person asked only, once. */
export async function onQuestionSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  const ask = askFromDraft(ctx.store.draft(submit.draftId), ctx.now());
  const target = ask && targetOf(ctx, ask);
  if (!ask || !target) {
    // Unknown, expired or crafted: someone without a role is refused (and audited); the desk's people are told it is closed.
    if (ctx.role === 'none') return refuseAnswer(ctx, submit, { key: 'reclaim.question-gone' });
    return void (await ctx.reply.card(messageCard(ctx, { titleKey: 'reclaim.title', textKey: 'reclaim.question-gone', color: 'Warning' })));
  }
  if (!isPersonAsked(ctx, target.user)) return refuseAnswer(ctx, submit, { key: 'reclaim.not-asked', user: target.user });
  if (!isAnswer(submit.action)) throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  // Answered already, closed by an administrator, or an older card: the first answer stands.
  if (ask.answer || ask.decided || submit.v !== ask.draft.version) {
    return void (await ctx.reply.card(ask.answer ? thanksCard(ctx, { answer: ask.answer, license: target.license, admin: ask.askedBy, again: true }) : messageCard(ctx, { titleKey: 'reclaim.title', textKey: 'reclaim.question-gone', color: 'Warning' })));
  }
  const next = answered(ask, submit.action, ctx.now());
  await ctx.store.commit({
    mutations: [{ type: 'draft.put', draft: next, expectedVersion: ask.draft.version }],
    audit: [{ ...auditBase(ctx, target.user), action: 'reclaim.answer', details: { licenseId: target.license.id, answer: submit.action, askedBy: ask.askedBy } }],
  });
  await ctx.reply.replace(submit.messageId, thanksCard(ctx, { answer: submit.action, license: target.license, admin: ask.askedBy }));
  await tellAdmin(ctx, { ...ask, draft: next, answer: submit.action }, target);
}

/** The answer card in the space the question was asked from, in the asking administrator's language. */
async function tellAdmin(ctx: FlowContext, ask: ReclaimAsk & { answer: Answer }, target: Target): Promise<void> {
  const admin = { locale: ctx.store.locale(ask.draft.ownerId) ?? ctx.config.botLocale };
  const blocked = blockersOf(ctx.store, removalVerdict(ctx.store, target.user, target.license.id), target.user, target.license.id).map((f) => findingText(admin, f));
  try {
    await ctx.outbox.sendCard(ask.roomId, answerCard(admin, { ask, ...target, blocked }));
  } catch (error) {
    // The answer is stored and audited; `reclaim` shows it on the row.
    logger.warn('could not bring a reclaim answer to the administrator', { eventId: ctx.eventId, room: ask.roomId, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Flow "reclaim", step "answer": an administrator's Keep or Remove on the answer card. */
export async function onAnswerSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  const ask = askFromDraft(ctx.store.draft(submit.draftId), ctx.now());
  const target = ask && targetOf(ctx, ask);
  if (!ask || !target) return void (await ctx.reply.card(messageCard(ctx, { titleKey: 'reclaim.title', textKey: 'reclaim.answer-gone', color: 'Warning' })));
  if (ask.decided) {
    const note: ColoredLine = { text: tr(ctx, `reclaim.decided.${ask.decided.what}`, { by: ask.decided.by }), color: 'Warning' };
    return void (await ctx.reply.replace(submit.messageId, answerOutcomeCard(ctx, [note])));
  }
  if (submit.v !== ask.draft.version || !ask.answer) return void (await ctx.reply.card(messageCard(ctx, { titleKey: 'reclaim.title', textKey: 'reclaim.answer-gone', color: 'Warning' })));
  if (submit.action !== 'keep' && submit.action !== 'remove') throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const notes = submit.action === 'keep' ? [await keepLicense(ctx, target)] : await removeLicense(ctx, target);
  // Refused by the rules: the answer card stays (Keep is still there), the reasons come below it.
  if (notes[0]?.color === 'Attention') return void (await ctx.reply.card(answerOutcomeCard(ctx, notes)));
  await ctx.reply.replace(submit.messageId, answerOutcomeCard(ctx, notes));
}
