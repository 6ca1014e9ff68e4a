// The weekly report of licenses to win back (RECLAIM_REPORT=weekly): once a week the desk's
// schedule sends, to APPROVALS_ROOM_ID or else to each administrator 1:1 in their language, how
// many users of each license Webex has not seen for 90 days and the units removing theirs would
// free (units, no prices), with a hint to type `reclaim`. It changes nothing, so it is not audited.
//
// The slot: Monday 08:00 UTC, before the working week starts in Europe. Once per slot: the slot is
// claimed in the store first (a mark put against the value it held, so of two runs that meet one
// wins) and only then sent; a restart finds the mark. A desk that was down at the slot sends the
// latest slot's report when it starts, once (older slots are not sent: their numbers are stale).
// A copy that cannot be sent is logged and not tried again that week (at most once, never twice).
import { renderCard, type RenderedCard } from '../../cards/index.js';
import type { Locale } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import { logger } from '../../logger.js';
import { ConflictError } from '../../store/index.js';
import { sendCopy } from '../card-copies.js';
import type { FlowContext } from '../context.js';
import { licenseWithSubscription } from '../format.js';
import { allAdmins } from '../roles.js';
import { commandAction } from '../submit.js';
import { DEFAULT_RECLAIM_DAYS, reclaimCandidates, type ReclaimGroup, type ReclaimListing } from './candidates.js';

/** The store's mark of the last slot claimed: its Monday, YYYY-MM-DD. */
export const REPORT_MARK = 'reclaim.report';
/** Monday (as getUTCDay counts) at 08:00 UTC. */
const SLOT_WEEKDAY = 1;
const SLOT_HOUR_UTC = 8;
/** Licenses the card names, most units to free first; the rest are summed in one line (a phone's screen). */
export const REPORT_LICENSES = 8;

/** The latest Monday 08:00 UTC at or before `now`. */
export function reportSlot(now: Date): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), SLOT_HOUR_UTC));
  slot.setUTCDate(slot.getUTCDate() - ((slot.getUTCDay() - SLOT_WEEKDAY + 7) % 7));
  if (slot.getTime() > now.getTime()) slot.setUTCDate(slot.getUTCDate() - 7);
  return slot;
}

type Ctx = Pick<FlowContext, 'locale'>;

const total = (groups: readonly ReclaimGroup[], of: (group: ReclaimGroup) => number): number => groups.reduce((sum, group) => sum + of(group), 0);

/** The form template: the intro, the licenses as facts, then the totals and the hint (in that order). */
export function reportCard(ctx: Ctx, listing: ReclaimListing): RenderedCard {
  const params = { days: listing.days, date: listing.idleSince.slice(0, 10) };
  // Stable: equal ones stay in the order `usage` shows licenses.
  const groups = [...listing.groups].sort((a, b) => b.unitsFreed - a.unitsFreed || b.rows.length - a.rows.length);
  const rest = groups.slice(REPORT_LICENSES);
  const leftOut = listing.kept + listing.neverSeen > 0 ? [tr(ctx, 'reclaim.report.left-out', { kept: listing.kept, neverSeen: listing.neverSeen })] : [];
  const title = tr(ctx, 'reclaim.report.title');
  const text = tr(ctx, groups.length > 0 ? 'reclaim.report.text' : 'reclaim.report.none', params);
  const lines = groups.length === 0 ? leftOut : [
    ...(rest.length > 0 ? [tr(ctx, 'reclaim.report.more', { count: rest.length, users: total(rest, (g) => g.rows.length), units: total(rest, (g) => g.unitsFreed) })] : []),
    tr(ctx, 'reclaim.report.total', { users: listing.users, units: total(groups, (g) => g.unitsFreed) }),
    ...leftOut,
    tr(ctx, 'reclaim.report.hint'),
  ];
  return renderCard('form', {
    fallbackText: `${title}: ${text}`,
    title,
    color: groups.length > 0 ? 'Default' : 'Good',
    text,
    facts: groups.slice(0, REPORT_LICENSES).map((group) => ({
      title: licenseWithSubscription(group.license),
      value: tr(ctx, 'reclaim.report.group', { users: group.rows.length, units: group.unitsFreed }),
    })),
    lines: [...lines, tr(ctx, 'reclaim.report.footer')].map((line) => ({ text: line })),
    choose: [],
    date: [],
    texts: [],
    // Runs `reclaim` as if the clicker typed it (an administrator's command, checked like one).
    actions: groups.length > 0 ? [commandAction(tr(ctx, 'action.reclaim-open'), 'reclaim', 'positive')] : [],
  });
}

/** APPROVALS_ROOM_ID in the bot's language, or each administrator 1:1 in the language they chose. */
function recipients(ctx: FlowContext): { target: { room: string } | { email: string }; locale: Locale }[] {
  const room = ctx.config.approvalsRoomId;
  if (room) return [{ target: { room }, locale: ctx.config.botLocale }];
  return allAdmins(ctx.store, ctx.config).map((email) => ({ target: { email }, locale: ctx.store.localeOfEmail(email) ?? ctx.config.botLocale }));
}

/** The report of this week's slot, when it is on and not sent yet; the slot and how many copies went, or undefined. */
export async function sendReclaimReport(ctx: FlowContext): Promise<{ slot: string; sent: number } | undefined> {
  if (ctx.config.reclaimReport !== 'weekly') return undefined;
  const now = ctx.now();
  const slot = reportSlot(now).toISOString().slice(0, 10);
  const last = ctx.store.mark(REPORT_MARK);
  if (last === slot) return undefined;
  try {
    await ctx.store.commit({ mutations: [{ type: 'mark.put', key: REPORT_MARK, value: slot, expected: last ?? null }] });
  } catch (error) {
    if (error instanceof ConflictError) return undefined; // another run claimed the slot first
    throw error;
  }
  const listing = reclaimCandidates(ctx.store, { days: DEFAULT_RECLAIM_DAYS, now });
  const to = recipients(ctx);
  if (to.length === 0) logger.warn('reclaim: no APPROVALS_ROOM_ID and no administrator, so the weekly report went nowhere', { slot });
  let sent = 0;
  for (const { target, locale } of to) {
    if (await sendCopy(ctx, target, reportCard({ locale }, listing), 'the weekly reclaim report')) sent += 1;
  }
  logger.info('reclaim: weekly report sent', {
    slot,
    licenses: listing.groups.length,
    users: listing.users,
    units: total(listing.groups, (g) => g.unitsFreed),
    sent,
    recipients: to.length,
  });
  return { slot, sent };
}
