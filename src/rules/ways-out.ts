// The one-click ways out a violation offers: what its message tells the admin to do, as
// licenses and attendee sites to add to or take out of the proposed change.
import { licenseNameOf, type License, type ProposedChange, type User } from '../domain/index.js';
import type { WayOut } from './types.js';

const none = { addLicenseIds: [], removeLicenseIds: [], removeAttendeeSites: [] };

/** Take a license out of the change (or off the user). */
export const leaveOff = (license: License): WayOut => ({ ...none, kind: 'leave-off', params: { license: licenseNameOf(license) }, removeLicenseIds: [license.id] });

/** Of two licenses that cannot go together, keep one (also when the change so far would remove it). */
export const keepOnly = (keep: License, drop: License): WayOut => ({
  ...none,
  kind: 'keep-only',
  params: { license: licenseNameOf(keep) },
  addLicenseIds: [keep.id],
  removeLicenseIds: [drop.id],
});

/** Webex Calling Standard → Professional (R4's first way). */
export const switchToProfessional = (standard: License, professional: License): WayOut => ({
  ...none,
  kind: 'switch-to-professional',
  params: { license: licenseNameOf(professional) },
  addLicenseIds: [professional.id],
  removeLicenseIds: [standard.id],
});

/** No attendee account on a site (R5, R6, R7). */
export const noAttendee = (siteUrl: string): WayOut => ({ ...none, kind: 'no-attendee', params: { siteUrl }, removeAttendeeSites: [siteUrl] });

const without = (list: readonly string[], values: readonly string[]): string[] => list.filter((x) => !values.includes(x));

/** The proposed change once a way out is taken (relative to what the user holds: taking back an addition is not a removal). */
export function takeWayOut(user: Pick<User, 'licenseIds' | 'attendeeOf'>, change: ProposedChange, way: WayOut): ProposedChange {
  const addLicenseIds = without(change.addLicenseIds, way.removeLicenseIds);
  const removeLicenseIds = without(change.removeLicenseIds, way.addLicenseIds);
  for (const id of way.addLicenseIds) if (!user.licenseIds.includes(id) && !addLicenseIds.includes(id)) addLicenseIds.push(id);
  for (const id of way.removeLicenseIds) if (user.licenseIds.includes(id) && !removeLicenseIds.includes(id)) removeLicenseIds.push(id);
  const addAttendeeSites = without(change.addAttendeeSites, way.removeAttendeeSites);
  const removeAttendeeSites = [...change.removeAttendeeSites];
  for (const site of way.removeAttendeeSites) if (user.attendeeOf.includes(site) && !removeAttendeeSites.includes(site)) removeAttendeeSites.push(site);
  return { ...change, addLicenseIds, removeLicenseIds, addAttendeeSites, removeAttendeeSites };
}
