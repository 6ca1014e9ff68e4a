// R5–R7 for the wizard: what the per-site account type choice does to a change, and
// which sites may offer "attendee" at all. Kept here so cards hold no license logic.
import type { ProposedChange, SiteAccountType, User } from '../domain/index.js';
import { byString, freeUnits, meetingsLicensesOfSite } from './helpers.js';
import { attendeeFeatureOn } from './r06-attendee-feature.js';
import { CODES } from './codes.js';
import type { RulesContext } from './types.js';

export interface PlanSiteAccountInput {
  ctx: RulesContext;
  user: User;
  change: ProposedChange;
  siteUrl: string;
  type: SiteAccountType;
}

/**
 * R5: the change with this site's part replaced by the chosen account type.
 * none = no Meetings license and no attendee account on the site; host = one Meetings
 * license of the site (the one held, else the one with most free units, then lowest id)
 * and no attendee account; attendee = no Meetings license of the site, attendee account.
 */
export function planSiteAccount({ ctx, user, change, siteUrl, type }: PlanSiteAccountInput): ProposedChange {
  const siteLicenses = meetingsLicensesOfSite(ctx, siteUrl);
  const siteIds = siteLicenses.map((l) => l.id);
  const held = siteLicenses.filter((l) => user.licenseIds.includes(l.id));
  const isAttendee = user.attendeeOf.includes(siteUrl);

  // Everything of the change that does not concern this site stays as it was.
  const next: ProposedChange = {
    addLicenseIds: change.addLicenseIds.filter((id) => !siteIds.includes(id)),
    removeLicenseIds: change.removeLicenseIds.filter((id) => !siteIds.includes(id)),
    addAttendeeSites: change.addAttendeeSites.filter((url) => url !== siteUrl),
    removeAttendeeSites: change.removeAttendeeSites.filter((url) => url !== siteUrl),
  };

  let keep: string | undefined;
  if (type === 'host') {
    keep = held[0]?.id ?? pickHostLicense(ctx, siteLicenses.map((l) => l.id));
    if (keep && !held.some((l) => l.id === keep)) next.addLicenseIds.push(keep);
  }
  next.removeLicenseIds.push(...held.filter((l) => l.id !== keep).map((l) => l.id));
  if (type === 'attendee' && !isAttendee) next.addAttendeeSites.push(siteUrl);
  if (type !== 'attendee' && isAttendee) next.removeAttendeeSites.push(siteUrl);
  return next;
}

/** The site license to add for a new host: most free units, then lowest id. */
function pickHostLicense(ctx: RulesContext, ids: string[]): string | undefined {
  const licenses = ids.map((id) => ctx.licenses.get(id)).filter((l) => l !== undefined);
  licenses.sort((a, b) => freeUnits(ctx, b) - freeUnits(ctx, a) || byString(a.id, b.id));
  return licenses[0]?.id;
}

export interface AttendeeOption {
  siteUrl: string;
  allowed: boolean;
  /** Why not (R6 or R7 code); absent when allowed. */
  reasonCode?: string;
}

/** Per Meetings site (sorted): may the card offer "attendee" for this user (R6, R7)? */
export function attendeeOptions(ctx: RulesContext, user: User): AttendeeOption[] {
  return [...ctx.sites.keys()].sort(byString).map((siteUrl) => {
    // An attendee account the user already has stays offered, so the card can show it.
    if (user.attendeeOf.includes(siteUrl)) return { siteUrl, allowed: true };
    if (!attendeeFeatureOn(ctx, siteUrl)) return { siteUrl, allowed: false, reasonCode: CODES.r6AttendeeFeatureOff };
    if (user.siteAdminOf.includes(siteUrl)) return { siteUrl, allowed: false, reasonCode: CODES.r7SiteAdmin };
    return { siteUrl, allowed: true };
  });
}
