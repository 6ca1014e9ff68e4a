// R9: "Wanneer u alle licenties van een externe gebruiker verwijdert, worden deze niet
// weergegeven in de Externe gebruikers lijst niet meer." (An external user without any
// license no longer shows in the External users list.)
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/index.js';
import { codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R9 "Wanneer u alle licenties van een externe gebruiker verwijdert, worden deze niet weergegeven in de Externe gebruikers lijst" (leaves the external list)';

interface Row extends Case {
  notices: string[];
}

const external: Partial<User> = { type: 'external', licenseIds: ['MSG-1', 'MTG-ACME-1'] };
const rows: Row[] = [
  { name: 'notice: the last licenses of an external user are removed', user: external, change: { removeLicenseIds: ['MSG-1', 'MTG-ACME-1'] }, notices: ['R9.leaves-external-list'] },
  { name: 'no notice: an external user keeps one license', user: external, change: { removeLicenseIds: ['MSG-1'] }, notices: [] },
  { name: 'no notice: an internal user losing every license', user: { ...external, type: 'internal' }, change: { removeLicenseIds: ['MSG-1', 'MTG-ACME-1'] }, notices: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R9 $name', (row) => {
    const verdict = verdictFor(row);
    expect(verdict.violations).toEqual([]);
    expect(codes(verdict.notices.filter((n) => n.rule === 'R9'))).toEqual(row.notices);
  });
});
