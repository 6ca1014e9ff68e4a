// CALLING: Webex refuses a Calling license without properties (400411: each Calling license
// needs a locationId and an extension or a phone number). The rules check them before a save.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/index.js';
import { CALLING, change, codes, makeCtx, makeUser, verdictFor, type Case } from './fixtures.js';

const BOB = makeUser({
  id: 'u-bob',
  email: 'bob@acme.example',
  displayName: 'Bob Visser',
  licenseIds: ['CAL-PRO-1'],
  calling: { locationId: 'loc-amsterdam', extension: '4101', phoneNumber: '+31205550101' },
});

interface Row extends Case {
  violations: string[];
}

const rows: Row[] = [
  { name: 'refused: Professional added without properties', change: { addLicenseIds: ['CAL-PRO-1'] }, violations: ['CALLING.properties-missing'] },
  { name: 'refused: Standard added without properties', change: { addLicenseIds: ['CAL-STD-1'] }, violations: ['CALLING.properties-missing'] },
  { name: 'refused: R3 adds Professional for Attendant Console, no properties', change: { addLicenseIds: ['AC-1'] }, violations: ['CALLING.properties-missing'] },
  { name: 'allowed: Professional with a location and extension', change: { addLicenseIds: ['CAL-PRO-1'], calling: CALLING }, violations: [] },
  { name: 'allowed: a location and a phone number only', change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-rotterdam', phoneNumber: '+31 10-555 0199' } }, violations: [] },
  { name: 'refused: unknown location', change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-paris', extension: '4999' } }, violations: ['CALLING.location-unknown'] },
  { name: 'refused: extension with letters', change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-amsterdam', extension: '41a' } }, violations: ['CALLING.extension-invalid'] },
  { name: 'refused: extension of one digit', change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-amsterdam', extension: '4' } }, violations: ['CALLING.extension-invalid'] },
  { name: 'refused: number without +country', change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-amsterdam', phoneNumber: '020 555 0101' } }, violations: ['CALLING.number-invalid'] },
  { name: 'refused: neither extension nor number', change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-amsterdam' } }, violations: ['CALLING.number-or-extension'] },
  {
    name: 'refused: extension held by another user in the same location',
    change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-amsterdam', extension: '4101' } },
    ctx: { callingUsers: [BOB] },
    violations: ['CALLING.extension-taken'],
  },
  {
    name: 'allowed: the same extension in another location',
    change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-rotterdam', extension: '4101' } },
    ctx: { callingUsers: [BOB] },
    violations: [],
  },
  {
    name: 'refused: number held by another user (written with spaces)',
    change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-rotterdam', extension: '5001', phoneNumber: '+31 20 555 0101' } },
    ctx: { callingUsers: [BOB] },
    violations: ['CALLING.number-taken'],
  },
  {
    name: 'allowed: the user keeps their own number',
    user: { id: 'u-bob', licenseIds: ['CAL-STD-1'], calling: BOB.calling! },
    change: { addLicenseIds: ['CAL-PRO-1'], calling: BOB.calling! },
    ctx: { callingUsers: [BOB] },
    violations: [],
  },
  { name: 'allowed: R1 tier switch keeps the properties', user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CAL-PRO-1'] }, violations: [] },
  { name: 'refused: properties without a Calling license', change: { addLicenseIds: ['MSG-1'], calling: CALLING }, violations: ['CALLING.without-license'] },
  { name: 'allowed: no Calling in the change, nothing asked', change: { addLicenseIds: ['MSG-1'] }, violations: [] },
];

describe('CALLING a Calling license needs a location and an extension or number (Webex 400411)', () => {
  it.each(rows)('CALLING $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it('CALLING the verdict carries the properties normalized (number without spaces or dashes)', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-rotterdam', extension: ' 4102 ', phoneNumber: '+31 10-555 0199' } } });
    expect(verdict.ok).toBe(true);
    expect(verdict.calling).toEqual({ locationId: 'loc-rotterdam', extension: '4102', phoneNumber: '+31105550199' });
  });

  it('CALLING an R1 tier switch leaves the properties as they are (verdict.calling undefined)', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CAL-PRO-1'] } });
    expect(verdict.ok).toBe(true);
    expect(verdict.result.licenseIds).toEqual(['CAL-PRO-1']);
    expect(verdict.calling).toBeUndefined();
  });

  it('CALLING removing the last Calling license drops the properties (verdict.calling null)', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-PRO-1', 'MSG-1'] }, change: { removeLicenseIds: ['CAL-PRO-1'] } });
    expect(verdict.ok).toBe(true);
    expect(verdict.calling).toBeNull();
  });

  it('CALLING a user without properties and without Calling: removing other licenses says nothing about Calling', () => {
    expect(verdictFor({ user: { licenseIds: ['MSG-1'] }, change: { removeLicenseIds: ['MSG-1'] } }).calling).toBeUndefined();
  });

  it('CALLING the taken messages name the holder and the location', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: 'loc-amsterdam', extension: '4101' } }, ctx: { callingUsers: [BOB] } });
    expect(verdict.violations[0]).toEqual({
      rule: 'CALLING',
      code: 'CALLING.extension-taken',
      params: { user: 'Alice Jansen', extension: '4101', location: 'Amsterdam HQ', holder: 'Bob Visser' },
    });
  });

  it('CALLING a CSV import row records what Webex holds: missing properties are not asked for, given ones are checked', () => {
    const evaluateRow = (calling?: { locationId: string; extension: string }) =>
      evaluate({ ctx: makeCtx(), actorRole: 'admin', intent: 'apply', user: makeUser(), change: change({ addLicenseIds: ['CAL-PRO-1'], ...(calling ? { calling } : {}) }), newUser: true, recordsWebex: true });
    expect(codes(evaluateRow().violations)).toEqual([]);
    expect(codes(evaluateRow({ locationId: 'loc-paris', extension: '4101' }).violations)).toEqual(['CALLING.location-unknown']);
  });

  it('CALLING properties without any location (a CSV row with only an extension) are missing properties, not an unknown location', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['CAL-PRO-1'], calling: { locationId: '', extension: '4101' } } });
    expect(verdict.violations).toEqual([{ rule: 'CALLING', code: 'CALLING.properties-missing', params: { user: 'Alice Jansen', license: 'Webex Calling - Professional' } }]);
  });

  it('CALLING the missing-properties message names the license (the way out: choose a location and number)', () => {
    const verdict = verdictFor({ change: { addLicenseIds: ['CAL-PRO-1'] } });
    expect(verdict.violations[0]).toEqual({ rule: 'CALLING', code: 'CALLING.properties-missing', params: { user: 'Alice Jansen', license: 'Webex Calling - Professional' } });
  });
});
