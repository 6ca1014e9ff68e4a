// `history <email>`: the audit trail's lines about one user, newest first, 10 a page, with
// Next / Previous. The page lives in a draft of the person who asked (flow "history"), so
// only they can turn its pages; anyone else's click is refused and audited.
import { lineOps } from './audit-lines.js';
import type { AuditEntry, User } from '../domain/index.js';
import type { CardAction, Line, RenderedCard, TextColor } from '../cards/index.js';
import { renderCard } from '../cards/index.js';
import { z } from 'zod';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { advance, loadDraft, newDraft, putDraft } from './drafts.js';
import { InputError } from './errors.js';
import { findOne } from './wizard/find-user.js';
import { replyUserNotFound } from './nearest-users.js';
import type { CardFlow } from './wizard/types.js';
import { userName } from './format.js';
import { licenseLabel } from './org-view.js';
import { messageCard } from './messages.js';
import { findingSentences } from './history-findings.js';
import { auditRequestRef } from './requests/ref.js';
import { actionOf, type Submit } from './submit.js';
import type { Draft } from '../domain/index.js';
import { can } from '../rules/index.js';
import { undoable } from './undo.js';
import { startUndoCommand } from './undo-command.js';
import { grantHistoryLines } from './grants/history-lines.js';
import { reclaimHistoryLines } from './reclaim/history-lines.js';

export const HISTORY_FLOW = 'history';
const UNDO_INPUT = 'undo.seq';
export const HISTORY_PAGE_SIZE = 10;

const StateSchema = z.object({ page: z.number().int().nonnegative().default(0) });

const COLORS: Partial<Record<AuditEntry['action'], TextColor>> = {
  'license.change': 'Good',
  'license.reassign': 'Good',
  'license.refused': 'Attention',
  'auth.refused': 'Attention',
  'request.submit': 'Accent',
  'request.approve': 'Good',
  'request.reject': 'Warning',
  'request.fail': 'Attention',
  'request.expire': 'Warning',
  'user.delete': 'Attention',
  'webex.outside': 'Accent',
  'webex.revert': 'Warning',
  'grant.remind': 'Accent',
  'request.ask': 'Accent',
  'request.forward': 'Accent',
  'request.decline': 'Warning',
  'grant.extend': 'Good',
  'grant.keep': 'Good',
  'reclaim.keep': 'Good',
  'reclaim.ask': 'Accent',
  'reclaim.answer': 'Accent',
};

const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const nameOf = (ctx: FlowContext, id: string): string => licenseLabel(ctx.store, id);

/** Licenses added / removed by the line (by name), and everything added / removed including attendee accounts. */
function diffOf(ctx: FlowContext, entry: AuditEntry) {
  const ops = lineOps(entry);
  const attendee = (siteUrl: string) => tr(ctx, 'overview.attendee-on', { siteUrl });
  const licenses = { added: ops.add.map((id) => nameOf(ctx, id)), removed: ops.remove.map((id) => nameOf(ctx, id)) };
  return { added: [...licenses.added, ...ops.addSites.map(attendee)], removed: [...licenses.removed, ...ops.removeSites.map(attendee)], licenses };
}

/** Each change's Webex status, by the seq of the audit line that recorded it. */
function webexStatusBySeq(ctx: FlowContext, user: User): Map<number, string> {
  return new Map(ctx.store.orgChanges({ userId: user.id }).flatMap((c) => (c.auditSeq ? [[c.auditSeq, c.status] as const] : [])));
}

function entryOf(ctx: FlowContext, entry: AuditEntry, user: User, webexStatus: ReadonlyMap<number, string>): { heading: string; color: TextColor; lines: Line[] } {
  const diff = diffOf(ctx, entry);
  const lines: Line[] = [
    { text: tr(ctx, 'history.by', { actor: entry.actorEmail }) },
    ...diff.added.map((text) => ({ text: `+ ${text}` })),
    ...diff.removed.map((text) => ({ text: `− ${text}` })),
  ];
  const reason = entry.details?.reason ?? entry.details?.comment ?? entry.details?.question ?? entry.details?.answer ?? entry.details?.note;
  if (typeof reason === 'string' && reason) lines.push({ text: tr(ctx, 'history.note', { text: reason.slice(0, 200) }) });
  for (const text of reclaimHistoryLines(ctx, entry, (id) => nameOf(ctx, id))) lines.push({ text });
  for (const text of findingSentences(ctx, entry, { user: userName(user), ...diff.licenses })) lines.push({ text });
  if (typeof entry.details?.undoOf === 'number') lines.push({ text: tr(ctx, 'history.undo-of', { seq: entry.details.undoOf }) });
  for (const text of grantHistoryLines(ctx, entry)) lines.push({ text });
  const request = auditRequestRef(ctx.store, entry);
  if (request) lines.push({ text: tr(ctx, 'history.request', { id: request }) });
  const sent = webexStatus.get(entry.seq);
  if (sent) lines.push({ text: tr(ctx, `history.webex.${sent}`) });
  return { heading: `${when(entry.time)} · #${entry.seq} · ${tr(ctx, `history.action.${entry.action}`)}`, color: COLORS[entry.action] ?? 'Default', lines };
}

