// R2: "Het is echter mogelijk om zowel Webex Calling- als Unified CM-registratie voor
// migratiescenario's te selecteren. [...] Zodra de configuratie van Webex Calling is voltooid,
// kan de beheerder de Unified CM-rechten verwijderen."
// (Webex Calling and Unified CM may both be selected for migration; removing UCM once
// Webex Calling is configured completes the migration.)
import { describe, expect, it } from 'vitest';
import { CALLING, codes, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R2 "zowel Webex Calling- als Unified CM-registratie voor migratiescenario\'s" (both for migration) / "kan de beheerder de Unified CM-rechten verwijderen" (then remove UCM)';

interface Row extends Case {
  notices: string[];
}

const rows: Row[] = [
  { name: 'allowed: adding Webex Calling to a Unified CM user starts the migration', user: { licenseIds: ['UCM-1'] }, change: { addLicenseIds: ['CAL-PRO-1'], calling: CALLING }, notices: ['R2.migrating'] },
  { name: 'allowed: adding Unified CM to a Webex Calling user', user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['UCM-1'] }, notices: ['R2.migrating'] },
  { name: 'allowed: a migrating user stays migrating on an unrelated change', user: { licenseIds: ['CAL-PRO-1', 'UCM-1'] }, change: { addLicenseIds: ['MSG-1'] }, notices: ['R2.migrating'] },
  { name: 'allowed: removing Unified CM while Webex Calling stays completes the migration', user: { licenseIds: ['CAL-PRO-1', 'UCM-1'] }, change: { removeLicenseIds: ['UCM-1'] }, notices: ['R2.migration-complete'] },
  { name: 'allowed: removing Webex Calling instead is a step back, not a completion', user: { licenseIds: ['CAL-PRO-1', 'UCM-1'] }, change: { removeLicenseIds: ['CAL-PRO-1'] }, notices: [] },
  { name: 'allowed: removing both is not a completion', user: { licenseIds: ['CAL-PRO-1', 'UCM-1'] }, change: { removeLicenseIds: ['CAL-PRO-1', 'UCM-1'] }, notices: [] },
  { name: 'allowed: Webex Calling alone is no migration', user: { licenseIds: ['CAL-PRO-1'] }, change: { addLicenseIds: ['MSG-1'] }, notices: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R2 $name', (row) => {
    const verdict = verdictFor(row);
    expect(verdict.violations).toEqual([]);
    expect(codes(verdict.notices.filter((n) => n.rule === 'R2'))).toEqual(row.notices);
  });

  it('R2 the notices name the user and both licenses', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-PRO-1', 'UCM-1'] }, change: { removeLicenseIds: ['UCM-1'] } });
    expect(verdict.notices.find((n) => n.rule === 'R2')?.params).toEqual({
      user: 'Alice Jansen',
      calling: 'Webex Calling - Professional',
      ucm: 'Unified Communication Manager (UCM)',
    });
  });
});
