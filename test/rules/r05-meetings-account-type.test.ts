// R5: "Als u een Webex Meetings-licentie hebt toegewezen, kiest u een accounttype om de
// gebruiker aan toe te wijzen voor elke Webex Meetings-site." (After assigning a Webex
// Meetings license, choose an account type for each Webex Meetings site.)
import { describe, expect, it } from 'vitest';
import { codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R5 "kiest u een accounttype om de gebruiker aan toe te wijzen voor elke Webex Meetings-site" (one account type per Meetings site)';

interface Row extends Case {
  violations: string[];
  notices: string[];
}

const rows: Row[] = [
  { name: 'refused: attendee added where the user is host', user: { licenseIds: ['MTG-ACME-1'] }, change: { addAttendeeSites: ['acme.webex.com'] }, violations: ['R5.host-and-attendee'], notices: [] },
  {
    name: 'refused: host license added where the user is attendee',
    user: { attendeeOf: ['acme.webex.com'] },
    change: { addLicenseIds: ['MTG-ACME-2'] },
    violations: ['R5.host-and-attendee'],
    notices: ['R5.choose-account-type', 'R5.choose-account-type', 'R5.choose-account-type'],
  },
  {
    name: 'allowed: host license added while the attendee account is removed',
    user: { attendeeOf: ['acme.webex.com'] },
    change: { addLicenseIds: ['MTG-ACME-1'], removeAttendeeSites: ['acme.webex.com'] },
    violations: [],
    notices: ['R5.choose-account-type', 'R5.choose-account-type', 'R5.choose-account-type'],
  },
  { name: 'allowed: host on one site, attendee on another', user: { licenseIds: ['MTG-ACME-1'] }, change: { addAttendeeSites: ['acme-events.webex.com'] }, violations: [], notices: [] },
  { name: 'allowed: attendee without any Meetings license (uses no unit)', change: { addAttendeeSites: ['acme.webex.com'] }, violations: [], notices: [] },
  { name: 'allowed: a change without Meetings licenses asks nothing', change: { addLicenseIds: ['MSG-1'] }, violations: [], notices: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R5 $name', (row) => {
    const verdict = verdictFor(row);
    expect(codes(verdict.violations)).toEqual(row.violations);
    expect(codes(verdict.notices.filter((n) => n.rule === 'R5'))).toEqual(row.notices);
  });

  it('R5 after a Meetings license is added, the account type is asked for each site (sorted)', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['MTG-EVENTS-1'] } });
    expect(verdict.notices.filter((n) => n.rule === 'R5').map((n) => n.params.siteUrl)).toEqual([
      'acme-events.webex.com',
      'acme-training.webex.com',
      'acme.webex.com',
    ]);
  });

  it('R5 the host-and-attendee violation names the site and the user', () => {
    const verdict = verdictFor({ user: { licenseIds: ['MTG-ACME-1'] }, change: { addAttendeeSites: ['acme.webex.com'] } });
    expect(verdict.violations[0]?.params).toEqual({ user: 'Alice Jansen', siteUrl: 'acme.webex.com' });
  });
});
