// The grants' schedule, run on every event and every minute by the bot: one day before a
// grant's end its people get the reminder; when the day is over the license is removed as an
// audited change the rules check (an end they refuse leaves the license and says why, once).
// Every step commits before it tells anyone, against the grant's version: it runs once, also
// across restarts, and a desk that was down at the end removes the license when it starts.
import type { Grant, User } from '../../domain/index.js';
import { grantEndsAt } from '../../domain/index.js';
import { evaluate } from '../../rules/index.js';
import { ConflictError } from '../../store/index.js';
import { assignMutation } from '../apply.js';
import { auditBase, licensesBefore, verdictCodes } from '../audit-lines.js';
import type { FlowContext } from '../context.js';
import { findingText } from '../format.js';
import { tr } from '../../i18n/index.js';
import { logger } from '../../logger.js';
import { changeToOrg } from '../org/changes.js';
import { rulesContextOf } from '../org-view.js';
import { blockedCard, endedCard, reminderCard } from './cards.js';
import { rememberCopies, sendToPeople } from './notify.js';
import { grantView } from './views.js';

const HOUR_MS = 60 * 60 * 1000;
const REMIND_BEFORE_MS = 24 * HOUR_MS;
/** An end found this long after it passed: the desk was not running then (the schedule runs every minute). */
const LATE_AFTER_MS = HOUR_MS;

export interface ScheduleResult {
  reminded: number;
  ended: number;
  blocked: number;
}

const bump = (grant: Grant, change: Partial<Grant>): Grant => ({ ...grant, ...change, version: grant.version + 1 });

/** A grant line in the audit: what happened to which license of whom. */
export const grantLine = (ctx: FlowContext, grant: Grant, user: User | undefined, action: 'grant.remind' | 'grant.end' | 'grant.extend' | 'grant.keep' | 'grant.let-end', details: Record<string, unknown> = {}) => ({
  action,
  actorId: ctx.actor.personId,
  actorEmail: ctx.actor.email,
  targetUserId: grant.userId,
  ...(user ? { targetEmail: user.email } : {}),
  eventId: ctx.eventId,
  details: { grantId: grant.id, licenseId: grant.licenseId, until: grant.until, ...details },
});

/** Commit a grant's next state with its audit line; false when another event moved it first. */
async function commitGrant(ctx: FlowContext, grant: Grant, next: Grant, line: ReturnType<typeof grantLine>): Promise<boolean> {
  try {
    await ctx.store.commit({ mutations: [{ type: 'grant.put', grant: next, expectedVersion: grant.version }], audit: [line] });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

async function remind(ctx: FlowContext, grant: Grant, user: User): Promise<boolean> {
  const next = bump(grant, { remindedAt: ctx.now().toISOString() });
  if (!(await commitGrant(ctx, grant, next, grantLine(ctx, grant, user, 'grant.remind')))) return false;
  const copies = await sendToPeople(ctx, next, (c, canApply) => reminderCard(c, grantView(ctx.store, next), canApply));
  await rememberCopies(ctx, next.id, copies);
  return true;
}

/** The license is removed, or the rules refuse (told once per set of reasons). */
async function end(ctx: FlowContext, grant: Grant, user: User): Promise<'ended' | 'blocked' | 'none'> {
  const change = { addLicenseIds: [], removeLicenseIds: [grant.licenseId], addAttendeeSites: [], removeAttendeeSites: [] };
  const verdict = evaluate({ ctx: rulesContextOf(ctx.store), actorRole: 'admin', intent: 'apply', user, change });
  // Refused, or any automatic change (R3 puts Professional back, or another Professional in its
  // place): an end nobody attends changes nothing beyond the license granted.
  const keptByRules = verdict.ok && verdict.autoChanges.length > 0;
  if (!verdict.ok || keptByRules) {
    const findings = keptByRules ? verdict.autoChanges : verdict.violations;
    const codes = findings.map((v) => v.code).sort();
    if (JSON.stringify(codes) === JSON.stringify(grant.blockedCodes ?? [])) return 'none';
    const next = bump(grant, { blockedCodes: codes });
    try {
      await ctx.store.commit({
        mutations: [{ type: 'grant.put', grant: next, expectedVersion: grant.version }],
        audit: [{ ...auditBase(ctx, user), action: 'license.refused', before: licensesBefore(user), change, ...verdictCodes(verdict), details: { flow: 'grant', grantId: grant.id, until: grant.until } }],
      });
    } catch (error) {
      if (error instanceof ConflictError) return 'none';
      throw error;
    }
    const reasons = (c: FlowContext) => [...(keptByRules ? [tr(c, 'grant.blocked.rules-keep')] : []), ...findings.map((v) => findingText(c, v))];
    const copies = await sendToPeople(ctx, next, (c, canApply) => blockedCard(c, grantView(ctx.store, next), reasons(c), canApply, user.email));
    await rememberCopies(ctx, next.id, copies);
    return 'blocked';
  }
  const next = bump(grant, { status: 'ended', endedAt: ctx.now().toISOString() });
  try {
    await ctx.store.commit({
      mutations: [
        assignMutation(user, user.rev, verdict),
        { type: 'grant.put', grant: next, expectedVersion: grant.version },
        ...changeToOrg(ctx, { user, after: { ...verdict.result, calling: verdict.calling ?? user.calling }, source: 'grant', auditLine: 0 }),
      ],
      audit: [{ ...auditBase(ctx, user), action: 'license.change', before: licensesBefore(user), after: verdict.result, change, ...verdictCodes(verdict), details: { flow: 'grant', grantId: grant.id, until: grant.until } }],
    });
  } catch (error) {
    if (error instanceof ConflictError) return 'none'; // the user changed meanwhile: the next run looks again
    throw error;
  }
  const late = !grant.blockedCodes?.length && ctx.now().getTime() - grantEndsAt(grant).getTime() > LATE_AFTER_MS;
  await sendToPeople(ctx, next, (c) => endedCard(c, grantView(ctx.store, next), late));
  return 'ended';
}

/** A grant whose license the user no longer holds (removed by hand, user gone) has nothing left to end. */
async function close(ctx: FlowContext, grant: Grant, user: User | undefined): Promise<void> {
  await commitGrant(ctx, grant, bump(grant, { status: 'ended', endedAt: ctx.now().toISOString() }), grantLine(ctx, grant, user, 'grant.end', { held: false }));
}

export async function runGrantSchedule(ctx: FlowContext): Promise<ScheduleResult> {
  const result: ScheduleResult = { reminded: 0, ended: 0, blocked: 0 };
  const now = ctx.now().getTime();
  for (const grant of ctx.store.grants({ status: 'active' })) {
    try {
      await step(ctx, grant, now, result);
    } catch (error) {
      // One grant that cannot be handled (logged) does not hold up the others; the next run tries again.
      logger.warn('a grant could not be ended or reminded; tried again at the next run', { grantId: grant.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

async function step(ctx: FlowContext, grant: Grant, now: number, result: ScheduleResult): Promise<void> {
  const user = ctx.store.user(grant.userId);
  const endsAt = grantEndsAt(grant).getTime();
  if (!user || !user.licenseIds.includes(grant.licenseId)) {
    await close(ctx, grant, user);
  } else if (now >= endsAt) {
    const outcome = await end(ctx, grant, user);
    if (outcome !== 'none') result[outcome] += 1;
  } else if (now >= endsAt - REMIND_BEFORE_MS && !grant.remindedAt && Date.parse(grant.createdAt) < endsAt - REMIND_BEFORE_MS) {
    if (await remind(ctx, grant, user)) result.reminded += 1;
  }
}
