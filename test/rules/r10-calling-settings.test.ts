// R10: "Wanneer er direct nadat u een Calling-licentie hebt toegevoegd een foutmelding wordt
// weergegeven wanneer u de gebruikersinstellingen van Calling selecteert, raden we u aan de
// Webex Calling-licentie te verwijderen en de licentie opnieuw toe te wijzen aan de gebruiker."
// (If Calling settings fail right after adding a Calling license, remove it and assign it again.)
import { describe, expect, it } from 'vitest';
import { evaluateReassign } from '../../src/rules/index.js';
import { codes, makeCtx, makeUser, verdictFor, type Case } from './fixtures.js';

const QUOTE =
  'R10 "raden we u aan de Webex Calling-licentie te verwijderen en de licentie opnieuw toe te wijzen" (remove and assign the Calling license again)';

interface Row extends Case {
  notices: string[];
}

const rows: Row[] = [
  { name: 'hint: a calling license is added', change: { addLicenseIds: ['CAL-STD-1'] }, notices: ['R10.calling-settings-hint'] },
  { name: 'hint: the calling license R3 adds counts as added', user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['AC-1'] }, notices: ['R10.calling-settings-hint'] },
  { name: 'no hint: Unified CM is not Webex Calling', change: { addLicenseIds: ['UCM-1'] }, notices: [] },
  { name: 'no hint: the calling license was already held', user: { licenseIds: ['CAL-PRO-1'] }, change: { addLicenseIds: ['MSG-1'] }, notices: [] },
];

describe(QUOTE, () => {
  it.each(rows)('R10 $name', (row) => {
    const verdict = verdictFor(row);
    expect(codes(verdict.notices.filter((n) => n.rule === 'R10'))).toEqual(row.notices);
  });

  it('R10 reassign: allowed for a user with a calling license; the result is unchanged', () => {
    const user = makeUser({ licenseIds: ['MSG-1', 'CAL-PRO-1'], attendeeOf: ['acme.webex.com'] });
    const verdict = evaluateReassign({ ctx: makeCtx(), actorRole: 'admin', user });
    expect(verdict.ok).toBe(true);
    expect(verdict.result).toEqual({ licenseIds: ['CAL-PRO-1', 'MSG-1'], attendeeOf: ['acme.webex.com'] });
    expect(verdict.diff).toEqual({ addedLicenseIds: [], removedLicenseIds: [], addedAttendeeSites: [], removedAttendeeSites: [] });
  });

  it('R10 reassign: refused for a user without a calling license (assign one first)', () => {
    const user = makeUser({ licenseIds: ['UCM-1'] });
    const verdict = evaluateReassign({ ctx: makeCtx(), actorRole: 'admin', user });
    expect(verdict.violations).toEqual([{ rule: 'R10', code: 'R10.no-calling-license', params: { user: 'Alice Jansen' } }]);
  });

  it('R10 reassign: R11 applies, a helpdesk agent cannot reassign directly', () => {
    const user = makeUser({ licenseIds: ['CAL-PRO-1'] });
    expect(codes(evaluateReassign({ ctx: makeCtx(), actorRole: 'helpdesk', user }).violations)).toEqual(['R11.request-only']);
    expect(codes(evaluateReassign({ ctx: makeCtx(), actorRole: 'none', user }).violations)).toEqual(['R11.not-authorized']);
  });
});
