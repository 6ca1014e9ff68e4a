// R6: "U moet de functie Deelnemersaccount hebben ingeschakeld voor uw Webex-site om
// gebruikers toe te wijzen als deelnemers. [...] contact opnemen met het Cisco Technical
// Assistance Center (TAC) om deze functie voor uw Webex-site in te schakelen."
// (The site needs the attendee account feature; contact Cisco TAC to enable it.)
import { describe, expect, it } from 'vitest';
import { codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R6 "U moet de functie Deelnemersaccount hebben ingeschakeld voor uw Webex-site" (attendee accounts need the site feature; TAC enables it)';

interface Row extends Case {
  violations: string[];
}

const rows: Row[] = [
  { name: 'refused: attendee on a site with the feature off', change: { addAttendeeSites: ['acme-training.webex.com'] }, violations: ['R6.attendee-feature-off'] },
  { name: 'allowed: attendee on a site with the feature on', change: { addAttendeeSites: ['acme.webex.com'] }, violations: [] },
  { name: 'allowed: an existing attendee account stays while other licenses change', user: { attendeeOf: ['acme-training.webex.com'] }, change: { addLicenseIds: ['MSG-1'] }, violations: [] },
  { name: 'allowed: removing an attendee account on a site with the feature off', user: { attendeeOf: ['acme-training.webex.com'] }, change: { removeAttendeeSites: ['acme-training.webex.com'] }, violations: [] },
  { name: 'allowed: host (Meetings license) on a site with the feature off', change: { addLicenseIds: ['MTG-TRAIN-1'] }, violations: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R6 $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it('R6 the violation names the site, so the message can say to contact TAC for it', () => {
    const verdict = verdictFor({ change: { addAttendeeSites: ['acme-training.webex.com'] } });
    expect(verdict.violations[0]).toEqual({
      rule: 'R6',
      code: 'R6.attendee-feature-off',
      params: { user: 'Alice Jansen', siteUrl: 'acme-training.webex.com' },
      waysOut: [{ kind: 'no-attendee', params: { siteUrl: 'acme-training.webex.com' }, addLicenseIds: [], removeLicenseIds: [], removeAttendeeSites: ['acme-training.webex.com'] }],
    });
  });
});
