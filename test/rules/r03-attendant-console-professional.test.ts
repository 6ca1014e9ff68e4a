// R3: "Wanneer u Webex Attendant Console selecteert, stelt u de Webex Calling-service in op
// Professional-licentie." (When you select Webex Attendant Console, set the Webex Calling
// service to the Professional license.)
import { describe, expect, it } from 'vitest';
import { CALLING, codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R3 "Wanneer u Webex Attendant Console selecteert, stelt u de Webex Calling-service in op Professional-licentie." (Attendant Console needs Calling Professional)';

interface Row extends Case {
  violations: string[];
  auto?: { add: string[]; remove: string[] };
  result?: string[];
}

const rows: Row[] = [
  { name: 'allowed: Attendant Console for a Professional user needs no switch', user: { licenseIds: ['CAL-PRO-2'] }, change: { addLicenseIds: ['AC-1'] }, violations: [], result: ['AC-1', 'CAL-PRO-2'] },
  {
    name: 'allowed: a Standard user is switched to Professional of the same subscription',
    user: { licenseIds: ['CAL-STD-1'] },
    change: { addLicenseIds: ['AC-1'] },
    violations: [],
    auto: { add: ['CAL-PRO-1'], remove: ['CAL-STD-1'] },
    result: ['AC-1', 'CAL-PRO-1'],
  },
  {
    name: 'allowed: the same subscription wins even when another has more free units',
    user: { licenseIds: ['CAL-STD-2'] },
    change: { addLicenseIds: ['AC-1'] },
    ctx: { used: { 'CAL-PRO-2': 9 } },
    violations: [],
    auto: { add: ['CAL-PRO-2'], remove: ['CAL-STD-2'] },
  },
  {
    name: 'allowed: when the same subscription is full, another Professional with a free unit',
    user: { licenseIds: ['CAL-STD-2'] },
    change: { addLicenseIds: ['AC-1'] },
    ctx: { used: { 'CAL-PRO-2': 10 } },
    violations: [],
    auto: { add: ['CAL-PRO-1'], remove: ['CAL-STD-2'] },
  },
  {
    name: 'allowed: a user without calling gets the Professional with most free units',
    change: { addLicenseIds: ['AC-1'], calling: CALLING },
    ctx: { used: { 'CAL-PRO-1': 8, 'CAL-PRO-2': 3 } },
    violations: [],
    auto: { add: ['CAL-PRO-2'], remove: [] },
  },
  {
    name: 'allowed: equal free units → lowest id',
    change: { addLicenseIds: ['AC-1'], calling: CALLING },
    violations: [],
    auto: { add: ['CAL-PRO-1'], remove: [] },
  },
  {
    name: 'allowed: an Attendant Console user cannot move to Standard; Professional is kept',
    user: { licenseIds: ['AC-1', 'CAL-PRO-1'] },
    change: { addLicenseIds: ['CAL-STD-1'] },
    violations: [],
    auto: { add: ['CAL-PRO-1'], remove: ['CAL-STD-1'] },
    result: ['AC-1', 'CAL-PRO-1'],
  },
  {
    name: 'allowed: removing Attendant Console with the move to Standard',
    user: { licenseIds: ['AC-1', 'CAL-PRO-1'] },
    change: { addLicenseIds: ['CAL-STD-1'], removeLicenseIds: ['AC-1'] },
    violations: [],
    result: ['CAL-STD-1'],
  },
  {
    name: 'refused: no Professional license has a free unit',
    user: { licenseIds: ['CAL-STD-1'] },
    change: { addLicenseIds: ['AC-1'] },
    ctx: { used: { 'CAL-PRO-1': 10, 'CAL-PRO-2': 10 } },
    violations: ['R3.no-professional-unit'],
    result: ['AC-1', 'CAL-STD-1'],
  },
  {
    name: 'allowed: removing Professional from an Attendant Console user gives their own unit back when no other is free',
    user: { licenseIds: ['AC-1', 'CAL-PRO-1'] },
    change: { removeLicenseIds: ['CAL-PRO-1'] },
    ctx: { used: { 'CAL-PRO-2': 10 } },
    // CAL-PRO-1 was the user's own unit, so it is offered back rather than refused.
    violations: [],
    auto: { add: ['CAL-PRO-1'], remove: [] },
  },
];

describe(QUOTE, () => {
  it.each(rows)('R3 $name', (row) => {
    const verdict = verdictFor(row);
    expect(codes(verdict.violations)).toEqual(row.violations);
    const r3 = verdict.autoChanges.filter((a) => a.rule === 'R3');
    if (row.auto) {
      expect(r3).toHaveLength(1);
      expect(r3[0]?.code).toBe('R3.switch-to-professional');
      expect(r3[0]?.addLicenseIds).toEqual(row.auto.add);
      expect(r3[0]?.removeLicenseIds).toEqual(row.auto.remove);
    } else {
      expect(r3).toEqual([]);
    }
    if (row.result) expect(verdict.result.licenseIds).toEqual(row.result);
  });

  it('R3 the switch says what is removed and added; without a Standard license it says "—"', () => {
    const fromStandard = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['AC-1'] } });
    expect(fromStandard.autoChanges[0]?.params).toEqual({
      user: 'Alice Jansen',
      removed: 'Webex Calling - Basic',
      added: 'Webex Calling - Professional',
    });
    const fromNone = verdictFor({ change: { addLicenseIds: ['AC-1'] } });
    expect(fromNone.autoChanges[0]?.params.removed).toBe('—');
  });
});
