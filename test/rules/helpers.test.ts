// Read-only helpers the cards and flows use (so the logic lives once, here).
import { describe, expect, it } from 'vitest';
import { callingLicenseOf, hostSites, isMigrating, licensesByService } from '../../src/rules/index.js';
import { makeCtx } from './fixtures.js';

const ctx = makeCtx();

describe('rules helpers', () => {
  it('R1 callingLicenseOf: the Webex Calling license, never UCM', () => {
    expect(callingLicenseOf(ctx, ['UCM-1', 'CAL-STD-1'])?.id).toBe('CAL-STD-1');
    expect(callingLicenseOf(ctx, ['UCM-1'])).toBeUndefined();
  });

  it('R2 isMigrating: Webex Calling and Unified CM together', () => {
    expect(isMigrating(ctx, ['UCM-1', 'CAL-PRO-1'])).toBe(true);
    expect(isMigrating(ctx, ['CAL-PRO-1'])).toBe(false);
    expect(isMigrating(ctx, ['UCM-1'])).toBe(false);
  });

  it('R5 hostSites: sites whose Meetings license is held, sorted', () => {
    expect(hostSites(ctx, ['MTG-ACME-1', 'MTG-EVENTS-1', 'MTG-ACME-2', 'MSG-1'])).toEqual(['acme-events.webex.com', 'acme.webex.com']);
  });

  it('licensesByService groups known licenses and skips unknown ids', () => {
    const groups = licensesByService(ctx, ['CAL-PRO-1', 'MSG-1', 'NOPE', 'MTG-ACME-1']);
    expect(Object.keys(groups).sort()).toEqual(['calling', 'meetings', 'messaging']);
    expect(groups.calling?.map((l) => l.id)).toEqual(['CAL-PRO-1']);
  });
});
