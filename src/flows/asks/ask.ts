// A person asks the desk for a license for themselves (`request`, `aanvragen`, "I need …",
// "ik heb … nodig"): the form offers what the rules allow them (the rest with the reason), a
// required reason, Send. At most MAX_OPEN undecided asks per person; the same ask twice is one.
// The ask is stored as a request with origin "self" and status "asked": the helpdesk handles it.
import type { ChangeRequest, User } from '../../domain/index.js';
import type { Verdict } from '../../rules/index.js';
import { ConflictError } from '../../store/index.js';
import { tr } from '../../i18n/index.js';
import { auditBase, authRefusedLine, licensesBefore, verdictCodes } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { findingText } from '../format.js';
import { licenseLabel } from '../org-view.js';
import { lookUpLicense } from '../external/license-names.js';
import { requestRef } from '../requests/ref.js';
import { DEFAULT_EXPIRY_DAYS } from '../requests/file.js';
import { choiceInput, textInput, type Submit } from '../submit.js';
import { askFormCard, LICENSE_INPUT, noticeCard, REASON_INPUT } from './cards.js';
import { sendQueueCards } from './notify.js';
import { addOnly, askOffer } from './offer.js';
import { askFormView } from './views.js';

export const MAX_OPEN = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The person asking, as the org knows them: an internal, active user of the org (a stranger messaging the bot is not). */
export function askerOf(ctx: FlowContext): User | undefined {
  const user = ctx.store.userByEmail(ctx.actor.email);
  return user && user.type === 'internal' && user.status === 'active' ? user : undefined;
}

/** The person's undecided asks: with the helpdesk (asked) or with the administrators (open). */
export const openAsksOf = (ctx: FlowContext): ChangeRequest[] =>
  [...ctx.store.requests({ status: 'asked' }), ...ctx.store.requests({ status: 'open' })].filter((r) => r.origin === 'self' && r.requesterId === ctx.actor.personId);

async function refuseStranger(ctx: FlowContext, what: string): Promise<void> {
  await ctx.store.audit([authRefusedLine(ctx, { what, code: 'ask.not-in-org' })]);
  await ctx.reply.card(noticeCard(ctx, 'ask.not-in-org', {}, 'Attention'));
}

/** A typed license: the one it names (offered or not), or the offered ones it could mean. */
function fromText(ctx: FlowContext, text: string, offeredIds: readonly string[]): { chosen?: string; only?: string[]; line?: string } {
  if (!text) return {};
  const found = lookUpLicense(ctx.store.licenses(), text);
  if (found.kind === 'found') return { chosen: found.license.id };
  const only = found.candidates.map((l) => l.id).filter((id) => offeredIds.includes(id));
  return { ...(found.kind === 'ambiguous' && only.length > 0 ? { only } : {}), line: tr(ctx, found.kind === 'ambiguous' ? 'ask.several' : 'ask.unknown-license', { text: text.slice(0, 80) }) };
}

export async function startAsk(ctx: FlowContext, text = ''): Promise<void> {
  const person = askerOf(ctx);
  if (!person) return refuseStranger(ctx, 'ask');
  const open = openAsksOf(ctx);
  if (open.length >= MAX_OPEN) return void (await ctx.reply.card(noticeCard(ctx, 'ask.too-many', { max: MAX_OPEN, ids: open.map(requestRef).join(', ') }, 'Warning')));
  const offer = askOffer(ctx.store, person);
  if (offer.blocked.length > 0) return void (await ctx.reply.card(noticeCard(ctx, 'ask.blocked', {}, 'Attention', offer.blocked.map((f) => findingText(ctx, f)))));
  const typed = fromText(ctx, text.trim(), offer.offered.map((item) => item.license.id));
  if (typed.chosen) {
    const label = licenseLabel(ctx.store, typed.chosen);
    if (person.licenseIds.includes(typed.chosen)) return void (await ctx.reply.card(noticeCard(ctx, 'ask.has-it', { license: label }, 'Good')));
    const refused = offer.unavailable.find((item) => item.license.id === typed.chosen);
    if (refused) {
      // Refused at the ask, with the rules' reason, as an admin's change would be.
      await ctx.store.audit([{ ...auditBase(ctx, person), action: 'license.refused', before: licensesBefore(person), change: addOnly(typed.chosen), ...verdictCodes(refused.verdict), details: { flow: 'ask' } }]);
      return void (await ctx.reply.card(noticeCard(ctx, 'ask.refused', { license: label }, 'Attention', refused.verdict.violations.map((v) => findingText(ctx, v)))));
    }
  }
  const view = askFormView(ctx, person, offer, { ...(typed.chosen ? { chosen: typed.chosen } : {}), ...(typed.only ? { only: typed.only } : {}), open: open.length });
  const card = askFormCard(ctx, typed.line ? { ...view, alsoLines: [typed.line, ...view.alsoLines] } : view);
  if (ctx.roomType === 'direct') return void (await ctx.reply.card(card));
  // In a group space everyone reads along: the form (with the person's licenses) goes 1:1.
  await ctx.outbox.sendCardToPerson(ctx.actor.email, card);
  await ctx.reply.card(noticeCard(ctx, 'ask.sent-direct', {}, 'Default'));
}

