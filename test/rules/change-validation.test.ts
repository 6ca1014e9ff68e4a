// CHANGE: the change itself must make sense, and its order never matters.
import { describe, expect, it } from 'vitest';
import { codes, verdictFor, type Case } from './fixtures.js';

interface Row extends Case {
  violations: string[];
}

const rows: Row[] = [
  { name: 'refused: the same license added and removed', change: { addLicenseIds: ['MSG-1'], removeLicenseIds: ['MSG-1'] }, violations: ['CHANGE.contradictory'] },
  { name: 'refused: the same attendee site added and removed', change: { addAttendeeSites: ['acme.webex.com'], removeAttendeeSites: ['acme.webex.com'] }, violations: ['CHANGE.contradictory'] },
  { name: 'refused: an unknown license id', change: { addLicenseIds: ['NOPE'] }, violations: ['CHANGE.unknown-license'] },
  { name: 'refused: removing an unknown license id', change: { removeLicenseIds: ['NOPE'] }, violations: ['CHANGE.unknown-license'] },
  { name: 'refused: an unknown site', change: { addAttendeeSites: ['evil.webex.com'] }, violations: ['CHANGE.unknown-site'] },
  { name: 'allowed: duplicates are ignored', change: { addLicenseIds: ['MSG-1', 'MSG-1'] }, violations: [] },
  { name: 'allowed: removing a license not held is a no-op', change: { removeLicenseIds: ['MSG-1'] }, violations: [] },
];

describe('CHANGE validation', () => {
  it.each(rows)('CHANGE $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it('CHANGE params say which id is wrong; invalid parts are left out of the result', () => {
    const verdict = verdictFor({
      user: { licenseIds: ['MSG-1'] },
      change: { addLicenseIds: ['NOPE', 'CX-1', 'MSG-1'], removeLicenseIds: ['MSG-1'], addAttendeeSites: ['evil.webex.com'] },
    });
    expect(verdict.violations.map((v) => v.params)).toEqual([{ id: 'MSG-1' }, { licenseId: 'NOPE' }, { siteUrl: 'evil.webex.com' }]);
    expect(verdict.result).toEqual({ licenseIds: ['CX-1', 'MSG-1'], attendeeOf: [] });
  });

  it('CHANGE the verdict does not depend on the order of ids', () => {
    const a = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['AC-1', 'CX-1', 'MTG-ACME-1'], addAttendeeSites: ['acme-events.webex.com', 'acme-training.webex.com'] } });
    const b = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['MTG-ACME-1', 'CX-1', 'AC-1'], addAttendeeSites: ['acme-training.webex.com', 'acme-events.webex.com'] } });
    expect(b).toEqual(a);
  });
});
