// `reclaim [days]` (admins, R11 apply): the list of idle users' licenses and its buttons. The
// page lives in a draft of the administrator who asked (only they turn its pages or act on its
// rows); the rows it offers are kept in that draft, so a choice sent back is looked up there,
// never trusted, and checked again against a fresh listing before anything happens.
import type { ColoredLine } from '../../cards/index.js';
import type { Draft } from '../../domain/index.js';
import { z } from 'zod';
import type { FlowContext } from '../context.js';
import { advance, loadDraft, newDraft, putDraft } from '../drafts.js';
import { InputError } from '../errors.js';
import { messageCard } from '../messages.js';
import type { Submit } from '../submit.js';
import { tr } from '../../i18n/index.js';
import { askUser, keepLicense, removeLicense, type Target } from './act.js';
import { DEFAULT_RECLAIM_DAYS, findRow, reclaimCandidates, rowsOf } from './candidates.js';
import { listCard, PAGE_ROWS, ROW_INPUT } from './cards.js';
import { RECLAIM_FLOW } from './state.js';

export const MAX_RECLAIM_DAYS = 3650;

const StateSchema = z.object({
  days: z.number().int().positive(),
  page: z.number().int().nonnegative().default(0),
  /** The rows the card at this version offers, in its order: [userId, licenseId]. */
  rows: z.array(z.tuple([z.string(), z.string()])).default([]),
});
type ListState = z.infer<typeof StateSchema>;

/** `reclaim`, `reclaim 30`, `reclaim 30 days` / `terugwinnen 30 dagen`; undefined when it is no number of days. */
export function daysOf(args: readonly string[]): number | undefined {
  const [first, unit, ...rest] = args.map((a) => a.toLowerCase());
  if (first === undefined) return DEFAULT_RECLAIM_DAYS;
  if (!/^\d{1,4}$/.test(first) || rest.length > 0 || (unit !== undefined && !['day', 'days', 'dag', 'dagen'].includes(unit))) return undefined;
  const days = Number(first);
  return days >= 1 && days <= MAX_RECLAIM_DAYS ? days : undefined;
}

/** The draft at this state with the rows of a fresh listing, and its card. */
function render(ctx: FlowContext, draft: Draft, state: Pick<ListState, 'days' | 'page'>, notes: ColoredLine[] = []) {
  const listing = reclaimCandidates(ctx.store, { days: state.days, now: ctx.now() });
  const rows = rowsOf(listing);
  const page = Math.min(state.page, Math.max(0, Math.ceil(rows.length / PAGE_ROWS) - 1));
  const next: Draft = { ...draft, state: { days: state.days, page, rows: rows.map((r) => [r.user.id, r.license.id]) } };
  return { draft: next, card: listCard(ctx, { draft: next, listing, page, notes }) };
}

export async function startReclaim(ctx: FlowContext, args: readonly string[]): Promise<void> {
  const days = daysOf(args);
  if (days === undefined) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'reclaim.title', textKey: 'reclaim.usage', params: { max: MAX_RECLAIM_DAYS, days: DEFAULT_RECLAIM_DAYS }, color: 'Warning' }));
    return;
  }
  const { draft, card } = render(ctx, newDraft(ctx, { flow: RECLAIM_FLOW, step: 'list' }), { days, page: 0 });
  await putDraft(ctx, draft);
  await ctx.reply.card(card);
}

/** The row the choice names: one of this card's page, checked against a fresh listing. */
function chosenTarget(ctx: FlowContext, state: ListState, submit: Submit): Target | undefined {
  const value = submit.inputs.get(ROW_INPUT) ?? '';
  const index = /^\d{1,4}$/.test(value) ? Number(value) : -1;
  const onPage = index >= state.page * PAGE_ROWS && index < (state.page + 1) * PAGE_ROWS;
  const offered = onPage ? state.rows[index] : undefined;
  if (!offered) throw new InputError('reclaim.choose');
  const row = findRow(reclaimCandidates(ctx.store, { days: state.days, now: ctx.now() }), offered[0], offered[1]);
  return row && { user: row.user, license: row.license };
}

async function act(ctx: FlowContext, action: string, target: Target): Promise<ColoredLine[]> {
  if (action === 'keep') return [await keepLicense(ctx, target)];
  if (action === 'remove') return removeLicense(ctx, target);
  return [await askUser(ctx, target)];
}

export async function onListSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  const draft = loadDraft(ctx, RECLAIM_FLOW, submit.draftId);
  const state = StateSchema.parse(draft.state);
  // An older card of this list (a double click): nothing happens, the list as it is now replaces it.
  if (submit.v !== draft.version) return reshow(ctx, draft, state, submit, [{ text: tr(ctx, 'reclaim.stale'), color: 'Warning' }]);
  let notes: ColoredLine[] = [];
  let page = state.page;
  if (submit.action === 'next' || submit.action === 'prev') page = submit.action === 'next' ? page + 1 : Math.max(0, page - 1);
  else if (submit.action === 'keep' || submit.action === 'remove' || submit.action === 'ask') {
    const target = chosenTarget(ctx, state, submit);
    notes = target ? await act(ctx, submit.action, target) : [{ text: tr(ctx, 'reclaim.row-gone'), color: 'Warning' }];
  } else throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
  await reshow(ctx, draft, { ...state, page }, submit, notes);
}

async function reshow(ctx: FlowContext, draft: Draft, state: ListState, submit: Submit, notes: ColoredLine[]): Promise<void> {
  const { draft: next, card } = render(ctx, advance(ctx.store.draft(draft.id) ?? draft, {}), state, notes);
  await putDraft(ctx, next);
  await ctx.reply.replace(submit.messageId, card);
}