/** Send on the form: checked again against the store as it is now. */
export async function sendAsk(ctx: FlowContext, submit: Submit): Promise<void> {
  const person = askerOf(ctx);
  if (!person) return refuseStranger(ctx, 'ask.send');
  const offer = askOffer(ctx.store, person);
  const licenseId = choiceInput(submit, LICENSE_INPUT, offer.offered.map((item) => item.license.id));
  const reason = textInput(submit, REASON_INPUT, 500);
  if (!reason) throw new InputError('ask.reason-missing');
  const open = openAsksOf(ctx);
  const same = open.find((r) => r.change.addLicenseIds.includes(licenseId));
  if (same) return void (await ctx.reply.card(noticeCard(ctx, 'ask.already', { id: requestRef(same), license: licenseLabel(ctx.store, licenseId) }, 'Warning')));
  if (open.length >= MAX_OPEN) return void (await ctx.reply.card(noticeCard(ctx, 'ask.too-many', { max: MAX_OPEN, ids: open.map(requestRef).join(', ') }, 'Warning')));
  const verdict = offer.offered.find((item) => item.license.id === licenseId)!.verdict;
  const now = ctx.now();
  const request: ChangeRequest = {
    id: ctx.newId(),
    requesterId: ctx.actor.personId,
    requesterEmail: ctx.actor.email,
    origin: 'self',
    helpdesk: { questions: [], queueCards: [] },
    roomId: ctx.roomId,
    targetUserId: person.id,
    baseRev: person.rev,
    change: addOnly(licenseId),
    reason,
    status: 'asked',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (ctx.config.requestExpiryDays ?? DEFAULT_EXPIRY_DAYS) * DAY_MS).toISOString(),
    version: 0,
  };
  try {
    await commitAsk(ctx, submit, request, person, verdict, reason);
  } catch (error) {
    // The same form sent twice at once (a double click): the first one filed it.
    if (!(error instanceof ConflictError)) throw error;
    return void (await ctx.reply.card(noticeCard(ctx, 'ask.already', { id: requestRef(openAsksOf(ctx).find((r) => r.change.addLicenseIds.includes(licenseId)) ?? request), license: licenseLabel(ctx.store, licenseId) }, 'Warning')));
  }
  const stored = ctx.store.request(request.id) ?? request;
  const also = verdict.autoChanges.map((change) => findingText(ctx, change));
  await ctx.reply.replace(submit.messageId, noticeCard(ctx, 'ask.sent', { id: requestRef(stored), license: licenseLabel(ctx.store, licenseId) }, 'Good', also));
  await sendQueueCards(ctx, stored);
}

/** The ask, its audit line, and the form's mark (a form files one ask: the second Send of a double click conflicts). */
async function commitAsk(ctx: FlowContext, submit: Submit, request: ChangeRequest, person: User, verdict: Verdict, reason: string): Promise<void> {
  await ctx.store.commit({
    mutations: [{ type: 'mark.put', key: `ask-form:${submit.messageId}`, value: request.id, expected: null }, { type: 'request.put', request }],
    audit: [{ ...auditBase(ctx, person), action: 'request.ask', requestId: request.id, before: licensesBefore(person), after: verdict.result, change: request.change, ...verdictCodes(verdict), details: { reason } }],
  });
}
