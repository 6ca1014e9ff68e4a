// Which licenses `reclaim` offers to win back: every license of a user Webex has not seen for
// `days` days or more (lastActivity, from the org sync), grouped by license, with what removing
// it would free as the rules judge it now (a unit of it, or nothing when a rule keeps it: R3
// puts Calling Professional back under Webex Attendant Console). Kept ones are left out.
// Read-only and clock-free (the caller gives `now`): the list card and a weekly report share it.
import type { License, User } from '../../domain/index.js';
import { evaluate, licensesByService, type Finding, type Verdict } from '../../rules/index.js';
import type { StoreReader } from '../../store/index.js';
import { rulesContextOf } from '../org-view.js';
import { keptUntil, openAsk, type ReclaimAsk } from './state.js';

export const DEFAULT_RECLAIM_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

export interface ReclaimRow {
  user: User;
  license: License;
  /** When Webex last saw the user (ISO). */
  lastActivity: string;
  /** Whole days since then. */
  idleDays: number;
  /** The licenses removing this one frees a unit of (itself; none when a rule keeps it). */
  frees: License[];
  /** Why it cannot be removed on its own: the rules' violations, or the automatic change that puts it back. */
  blockedBy: Finding[];
  /** The open question to the user about it ("Ask the user"), with their answer once given. */
  ask?: ReclaimAsk;
}

export interface ReclaimGroup {
  license: License;
  /** Longest idle first. */
  rows: ReclaimRow[];
  /** Units of this license the removable rows would free. */
  unitsFreed: number;
  /** Units in use now (R12: derived, never stored). */
  used: number;
}

export interface ReclaimListing {
  days: number;
  /** Activity at or before this moment counts as idle (ISO). */
  idleSince: string;
  /** In the order `usage` shows licenses; only licenses with a row. */
  groups: ReclaimGroup[];
  /** Distinct users with a row. */
  users: number;
  /** Rows left out because an administrator kept them (KEEP_DAYS). */
  kept: number;
  /** Licensed users Webex shows no activity for (never signed in, a pending invite, or not synced yet): not listed. */
  neverSeen: number;
}

/** The rules' verdict on removing one license from the user, as an administrator would apply it now. */
export function removalVerdict(store: StoreReader, user: User, licenseId: string): Verdict {
  return evaluate({
    ctx: rulesContextOf(store),
    actorRole: 'admin',
    intent: 'apply',
    user,
    change: { addLicenseIds: [], removeLicenseIds: [licenseId], addAttendeeSites: [], removeAttendeeSites: [] },
  });
}

/**
 * Why the license cannot go on its own: the rules' violations, or, when an automatic change puts
 * it back, that change said for a removal (R3: Attendant Console keeps Calling Professional).
 */
export function blockersOf(store: StoreReader, verdict: Verdict, user: User, licenseId: string): Finding[] {
  if (verdict.violations.length > 0) return verdict.violations;
  if (!verdict.result.licenseIds.includes(licenseId)) return [];
  const putBack = verdict.autoChanges.filter((auto) => auto.addLicenseIds.includes(licenseId));
  if (putBack.length === 0) return [{ rule: 'CHANGE', code: 'reclaim.stays', params: {} }];
  return putBack.map((auto) => {
    const console = auto.rule === 'R3' ? licensesByService(rulesContextOf(store), user.licenseIds).attendantConsole?.[0] : undefined;
    return console ? { rule: 'R3', code: 'reclaim.r3-keeps-professional', params: { attendantConsole: console.name, license: store.license(licenseId)?.name ?? licenseId } } : auto;
  });
}

export function reclaimCandidates(store: StoreReader, options: { days: number; now: Date }): ReclaimListing {
  const { days, now } = options;
  const idleSince = now.getTime() - days * DAY_MS;
  const rowsByLicense = new Map<string, ReclaimRow[]>();
  let kept = 0;
  let neverSeen = 0;
  const users = new Set<string>();
  for (const user of store.searchUsers({ limit: Number.MAX_SAFE_INTEGER }).users) {
    if (user.licenseIds.length === 0) continue;
    if (user.lastActivity === undefined) {
      neverSeen += 1;
      continue;
    }
    const seen = Date.parse(user.lastActivity);
    if (seen > idleSince) continue;
    for (const licenseId of new Set(user.licenseIds)) {
      const license = store.license(licenseId);
      if (!license) continue;
      if (keptUntil(store, user.id, licenseId, now)) {
        kept += 1;
        continue;
      }
      const verdict = removalVerdict(store, user, licenseId);
      const blockedBy = blockersOf(store, verdict, user, licenseId);
      const frees = blockedBy.length > 0 ? [] : verdict.diff.removedLicenseIds.map((id) => store.license(id)).filter((l): l is License => l !== undefined);
      const ask = openAsk(store, user.id, licenseId, now);
      const row: ReclaimRow = { user, license, lastActivity: user.lastActivity, idleDays: Math.floor((now.getTime() - seen) / DAY_MS), frees, blockedBy, ...(ask ? { ask } : {}) };
      rowsByLicense.set(licenseId, [...(rowsByLicense.get(licenseId) ?? []), row]);
      users.add(user.id);
    }
  }
  const groups = store.licenses().flatMap((license): ReclaimGroup[] => {
    const rows = rowsByLicense.get(license.id);
    if (!rows) return [];
    rows.sort((a, b) => b.idleDays - a.idleDays || a.user.displayName.localeCompare(b.user.displayName));
    return [{ license, rows, unitsFreed: rows.filter((r) => r.frees.some((l) => l.id === license.id)).length, used: store.usedUnits(license.id) }];
  });
  return { days, idleSince: new Date(idleSince).toISOString(), groups, users: users.size, kept, neverSeen };
}

/** The listing's rows in card order (group by group). */
export const rowsOf = (listing: ReclaimListing): ReclaimRow[] => listing.groups.flatMap((g) => g.rows);

/** The row for this user and license, if the listing has one. */
export const findRow = (listing: ReclaimListing, userId: string, licenseId: string): ReclaimRow | undefined =>
  rowsOf(listing).find((r) => r.user.id === userId && r.license.id === licenseId);