export async function historyCard(ctx: FlowContext, draft: Draft, user: User): Promise<RenderedCard> {
  const { page } = StateSchema.parse(draft.state);
  const { entries, total } = await ctx.store.history(user.id, { offset: page * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE });
  const from = total === 0 ? 0 : page * HISTORY_PAGE_SIZE + 1;
  const to = page * HISTORY_PAGE_SIZE + entries.length;
  const webexStatus = webexStatusBySeq(ctx, user);
  const actions: CardAction[] = [];
  if (page > 0) actions.push(actionOf(draft, tr(ctx, 'action.previous'), 'prev'));
  if (to < total) actions.push(actionOf(draft, tr(ctx, 'action.next'), 'next', 'positive'));
  // Undo: one compact choice of this page's changes and one button (Webex shows at most 5 actions).
  const undoChoices = can(ctx.role, 'request') ? entries.filter((e) => undoable(ctx, e)).map((e) => ({ title: `#${e.seq} · ${when(e.time)} · ${tr(ctx, `history.action.${e.action}`)}`, value: String(e.seq) })) : [];
  if (undoChoices.length > 0) actions.push(actionOf(draft, tr(ctx, 'action.undo'), 'undo'));
  const title = tr(ctx, 'history.title', { user: userName(user), email: user.email });
  return renderCard('history', {
    fallbackText: title,
    title,
    subtitle: total === 0 ? tr(ctx, 'history.empty') : tr(ctx, 'history.count', { from, to, total }),
    entries: entries.map((e) => entryOf(ctx, e, user, webexStatus)),
    undo: undoChoices.length > 0 ? [{ id: UNDO_INPUT, label: tr(ctx, 'history.undo-label'), placeholder: tr(ctx, 'history.undo-placeholder'), choices: undoChoices }] : [],
    footer: tr(ctx, 'history.footer'),
    actions,
  });
}

export async function showHistory(ctx: FlowContext, query: string): Promise<void> {
  const user = query ? findOne(ctx, query) : undefined;
  if (!user) {
    if (query) return replyUserNotFound(ctx, { command: 'history', query, titleKey: 'history.heading' });
    await ctx.reply.card(messageCard(ctx, { titleKey: 'history.heading', textKey: 'history.usage', params: { query }, color: 'Warning' }));
    return;
  }
  const draft = newDraft(ctx, { flow: HISTORY_FLOW, step: 'page', targetUserId: user.id, state: { page: 0 } });
  const card = await historyCard(ctx, draft, user);
  await putDraft(ctx, draft);
  await ctx.reply.card(card);
}

async function onHistorySubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  const draft = loadDraft(ctx, HISTORY_FLOW, submit.draftId);
  const user = draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined;
  if (!user) throw new InputError('error.user-gone');
  const { page } = StateSchema.parse(draft.state);
  // An older card of this history (a double click): show the current page again.
  if (submit.v !== draft.version) {
    await ctx.reply.card(await historyCard(ctx, draft, user));
    return;
  }
  if (submit.action === 'undo') {
    // Only a change this user's history offers: startUndo checks the line again (kind, age, user).
    const seq = submit.inputs.get(UNDO_INPUT) ?? '';
    const entry = /^\d{1,9}$/.test(seq) ? await ctx.store.auditEntry(Number(seq)) : undefined;
    if (!entry || entry.targetUserId !== user.id) throw new InputError('history.undo-choose');
    return startUndoCommand(ctx, seq);
  }
  if (submit.action !== 'next' && submit.action !== 'prev') throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  const next = advance(draft, { state: { page: submit.action === 'next' ? page + 1 : Math.max(0, page - 1) } });
  const card = await historyCard(ctx, next, user);
  await putDraft(ctx, next);
  await ctx.reply.replace(submit.messageId, card);
}

/** History cards page through a draft of the person who asked; looking is "view" (R11). */
export const historyFlow: CardFlow = {
  name: HISTORY_FLOW,
  needs: 'view',
  targetOf: (store, submit) => (submit.draftId ? store.draft(submit.draftId)?.targetUserId : undefined),
  handle: onHistorySubmit,
};
