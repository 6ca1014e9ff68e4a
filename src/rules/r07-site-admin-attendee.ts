// R7: "Het accounttype deelnemer is niet beschikbaar voor gebruikers met de rol
// Webex-sitebeheerder. [...] moet u de beheerrechten van de gebruiker voor die Webex
// Meetings-site verwijderen."
import { CODES } from './codes.js';
import { userLabel } from './helpers.js';
import { addedAttendeeSites, type Rule } from './state.js';
import { noAttendee } from './ways-out.js';

/** R7: no new attendee account on a site where the user is site administrator. */
export const r7SiteAdminAttendee: Rule = (s) => ({
  violations: addedAttendeeSites(s)
    .filter((siteUrl) => s.user.siteAdminOf.includes(siteUrl))
    .map((siteUrl) => ({ rule: 'R7', code: CODES.r7SiteAdmin, params: { user: userLabel(s.user), siteUrl }, waysOut: [noAttendee(siteUrl)] })),
});
