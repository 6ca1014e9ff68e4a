// Combinations of rules named in issue 3, evaluated as a whole.
import { describe, expect, it } from 'vitest';
import { emptyChange } from '../../src/domain/index.js';
import { evaluate, planSiteAccount } from '../../src/rules/index.js';
import { CALLING, change, codes, ctxFromUsers, makeCtx, makeUser, verdictFor } from './fixtures.js';

describe('combinations', () => {
  it('R3+R4 "Attendant Console … Professional-licentie" + "standaardlicentie … Basisbeginselen voor de klantervaring": Attendant Console for a Standard + CX user switches to Professional, no R4', () => {
    const verdict = verdictFor({ user: { licenseIds: ['CAL-STD-1', 'CX-1'] }, change: { addLicenseIds: ['AC-1'] } });
    expect(verdict.ok).toBe(true);
    expect(codes(verdict.autoChanges)).toEqual(['R3.switch-to-professional']);
    expect(codes(verdict.violations)).toEqual([]);
    expect(verdict.result.licenseIds).toEqual(['AC-1', 'CAL-PRO-1', 'CX-1']);
    expect(verdict.diff).toEqual({ addedLicenseIds: ['AC-1', 'CAL-PRO-1'], removedLicenseIds: ['CAL-STD-1'], addedAttendeeSites: [], removedAttendeeSites: [] });
  });

  it('R3+R4 with no free Professional unit: R3 says so and R4 still explains the Standard + CX conflict', () => {
    const verdict = verdictFor({
      user: { licenseIds: ['CAL-STD-1', 'CX-1'] },
      change: { addLicenseIds: ['AC-1'] },
      ctx: { used: { 'CAL-PRO-1': 10, 'CAL-PRO-2': 10 } },
    });
    expect(codes(verdict.violations)).toEqual(['R3.no-professional-unit', 'R4.standard-with-cx']);
  });

  describe('R5–R7: host on the site the user administers, attendee elsewhere', () => {
    const user = makeUser({ siteAdminOf: ['acme.webex.com'] });
    const ctx = makeCtx();
    const plan = (sites: Record<string, 'none' | 'host' | 'attendee'>) =>
      Object.entries(sites).reduce((c, [siteUrl, type]) => planSiteAccount({ ctx, user, change: c, siteUrl, type }), emptyChange());

    it('R5 R7 allowed: host on acme.webex.com (admin there) and attendee on acme-events.webex.com', () => {
      const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: plan({ 'acme.webex.com': 'host', 'acme-events.webex.com': 'attendee' }) });
      expect(verdict.ok).toBe(true);
      expect(verdict.result).toEqual({ licenseIds: ['MTG-ACME-1'], attendeeOf: ['acme-events.webex.com'] });
    });

    it('R6 refused: attendee on acme-training.webex.com, whose attendee feature is off (contact TAC)', () => {
      const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: plan({ 'acme.webex.com': 'host', 'acme-training.webex.com': 'attendee' }) });
      expect(codes(verdict.violations)).toEqual(['R6.attendee-feature-off']);
    });

    it('R5 R7 refused: a crafted change with host and attendee on the administered site', () => {
      const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: change({ addLicenseIds: ['MTG-ACME-1'], addAttendeeSites: ['acme.webex.com'] }) });
      expect(codes(verdict.violations)).toEqual(['R5.host-and-attendee', 'R7.site-admin']);
    });
  });

  it('R8 "eerst de gebruiker verwijderen en vervolgens opnieuw toevoegen": a pending external user cannot get a different license', () => {
    const verdict = verdictFor({
      user: { type: 'external', status: 'pending', licenseIds: ['MSG-1'] },
      change: { addLicenseIds: ['MTG-ACME-1'], removeLicenseIds: ['MSG-1'] },
    });
    expect(codes(verdict.violations)).toEqual(['R8.pending-external']);
    expect(verdict.ok).toBe(false);
  });

  it('R9 "niet weergegeven in de Externe gebruikers lijst": an external user losing the last license leaves the list', () => {
    const verdict = verdictFor({ user: { type: 'external', licenseIds: ['MSG-1'] }, change: { removeLicenseIds: ['MSG-1'] } });
    expect(verdict.ok).toBe(true);
    expect(codes(verdict.notices)).toEqual(['R9.leaves-external-list']);
    expect(verdict.result.licenseIds).toEqual([]);
  });

  it('R2 "voor migratiescenario\'s" then "Unified CM-rechten verwijderen": add Webex Calling, then complete by removing UCM', () => {
    let user = makeUser({ licenseIds: ['UCM-1'] });
    const step1 = evaluate({ ctx: ctxFromUsers([user]), actorRole: 'admin', intent: 'apply', user, change: change({ addLicenseIds: ['CAL-PRO-1'], calling: CALLING }) });
    expect(step1.ok).toBe(true);
    expect(codes(step1.notices)).toEqual(['R2.migrating', 'R10.calling-settings-hint']);

    expect(step1.calling).toEqual(CALLING);
    user = { ...user, licenseIds: step1.result.licenseIds, attendeeOf: step1.result.attendeeOf, calling: step1.calling! };
    const step2 = evaluate({ ctx: ctxFromUsers([user]), actorRole: 'admin', intent: 'apply', user, change: change({ removeLicenseIds: ['UCM-1'] }) });
    expect(step2.ok).toBe(true);
    expect(codes(step2.notices)).toEqual(['R2.migration-complete']);
    expect(step2.result.licenseIds).toEqual(['CAL-PRO-1']);
  });
});
