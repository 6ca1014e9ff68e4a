// Undo (issue 17): an applied change is reversed by a new change, never by editing the audit
// trail. The new change puts back this entry's own licenses and attendee accounts (added ones
// removed, removed ones added again, relative to the user as they are now) and goes through the
// edit wizard's review: the rules judge it against the org as it is now (units may be gone), an
// admin's Save applies it (audited as an undo of seq N, sent to Webex like any change, itself
// undoable), a helpdesk agent's files a request. Later changes to the user are shown first.
import type { AuditEntry, Draft, ProposedChange, User } from '../domain/index.js';
import { emptyChange, isEmptyChange } from '../domain/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { newDraft } from './drafts.js';
import { showStep } from './wizard/engine.js';
import { messageCard } from './messages.js';
import { lineOps } from './audit-lines.js';
import type { Wizard } from './wizard/types.js';
import type { UndoState } from './undo-state.js';
export { undoOf } from './undo-state.js';

/** Audit actions that applied a change to someone's licenses and can be undone (a sync's `webex.outside` cannot). */
const UNDOABLE = new Set<AuditEntry['action']>(['license.change', 'user.add', 'license.reassign']); // import rows are license.change lines
export const DEFAULT_UNDO_DAYS = 30;


/** The change that puts back what `entry` did, for the user as they are now (what is already back is left alone). */
export function undoChangeOf(entry: Pick<AuditEntry, 'before' | 'after' | 'change'>, user: Pick<User, 'licenseIds' | 'attendeeOf'>): ProposedChange {
  const did = lineOps(entry);
  return {
    ...emptyChange(),
    addLicenseIds: did.remove.filter((id) => !user.licenseIds.includes(id)),
    removeLicenseIds: did.add.filter((id) => user.licenseIds.includes(id)),
    addAttendeeSites: did.removeSites.filter((site) => !user.attendeeOf.includes(site)),
    removeAttendeeSites: did.addSites.filter((site) => user.attendeeOf.includes(site)),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const undoDays = (ctx: FlowContext): number => ctx.config.undoDays ?? DEFAULT_UNDO_DAYS;
/** An applied change to one user's licenses, with their after-state (a sync's line is not). */
const isChange = (entry: AuditEntry): entry is AuditEntry & { targetUserId: string } => UNDOABLE.has(entry.action) && entry.after !== undefined && entry.targetUserId !== undefined;
const withinWindow = (ctx: FlowContext, entry: AuditEntry): boolean => ctx.now().getTime() - Date.parse(entry.time) <= undoDays(ctx) * 24 * 3600 * 1000;

/** Whether the line is an applied change still within UNDO_DAYS (history offers these). */
export const undoable = (ctx: FlowContext, entry: AuditEntry): boolean => isChange(entry) && withinWindow(ctx, entry);

/** Why an entry cannot be undone now (an i18n key and its params), or the entry and its user. */
async function refusal(ctx: FlowContext, seq: number): Promise<{ key: string; params?: Record<string, string | number> } | { entry: AuditEntry; user: User }> {
  const entry = await ctx.store.auditEntry(seq);
  if (!entry || !isChange(entry)) return { key: 'undo.not-undoable', params: { seq } };
  if (!withinWindow(ctx, entry)) return { key: 'undo.too-old', params: { seq, days: undoDays(ctx) } };
  const user = ctx.store.user(entry.targetUserId);
  if (!user) return { key: 'undo.user-gone', params: { seq, user: entry.targetEmail ?? entry.targetUserId } };
  return { entry, user };
}

/** `undo <seq>` (also the Undo buttons): the review of the change back, or first the later changes to choose from. */
export async function startUndo(ctx: FlowContext, editWizard: Wizard, text: string): Promise<void> {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  if (!match) return say(ctx, 'undo.usage');
  const seq = Number(match[1]);
  const found = await refusal(ctx, seq);
  if ('key' in found) return say(ctx, found.key, found.params);
  const { entry, user } = found;
  const change = undoChangeOf(entry, user);
  if (isEmptyChange(change)) return say(ctx, 'undo.nothing', { seq });
  const later = await laterLines(ctx, entry, user);
  const undo: UndoState = { seq, later };
  const draft: Draft = newDraft(ctx, {
    flow: editWizard.name,
    step: later.length > 0 ? 'undo' : 'review',
    targetUserId: user.id,
    baseRev: user.rev,
    change,
    state: { undo },
  });
  await showStep(ctx, editWizard, draft);
}

const say = async (ctx: FlowContext, textKey: string, params?: Record<string, string | number>): Promise<void> =>
  void (await ctx.reply.card(messageCard(ctx, { titleKey: 'undo.title', textKey, params, color: 'Warning' })));

/** The user's audit lines after `entry` that changed their licenses, as short lines; none when they are as the entry left them. */
async function laterLines(ctx: FlowContext, entry: AuditEntry, user: User): Promise<string[]> {
  const after = entry.after!;
  if (sameSet(after.licenseIds, user.licenseIds) && sameSet(after.attendeeOf, user.attendeeOf)) return [];
  const { entries } = await ctx.store.history(user.id, { offset: 0, limit: 20 });
  const later = entries.filter((e) => e.seq > entry.seq && e.after !== undefined).reverse();
  const lines = later.map((e) => tr(ctx, 'undo.later-line', { seq: e.seq, when: e.time.slice(0, 16).replace('T', ' '), by: e.actorEmail }));
  return lines.length > 0 ? lines.slice(0, 5) : [tr(ctx, 'undo.later-outside')];
}
