// R7: "Het accounttype deelnemer is niet beschikbaar voor gebruikers met de rol
// Webex-sitebeheerder. [...] moet u de beheerrechten van de gebruiker voor die Webex
// Meetings-site verwijderen." (No attendee account for a site administrator; remove the
// admin privilege for that site first.)
import { describe, expect, it } from 'vitest';
import { codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R7 "Het accounttype deelnemer is niet beschikbaar voor gebruikers met de rol Webex-sitebeheerder." (no attendee for a site admin of that site)';

interface Row extends Case {
  violations: string[];
}

const admin = { siteAdminOf: ['acme.webex.com'] };
const rows: Row[] = [
  { name: 'refused: attendee on the site the user administers', user: admin, change: { addAttendeeSites: ['acme.webex.com'] }, violations: ['R7.site-admin'] },
  { name: 'allowed: attendee on another site', user: admin, change: { addAttendeeSites: ['acme-events.webex.com'] }, violations: [] },
  { name: 'allowed: host on the site the user administers', user: admin, change: { addLicenseIds: ['MTG-ACME-1'] }, violations: [] },
  { name: 'allowed: attendee for a user without the admin role', change: { addAttendeeSites: ['acme.webex.com'] }, violations: [] },
  {
    name: 'refused: both R6 and R7 when the site is administered and has the feature off',
    user: { siteAdminOf: ['acme-training.webex.com'] },
    change: { addAttendeeSites: ['acme-training.webex.com'] },
    violations: ['R6.attendee-feature-off', 'R7.site-admin'],
  },
];

describe(QUOTE, () => {
  it.each(rows)('R7 $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it('R7 the violation names the user and the site whose admin role must go first', () => {
    const verdict = verdictFor({ user: admin, change: { addAttendeeSites: ['acme.webex.com'] } });
    expect(verdict.violations[0]?.params).toEqual({ user: 'Alice Jansen', siteUrl: 'acme.webex.com' });
  });
});
