// Sync in: the store follows the org. Read the license catalog, the Calling locations and
// everyone's licenses (a page at a time), and commit every difference the desk did not
// make, each as a "changed outside the desk" audit line with before and after. The
// differences go in commits of SYNC_COMMIT_USERS users with a pause between, so the bot
// answers meanwhile (one commit of a 1% drift at 100,000 users held the event loop ~90 ms);
// each user's outside change stands alone, so a crash between two leaves the rest to the
// next sync. A user with a change of the desk still on its way to Webex (or refused by it,
// waiting for Retry or Revert) is left alone: the desk's change is not overwritten.
// When Webex last saw each person (lastActivity, for `reclaim`) is kept too, but it is no
// change to the user: stored with `user.activity` (no rev bump, no audit line), and only
// when it moved by a day or more, so a sync every 15 minutes does not rewrite every active user.
import { holdsUserFromSync, type AuditInput, type User, type UserStatus } from '../../domain/index.js';
import { licensesBefore } from '../audit-lines.js';
import { planCatalog } from '../../csv/license-catalog.js';
import { ConflictError, type Mutation, type Store } from '../../store/index.js';
import type { OrgConnection, OrgPerson, SyncResult } from './port.js';

export type { SyncResult } from './port.js';

/** A change of the desk for this user is not settled in Webex (an index read per user, no scan of every change). */
const heldBack = (store: Store, userId: string): boolean => store.orgChanges({ userId }).some(holdsUserFromSync);

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function statusFrom(person: OrgPerson, user: User | undefined): UserStatus {
  if (person.invitePending) return 'pending';
  return user?.status === 'inactive' ? 'inactive' : 'active';
}

/** How far lastActivity must move before the desk stores it again: reclaim counts in days. */
export const ACTIVITY_STEP_MS = 24 * 3600 * 1000;

/** Webex's lastActivity when the desk should store it: first seen, or a day or more from what it holds. */
function movedActivity(person: OrgPerson, user: User | undefined): string | undefined {
  const seen = person.lastActivity;
  if (seen === undefined) return undefined;
  if (user?.lastActivity === undefined) return seen;
  return Math.abs(Date.parse(seen) - Date.parse(user.lastActivity)) >= ACTIVITY_STEP_MS ? seen : undefined;
}

interface Drift {
  before: User | undefined;
  after: User;
}

export async function syncFromOrg(deps: { store: Store; org: OrgConnection; now: () => Date }): Promise<SyncResult> {
  const { store, org } = deps;
  const started = Date.now();
  const items = await org.licenses();
  const locations = await org.locations().catch(() => undefined); // without the telephony scope: keep the last known
  const drifts = new Map<string, Drift>(); // by email
  const activity = new Map<string, string>(); // lastActivity by user id, for users whose licenses did not drift
  const attendeeSites = new Set<string>();
  let people = 0;
  let listed = 0; // desk users Webex listed
  let heldCount = 0;
  const known = new Set([...store.licenses().map((l) => l.id), ...items.filter((i) => i.subscriptionId).map((i) => i.id)]);

  await org.people((page) => {
    for (const person of page) {
      people += 1;
      person.attendeeOf.forEach((url) => attendeeSites.add(url));
      const user = store.userByEmail(person.email);
      if (user) listed += 1;
      const seen = movedActivity(person, user);
      if (user && seen) activity.set(user.id, seen); // also for a user held back: activity is no license change
      if (user && heldBack(store, user.id)) {
        heldCount += 1;
        continue;
      }
      const status = statusFrom(person, user);
      // The People API does not show what waits for an invitation: the desk's record of it stands.
      const keep = person.invitePending && user !== undefined;
      const licenseIds = keep ? user.licenseIds : person.licenses.filter((id) => known.has(id));
      const attendeeOf = keep ? user.attendeeOf : person.attendeeOf;
      if (user && sameSet(user.licenseIds, licenseIds) && sameSet(user.attendeeOf, attendeeOf) && user.status === status) continue;
      const lastActivity = seen ?? user?.lastActivity;
      const after: User = user
        ? { ...user, licenseIds, attendeeOf, status, ...(lastActivity ? { lastActivity } : {}) }
        : {
            id: person.id,
            email: person.email,
            displayName: person.displayName || person.email,
            ...(person.firstName ? { firstName: person.firstName } : {}),
            ...(person.lastName ? { lastName: person.lastName } : {}),
            type: 'internal',
            status,
            siteAdminOf: [],
            licenseIds,
            attendeeOf,
            ...(lastActivity ? { lastActivity } : {}),
            rev: 0,
          };
      if (user) activity.delete(user.id); // the user.put carries it
      drifts.set(person.email, { before: user, after });
    }
  });

  const catalog = planCatalog({ reader: store, items, attendeeSites });
  const siteKnown = new Set(catalog.sites.map((s) => s.url));
  for (const drift of drifts.values()) drift.after = { ...drift.after, attendeeOf: drift.after.attendeeOf.filter((url) => siteKnown.has(url)) };
  const committed = await commitDrift(store, { catalog: { ...catalog.mutation, ...(locations ? { locations } : {}) }, drifts: [...drifts.values()] });
  await commitActivity(store, activity);
  return {
    people,
    changed: committed.filter((d) => d.before).length,
    added: committed.filter((d) => !d.before).length,
    held: heldCount,
    notListed: store.userCount() - listed - committed.filter((d) => !d.before).length,
    licensesAdded: catalog.added.licenses.length,
    activity: activity.size,
    ms: Date.now() - started,
  };
}

