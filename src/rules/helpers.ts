// Small read-only helpers over license ids, shared by the rules and by the
// cards/flows (so "what is the user's calling license" is answered in one place).
import type { License, Service, User } from '../domain/index.js';
import type { RulesContext } from './types.js';

/** Code-point order: deterministic and independent of the machine's locale. */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted, without duplicates. */
export const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(byString);

/** The known licenses among ids, sorted by id; unknown ids are skipped. */
export function licensesOf(ctx: RulesContext, licenseIds: Iterable<string>): License[] {
  const found: License[] = [];
  for (const id of sortedUnique(licenseIds)) {
    const license = ctx.licenses.get(id);
    if (license) found.push(license);
  }
  return found;
}

/** The held licenses grouped by service (every service key present only if held). */
export function licensesByService(ctx: RulesContext, licenseIds: Iterable<string>): Partial<Record<Service, License[]>> {
  const groups: Partial<Record<Service, License[]>> = {};
  for (const license of licensesOf(ctx, licenseIds)) {
    (groups[license.service] ??= []).push(license);
  }
  return groups;
}

/** All Webex Calling licenses among ids (more than one only when R1 is broken). */
export const callingLicensesOf = (ctx: RulesContext, licenseIds: Iterable<string>): License[] =>
  licensesOf(ctx, licenseIds).filter((l) => l.service === 'calling');

/** The Webex Calling license among ids (the first by id if, wrongly, there are two). */
export const callingLicenseOf = (ctx: RulesContext, licenseIds: Iterable<string>): License | undefined =>
  callingLicensesOf(ctx, licenseIds)[0];

export const hasService = (ctx: RulesContext, licenseIds: Iterable<string>, service: Service): boolean =>
  licensesOf(ctx, licenseIds).some((l) => l.service === service);

/** R2: Webex Calling and Unified CM at once = migrating to Webex Calling. */
export const isMigrating = (ctx: RulesContext, licenseIds: Iterable<string>): boolean =>
  hasService(ctx, licenseIds, 'calling') && hasService(ctx, licenseIds, 'ucm');

/** R5: sites where the user is host, i.e. holds that site's Meetings license. Sorted. */
export const hostSites = (ctx: RulesContext, licenseIds: Iterable<string>): string[] =>
  sortedUnique(
    licensesOf(ctx, licenseIds)
      .filter((l) => l.service === 'meetings' && l.siteUrl !== undefined)
      .map((l) => l.siteUrl as string),
  );

/** The Meetings licenses of one site, sorted by id. */
export const meetingsLicensesOfSite = (ctx: RulesContext, siteUrl: string): License[] =>
  [...ctx.licenses.values()]
    .filter((l) => l.service === 'meetings' && l.siteUrl === siteUrl)
    .sort((a, b) => byString(a.id, b.id));

/** Units still free on a license (never negative). */
export const freeUnits = (ctx: RulesContext, license: License): number =>
  Math.max(0, license.totalUnits - ctx.usedUnits(license.id));

/** R12 over a whole org: licenses more users hold than they have units (e.g. after units were lowered). */
export const licensesOverCapacity = (ctx: RulesContext): License[] =>
  [...ctx.licenses.values()].filter((l) => ctx.usedUnits(l.id) > l.totalUnits);

/** R8: an external user who has not accepted yet; their licenses cannot change (delete and add again). */
export const isPendingExternal = (user: Pick<User, 'type' | 'status'>): boolean => user.type === 'external' && user.status === 'pending';

/** The name shown for a user in messages. */
export const userLabel = (user: User): string => user.displayName.trim() || user.email;
