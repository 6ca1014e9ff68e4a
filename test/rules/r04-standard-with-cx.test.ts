// R4: "U kunt de standaardlicentie voor Webex Calling en de licentie Basisbeginselen voor de
// klantervaring niet toewijzen aan een gebruiker." (You cannot assign the Webex Calling
// Standard license and the Customer Experience Basic license to a user.)
import { describe, expect, it } from 'vitest';
import { CALLING, codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R4 "U kunt de standaardlicentie voor Webex Calling en de licentie Basisbeginselen voor de klantervaring niet toewijzen aan een gebruiker." (not Calling Standard + CX Basic)';

interface Row extends Case {
  violations: string[];
}

const rows: Row[] = [
  { name: 'refused: CX Basic added to a Standard user', user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CX-1'] }, violations: ['R4.standard-with-cx'] },
  { name: 'refused: Standard added to a CX Basic user', user: { licenseIds: ['CX-1'] }, change: { addLicenseIds: ['CAL-STD-2'], calling: CALLING }, violations: ['R4.standard-with-cx'] },
  { name: 'refused: both added at once', change: { addLicenseIds: ['CX-1', 'CAL-STD-1'], calling: CALLING }, violations: ['R4.standard-with-cx'] },
  { name: 'refused: a Professional user with CX moving to Standard', user: { licenseIds: ['CAL-PRO-1', 'CX-1'] }, change: { addLicenseIds: ['CAL-STD-1'] }, violations: ['R4.standard-with-cx'] },
  { name: 'allowed: CX Basic with Professional', user: { licenseIds: ['CAL-PRO-1'] }, change: { addLicenseIds: ['CX-1'] }, violations: [] },
  { name: 'allowed: switching a Standard + CX user to Professional', user: { licenseIds: ['CAL-STD-1', 'CX-1'] }, change: { addLicenseIds: ['CAL-PRO-1'] }, violations: [] },
  { name: 'allowed: removing CX Basic from a Standard + CX user', user: { licenseIds: ['CAL-STD-1', 'CX-1'] }, change: { removeLicenseIds: ['CX-1'] }, violations: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R4 $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it('R4 the violation names both licenses and the user', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CX-1'] } });
    expect(verdict.violations[0]).toEqual({
      rule: 'R4',
      code: 'R4.standard-with-cx',
      params: { user: 'Alice Jansen', standard: 'Webex Calling - Basic', cx: 'Customer Experience - Essential' },
      // The message's two ways, as changes: Professional of the Standard's subscription, or CX off.
      waysOut: [
        { kind: 'switch-to-professional', params: { license: 'Webex Calling - Professional' }, addLicenseIds: ['CAL-PRO-1'], removeLicenseIds: ['CAL-STD-1'], removeAttendeeSites: [] },
        { kind: 'leave-off', params: { license: 'Customer Experience - Essential' }, addLicenseIds: [], removeLicenseIds: ['CX-1'], removeAttendeeSites: [] },
      ],
    });
  });

  it('R4 offers no switch to Professional when no Professional license has a free unit', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CX-1'] }, ctx: { used: { 'CAL-PRO-1': 10, 'CAL-PRO-2': 10 } } });
    expect(verdict.violations[0]?.waysOut?.map((w) => w.kind)).toEqual(['leave-off']);
  });
});
