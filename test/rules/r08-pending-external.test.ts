// R8: "Als u een andere licentie wilt toewijzen aan een bestaande externe gebruiker wiens
// status is In behandeling, moet u eerst de gebruiker verwijderen en vervolgens opnieuw
// toevoegen." (A pending external user: delete the user, then add them again.)
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/index.js';
import { codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R8 "moet u eerst de gebruiker verwijderen en vervolgens opnieuw toevoegen" (pending external user: delete, then add again)';

interface Row extends Case {
  violations: string[];
}

const pending: Partial<User> = { type: 'external', status: 'pending', licenseIds: ['MSG-1'] };
const rows: Row[] = [
  { name: 'refused: adding a license to a pending external user', user: pending, change: { addLicenseIds: ['MTG-ACME-1'] }, violations: ['R8.pending-external'] },
  { name: 'refused: removing a license from a pending external user', user: pending, change: { removeLicenseIds: ['MSG-1'] }, violations: ['R8.pending-external'] },
  { name: 'refused: an attendee account for a pending external user', user: pending, change: { addAttendeeSites: ['acme.webex.com'] }, violations: ['R8.pending-external'] },
  { name: 'allowed: an empty change (nothing to refuse)', user: pending, change: {}, violations: [] },
  { name: 'allowed: an active external user', user: { ...pending, status: 'active' }, change: { addLicenseIds: ['MTG-ACME-1'] }, violations: [] },
  { name: 'allowed: a pending external user being added (an import row records what Webex assigned; not a change)', user: { ...pending, licenseIds: [] }, change: { addLicenseIds: ['MSG-1'] }, newUser: true, violations: [] },
  { name: 'allowed: a pending internal user (the rule is about external users)', user: { ...pending, type: 'internal' }, change: { addLicenseIds: ['MTG-ACME-1'] }, violations: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R8 $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });
});
