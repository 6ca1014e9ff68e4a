// R5: "Als u een Webex Meetings-licentie hebt toegewezen, kiest u een accounttype om de
// gebruiker aan toe te wijzen voor elke Webex Meetings-site."
// Host on a site = holding that site's Meetings license; attendee = attendeeOf.
import { CODES } from './codes.js';
import { byString, hostSites, licensesOf, userLabel } from './helpers.js';
import { addedLicenseIds, type Rule } from './state.js';
import type { Notice, Violation } from './types.js';
import { noAttendee } from './ways-out.js';

/** R5 (violation): host and attendee on the same site at once. */
export const r5HostAndAttendee: Rule = ({ ctx, user, result }) => {
  const hosts = hostSites(ctx, result.licenseIds);
  const violations: Violation[] = result.attendeeOf
    .filter((site) => hosts.includes(site))
    .map((siteUrl) => ({ rule: 'R5', code: CODES.r5HostAndAttendee, params: { user: userLabel(user), siteUrl }, waysOut: [noAttendee(siteUrl)] }));
  return { violations };
};

/** R5 (notice): a Meetings license was added, so an account type is chosen per Meetings site. */
export const r5ChooseAccountType: Rule = (s) => {
  const addedMeetings = licensesOf(s.ctx, addedLicenseIds(s)).some((l) => l.service === 'meetings');
  if (!addedMeetings) return {};
  const user = userLabel(s.user);
  const notices: Notice[] = [...s.ctx.sites.keys()]
    .sort(byString)
    .map((siteUrl) => ({ rule: 'R5', code: CODES.r5ChooseAccountType, params: { user, siteUrl } }));
  return { notices };
};
