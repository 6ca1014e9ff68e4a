// R6: "U moet de functie Deelnemersaccount hebben ingeschakeld voor uw Webex-site om
// gebruikers toe te wijzen als deelnemers. [...] contact opnemen met het Cisco Technical
// Assistance Center (TAC) om deze functie voor uw Webex-site in te schakelen."
import { CODES } from './codes.js';
import { userLabel } from './helpers.js';
import { addedAttendeeSites, type Rule } from './state.js';
import type { RulesContext } from './types.js';
import { noAttendee } from './ways-out.js';

/** True when the site exists and its attendee account feature is on. */
export const attendeeFeatureOn = (ctx: RulesContext, siteUrl: string): boolean =>
  ctx.sites.get(siteUrl)?.attendeeAccountEnabled === true;

/** R6: no new attendee account on a site whose attendee feature is off. */
export const r6AttendeeFeature: Rule = (s) => ({
  violations: addedAttendeeSites(s)
    .filter((siteUrl) => s.ctx.sites.has(siteUrl) && !attendeeFeatureOn(s.ctx, siteUrl))
    .map((siteUrl) => ({ rule: 'R6', code: CODES.r6AttendeeFeatureOff, params: { user: userLabel(s.user), siteUrl }, waysOut: [noAttendee(siteUrl)] })),
});
