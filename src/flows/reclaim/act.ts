// What the buttons of `reclaim` do to one user's license, from the list or from an answer card:
// Keep (audited; the row is left out for KEEP_DAYS), Remove (an ordinary change: the rules
// judge it against the org as it is now, one commit of the user's licenses with its audit line
// and the outbox entry to Webex, undoable like any change), and Ask the user (a 1:1 card; its
// answer comes back to the space the administrator asked from). Each answers with a note.
import type { ColoredLine } from '../../cards/index.js';
import type { AuditInput, License, User } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import { logger } from '../../logger.js';
import type { Mutation } from '../../store/index.js';
import { assignMutation } from '../apply.js';
import { auditBase, licensesBefore, verdictCodes } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { findingText, licenseName, userName } from '../format.js';
import { changeToOrg } from '../org/changes.js';
import { whereSavedLine } from '../org/notify.js';
import { blockersOf, removalVerdict } from './candidates.js';
import { questionCard } from './cards.js';
import { askDraft, decidedAsk, keepDraft, openAsk, type ReclaimAsk } from './state.js';

const DAY_MS = 24 * 3600 * 1000;
const day = (iso: string): string => iso.slice(0, 10);

/** Who and what a Keep, a Remove or a question is about. */
export interface Target {
  user: User;
  license: License;
}

/** What every reclaim audit line says besides who and whom: the license and when Webex last saw the user. */
function reclaimDetails(target: Target, ask?: ReclaimAsk): Record<string, unknown> {
  return { licenseId: target.license.id, ...(target.user.lastActivity ? { lastActivity: target.user.lastActivity } : {}), ...(ask?.answer ? { answer: ask.answer } : {}) };
}

/** The open question about it, closed by this decision in the same commit (so a late answer is told). */
const closeAsk = (ctx: FlowContext, target: Target, what: 'keep' | 'remove'): Mutation[] => {
  const ask = openAsk(ctx.store, target.user.id, target.license.id, ctx.now());
  return ask ? [{ type: 'draft.put', draft: decidedAsk(ask, { by: ctx.actor.email, what }), expectedVersion: ask.draft.version }] : [];
};

const names = (target: Target) => ({ user: userName(target.user), license: licenseName(target.license) });

export async function keepLicense(ctx: FlowContext, target: Target): Promise<ColoredLine> {
  const ask = openAsk(ctx.store, target.user.id, target.license.id, ctx.now());
  const keep = keepDraft(ctx, target.user, target.license.id);
  const { auditSeqs } = await ctx.store.commit({
    mutations: [{ type: 'draft.put', draft: keep }, ...closeAsk(ctx, target, 'keep')],
    audit: [{ ...auditBase(ctx, target.user), action: 'reclaim.keep', details: { ...reclaimDetails(target, ask), until: keep.expiresAt } }],
  });
  return { text: tr(ctx, 'reclaim.kept', { ...names(target), until: day(keep.expiresAt), seq: auditSeqs[0] ?? 0 }), color: 'Good' };
}

export async function removeLicense(ctx: FlowContext, target: Target): Promise<ColoredLine[]> {
  const { user, license } = target;
  const ask = openAsk(ctx.store, user.id, license.id, ctx.now());
  const verdict = removalVerdict(ctx.store, user, license.id);
  const change = { addLicenseIds: [], removeLicenseIds: [license.id], addAttendeeSites: [], removeAttendeeSites: [] };
  const blocked = blockersOf(ctx.store, verdict, user, license.id);
  if (blocked.length > 0) {
    // The rules' codes, and the reasons as the card said them (R3's put-back, said for a removal), so history reads the same.
    const codes = [...new Set([...verdictCodes(verdict).codes, ...blocked.map((f) => f.code)])];
    const findings = blocked.map(({ code, params }) => ({ code, params }));
    const refused: AuditInput = { ...auditBase(ctx, user), action: 'license.refused', before: licensesBefore(user), change, codes, findings, details: { what: 'reclaim', ...reclaimDetails(target, ask) } };
    await ctx.store.audit([refused]);
    return [
      { text: tr(ctx, 'reclaim.remove-refused', names(target)), color: 'Attention' },
      ...blocked.map((finding) => ({ text: findingText(ctx, finding), color: 'Attention' as const })),
    ];
  }
  const { auditSeqs } = await ctx.store.commit({
    mutations: [
      assignMutation(user, user.rev, verdict),
      ...closeAsk(ctx, target, 'remove'),
      ...changeToOrg(ctx, { user, after: { ...verdict.result, calling: verdict.calling ?? user.calling }, source: 'reclaim', auditLine: 0 }),
    ],
    audit: [
      {
        ...auditBase(ctx, user),
        action: 'license.change',
        before: licensesBefore(user),
        after: verdict.result,
        change,
        ...verdictCodes(verdict),
        details: { flow: 'reclaim', ...reclaimDetails(target, ask) },
      },
    ],
  });
  const seq = auditSeqs[0] ?? 0;
  const freed = verdict.diff.removedLicenseIds.map((id) => ctx.store.license(id)).filter((l): l is License => l !== undefined);
  return [
    { text: tr(ctx, 'reclaim.removed', { ...names(target), seq, licenses: freed.map(licenseName).join(', ') }), color: 'Good' },
    ...verdict.notices.map((notice) => ({ text: findingText(ctx, notice), color: 'Default' as const })),
    { text: whereSavedLine(ctx, { userId: user.id, auditSeq: seq }), color: 'Default' },
  ];
}

/** The person asked reads the question in their own language where the desk knows it. */
const localeOfUser = (ctx: FlowContext, user: User) => ctx.store.localeOfEmail(user.email) ?? ctx.config.botLocale;

export async function askUser(ctx: FlowContext, target: Target): Promise<ColoredLine> {
  const { user, license } = target;
  const open = openAsk(ctx.store, user.id, license.id, ctx.now());
  if (open) {
    const key = open.answer ? `reclaim.already-answered.${open.answer}` : 'reclaim.already-asked';
    return { text: tr(ctx, key, { ...names(target), date: day(open.answeredAt ?? open.askedAt), by: open.askedBy }), color: 'Warning' };
  }
  if (!user.lastActivity) return { text: tr(ctx, 'reclaim.row-gone'), color: 'Warning' };
  const draft = askDraft(ctx, user, license.id);
  const previous = ctx.store.draft(draft.id); // a closed or expired question of before: its version moves on
  const idleDays = Math.floor((ctx.now().getTime() - Date.parse(user.lastActivity)) / DAY_MS);
  const card = questionCard({ locale: localeOfUser(ctx, user) }, draft, { user, license, lastActivity: user.lastActivity, idleDays, admin: ctx.actor.email });
  // Sent first: a question the person never got is not recorded as asked.
  try {
    await ctx.outbox.sendCardToPerson(user.email, card);
  } catch (error) {
    logger.warn('could not send a reclaim question', { eventId: ctx.eventId, user: user.email, error: error instanceof Error ? error.message : String(error) });
    return { text: tr(ctx, 'reclaim.ask-failed', names(target)), color: 'Attention' };
  }
  const { auditSeqs } = await ctx.store.commit({
    mutations: [{ type: 'draft.put', draft, ...(previous ? { expectedVersion: previous.version } : {}) }],
    audit: [{ ...auditBase(ctx, user), action: 'reclaim.ask', details: { ...reclaimDetails(target), expiresAt: draft.expiresAt } }],
  });
  return { text: tr(ctx, 'reclaim.asked', { ...names(target), seq: auditSeqs[0] ?? 0 }), color: 'Accent' };
}
