// What both processes of the org benchmark agree on without talking: the generated org,
// which people Webex changes outside the desk (the drift), and who gets a license added
// through the outbox. Deterministic from the generated document.
import type { OrgDocument, User } from '../src/domain/index.js';
import { BENCH_LICENSES, BENCH_SITES } from './generate-org.js';

/** Internal, active users (not pending: the sync keeps the desk's record of an invitee). */
const plain = (user: User) => user.type === 'internal' && user.status === 'active';

/** The administrator the emulated org's admin token belongs to: a user of the org (so the sync adds nobody). */
export const adminEmailOf = (document: OrgDocument): string => document.users.find(plain)!.email;

export interface DriftChange {
  email: string;
  add: string[];
  remove: string[];
}

/**
 * Every `every`-th plain user (1% at 100): Messaging removed when held, added otherwise,
 * as an admin would in Control Hub. Each is one user the sync must find changed.
 */
export function driftOf(document: OrgDocument, every: number): DriftChange[] {
  const users = document.users.filter(plain);
  const drift: DriftChange[] = [];
  for (let at = every - 1; at < users.length; at += every) {
    const user = users[at]!;
    const holds = user.licenseIds.includes(BENCH_LICENSES.msg);
    drift.push({ email: user.email, add: holds ? [] : [BENCH_LICENSES.msg], remove: holds ? [BENCH_LICENSES.msg] : [] });
  }
  return drift;
}

/**
 * Users who get Meetings on the main site through the desk (one license add each): plain
 * users without it, not attendees or site administrators there (Webex refuses those), not
 * in the drift. The main site's license has about 10% headroom in the generated org.
 */
export function changeTargets(document: OrgDocument, count: number, drift: readonly DriftChange[]): User[] {
  const drifted = new Set(drift.map((d) => d.email));
  const targets = document.users.filter(
    (u) => plain(u) && !drifted.has(u.email) && !u.licenseIds.includes(BENCH_LICENSES.main) && !u.attendeeOf.includes(BENCH_SITES.main) && !u.siteAdminOf.includes(BENCH_SITES.main),
  );
  const main = document.licenses.find((l) => l.id === BENCH_LICENSES.main)!;
  const used = document.users.filter((u) => u.licenseIds.includes(BENCH_LICENSES.main)).length;
  const wanted = Math.min(count, main.totalUnits - used);
  if (wanted < count) throw new Error(`org bench: only ${main.totalUnits - used} free units of ${main.id} for ${count} changes; use a larger org`);
  return targets.slice(0, count);
}
