// R1: "U kunt slechts één gesprekslicentie tegelijk gebruiken."
// (You can use only one calling license at a time.)
import { describe, expect, it } from 'vitest';
import { CALLING, codes, verdictFor, type Case } from './fixtures.js';

const QUOTE = 'R1 "U kunt slechts één gesprekslicentie tegelijk gebruiken." (only one calling license at a time)';

interface Row extends Case {
  violations: string[];
  autoChanges: string[];
  result?: string[];
}

const rows: Row[] = [
  { name: 'allowed: first calling license', change: { addLicenseIds: ['CAL-PRO-1'], calling: CALLING }, violations: [], autoChanges: [], result: ['CAL-PRO-1'] },
  {
    name: 'allowed: picking Professional replaces Standard (auto change)',
    user: { licenseIds: ['CAL-STD-1'] },
    change: { addLicenseIds: ['CAL-PRO-1'] },
    violations: [],
    autoChanges: ['R1.replace-calling'],
    result: ['CAL-PRO-1'],
  },
  {
    name: 'allowed: picking Standard replaces Professional (auto change)',
    user: { licenseIds: ['CAL-PRO-2', 'MSG-1'] },
    change: { addLicenseIds: ['CAL-STD-2'] },
    violations: [],
    autoChanges: ['R1.replace-calling'],
    result: ['CAL-STD-2', 'MSG-1'],
  },
  {
    name: 'allowed: explicit swap needs no auto change',
    user: { licenseIds: ['CAL-STD-1'] },
    change: { addLicenseIds: ['CAL-PRO-1'], removeLicenseIds: ['CAL-STD-1'] },
    violations: [],
    autoChanges: [],
    result: ['CAL-PRO-1'],
  },
  {
    name: 'allowed: Webex Calling beside Unified CM is not a second calling license (R2)',
    user: { licenseIds: ['UCM-1'] },
    change: { addLicenseIds: ['CAL-PRO-1'], calling: CALLING },
    violations: [],
    autoChanges: [],
    result: ['CAL-PRO-1', 'UCM-1'],
  },
  {
    name: 'allowed: re-adding the calling license already held changes nothing',
    user: { licenseIds: ['CAL-PRO-1'] },
    change: { addLicenseIds: ['CAL-PRO-1'] },
    violations: [],
    autoChanges: [],
    result: ['CAL-PRO-1'],
  },
  {
    name: 'refused: the change itself adds two calling licenses',
    change: { addLicenseIds: ['CAL-STD-1', 'CAL-PRO-1'] },
    violations: ['R1.one-calling-license'],
    autoChanges: [],
  },
  {
    name: 'refused: two calling licenses added to a user who had one (old one replaced, two remain)',
    user: { licenseIds: ['CAL-STD-2'] },
    change: { addLicenseIds: ['CAL-STD-1', 'CAL-PRO-1'] },
    violations: ['R1.one-calling-license'],
    autoChanges: ['R1.replace-calling'],
  },
  {
    name: 'refused: a user stored with two calling licenses must drop one before any other change',
    user: { licenseIds: ['CAL-PRO-1', 'CAL-STD-1'] },
    change: { addLicenseIds: ['MSG-1'] },
    violations: ['R1.one-calling-license'],
    autoChanges: [],
  },
];

describe(QUOTE, () => {
  it.each(rows)('R1 $name', (row) => {
    const verdict = verdictFor(row);
    expect(codes(verdict.violations.filter((v) => v.rule === 'R1'))).toEqual(row.violations);
    expect(codes(verdict.autoChanges.filter((a) => a.rule === 'R1'))).toEqual(row.autoChanges);
    expect(verdict.ok).toBe(row.violations.length === 0);
    if (row.result) expect(verdict.result.licenseIds).toEqual(row.result);
  });

  it('R1 the auto change names what is removed and what replaces it', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CAL-PRO-1'] } });
    expect(verdict.autoChanges).toEqual([
      {
        rule: 'R1',
        code: 'R1.replace-calling',
        params: { user: 'Alice Jansen', removed: 'Webex Calling - Basic', added: 'Webex Calling - Professional' },
        addLicenseIds: [],
        removeLicenseIds: ['CAL-STD-1'],
      },
    ]);
    expect(verdict.diff).toMatchObject({ addedLicenseIds: ['CAL-PRO-1'], removedLicenseIds: ['CAL-STD-1'] });
  });

  it('R1 the violation names both licenses', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['CAL-STD-1', 'CAL-PRO-1'] } });
    expect(verdict.violations[0]?.params).toEqual({
      user: 'Alice Jansen',
      first: 'Webex Calling - Professional',
      second: 'Webex Calling - Basic',
    });
  });
});
