// R12 (DESIGN): a subscription license has a fixed number of units. Assigning a license
// with no free unit is refused; removing one frees it; R3's switch needs a free unit too.
import { describe, expect, it } from 'vitest';
import { codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R12 "Selecteer het abonnement dat u wilt toevoegen of verwijderen" (select the subscription to add or remove; DESIGN: a subscription license has a fixed number of units)';

interface Row extends Case {
  violations: string[];
}

const rows: Row[] = [
  { name: 'refused: adding a license whose units are all used', change: { addLicenseIds: ['MSG-1'] }, ctx: { used: { 'MSG-1': 10 } }, violations: ['R12.no-free-unit'] },
  { name: 'refused: a license with zero units', change: { addLicenseIds: ['MSG-1'] }, ctx: { totals: { 'MSG-1': 0 } }, violations: ['R12.no-free-unit'] },
  { name: 'allowed: the last free unit', change: { addLicenseIds: ['MSG-1'] }, ctx: { used: { 'MSG-1': 9 } }, violations: [] },
  { name: 'allowed: keeping a held license on a full subscription', user: { licenseIds: ['MSG-1'] }, change: { addLicenseIds: ['CX-1'] }, ctx: { used: { 'MSG-1': 10 } }, violations: [] },
  { name: 'allowed: removing a license from a full subscription (frees a unit)', user: { licenseIds: ['MSG-1'] }, change: { removeLicenseIds: ['MSG-1'] }, ctx: { used: { 'MSG-1': 10 } }, violations: [] },
  {
    name: 'refused: R1 replacing Professional by a full Standard',
    user: { licenseIds: ['CAL-PRO-1'] },
    change: { addLicenseIds: ['CAL-STD-1'] },
    ctx: { used: { 'CAL-PRO-1': 1, 'CAL-STD-1': 10 } },
    violations: ['R12.no-free-unit'],
  },
  {
    name: 'refused: over-full data (used above total) still refuses a new assignment',
    change: { addLicenseIds: ['MSG-1'] },
    ctx: { used: { 'MSG-1': 12 } },
    violations: ['R12.no-free-unit'],
  },
];

describe(QUOTE, () => {
  it.each(rows)('R12 $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it('R12 the violation says used / total and names the license', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['MSG-1'] }, ctx: { used: { 'MSG-1': 10 } } });
    expect(verdict.violations[0]).toEqual({
      rule: 'R12',
      code: 'R12.no-free-unit',
      // With its subscription (and site, for Meetings): several licenses can share a name.
      params: { license: 'Advanced Messaging · Sub-100101', used: 10, total: 10 },
      waysOut: [{ kind: 'leave-off', params: { license: 'Advanced Messaging' }, addLicenseIds: [], removeLicenseIds: ['MSG-1'], removeAttendeeSites: [] }],
    });
  });
});