function outsideLine(drift: Drift): AuditInput {
  const { before, after } = drift;
  return {
    action: 'webex.outside',
    actorId: 'webex',
    actorEmail: 'webex',
    targetUserId: after.id,
    targetEmail: after.email,
    ...(before ? { before: licensesBefore(before) } : {}),
    after: licensesBefore(after),
    details: { ...(before ? {} : { added: true }), ...(before && before.status !== after.status ? { status: { before: before.status, after: after.status } } : {}) },
  };
}

export const SYNC_COMMIT_USERS = 200;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The catalog (first, so users may name its new licenses), then the users in chunks. Returns what was committed. */
async function commitDrift(store: Store, input: { catalog: Extract<Mutation, { type: 'catalog.put' }>; drifts: Drift[] }): Promise<Drift[]> {
  const committed: Drift[] = [];
  for (let at = 0; at === 0 || at < input.drifts.length; at += SYNC_COMMIT_USERS) {
    if (at > 0) await pause();
    const chunk = input.drifts.slice(at, at + SYNC_COMMIT_USERS);
    committed.push(...(await commitChunk(store, at === 0 ? [input.catalog] : [], chunk)));
  }
  return committed;
}

/** lastActivity in commits of ACTIVITY_COMMIT_USERS users, a pause between (no rev, so nothing to conflict with). */
async function commitActivity(store: Store, activity: ReadonlyMap<string, string>): Promise<void> {
  const all = [...activity].map(([userId, lastActivity]): Mutation => ({ type: 'user.activity', userId, lastActivity }));
  for (let at = 0; at < all.length; at += ACTIVITY_COMMIT_USERS) {
    if (at > 0) await pause();
    await store.commit({ mutations: all.slice(at, at + ACTIVITY_COMMIT_USERS) });
  }
}

const ACTIVITY_COMMIT_USERS = 1000;

/**
 * A desk change may land between the read and the commit: such a user is left for the next
 * sync (its rev moved, or its change is now on its way), and the rest commit.
 */
async function commitChunk(store: Store, catalog: Mutation[], chunk: Drift[]): Promise<Drift[]> {
  for (let attempt = 1; ; attempt++) {
    const drifts = chunk.filter(({ before, after }) => (before ? store.user(before.id)?.rev === before.rev && !heldBack(store, before.id) : !store.userByEmail(after.email)));
    const users = drifts.map(({ before, after }): Mutation => ({ type: 'user.put', user: after, ...(before ? { expectedRev: before.rev } : {}) }));
    try {
      await store.commit({ mutations: [...catalog, ...users], audit: drifts.map(outsideLine) });
      return drifts;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
    }
  }
}
