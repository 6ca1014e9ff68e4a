// R5–R7 helpers for the wizard: planSiteAccount (none / host / attendee per site) and
// attendeeOptions (where the card may offer "attendee").
import { describe, expect, it } from 'vitest';
import { attendeeOptions, evaluate, planSiteAccount } from '../../src/rules/index.js';
import { change, makeCtx, makeUser } from './fixtures.js';

const ctx = makeCtx({ used: { 'MTG-ACME-1': 7, 'MTG-ACME-2': 2 } });

describe('R5 planSiteAccount "kiest u een accounttype … voor elke Webex Meetings-site"', () => {
  it('R5 host: adds the site license with most free units and drops the attendee account', () => {
    const user = makeUser({ attendeeOf: ['acme.webex.com'] });
    expect(planSiteAccount({ ctx, user, change: change(), siteUrl: 'acme.webex.com', type: 'host' })).toEqual(
      change({ addLicenseIds: ['MTG-ACME-2'], removeAttendeeSites: ['acme.webex.com'] }),
    );
  });

  it('R5 host: keeps the license already held (no change)', () => {
    const user = makeUser({ licenseIds: ['MTG-ACME-1'] });
    expect(planSiteAccount({ ctx, user, change: change(), siteUrl: 'acme.webex.com', type: 'host' })).toEqual(change());
  });

  it('R5 host: equal free units → lowest id', () => {
    const user = makeUser();
    expect(planSiteAccount({ ctx: makeCtx(), user, change: change(), siteUrl: 'acme.webex.com', type: 'host' }).addLicenseIds).toEqual(['MTG-ACME-1']);
  });

  it('R5 attendee: removes the site licenses held and adds the attendee account', () => {
    const user = makeUser({ licenseIds: ['MTG-ACME-1', 'MSG-1'] });
    expect(planSiteAccount({ ctx, user, change: change(), siteUrl: 'acme.webex.com', type: 'attendee' })).toEqual(
      change({ removeLicenseIds: ['MTG-ACME-1'], addAttendeeSites: ['acme.webex.com'] }),
    );
  });

  it('R5 none: removes the site licenses and the attendee account, keeps other sites untouched', () => {
    const user = makeUser({ licenseIds: ['MTG-ACME-1'], attendeeOf: ['acme-events.webex.com'] });
    const before = change({ addAttendeeSites: ['acme-training.webex.com'], addLicenseIds: ['MTG-ACME-2', 'MSG-1'] });
    expect(planSiteAccount({ ctx, user, change: before, siteUrl: 'acme.webex.com', type: 'none' })).toEqual(
      change({ addLicenseIds: ['MSG-1'], removeLicenseIds: ['MTG-ACME-1'], addAttendeeSites: ['acme-training.webex.com'] }),
    );
  });

  it('R5 choosing again replaces the earlier choice for that site', () => {
    const user = makeUser();
    const host = planSiteAccount({ ctx, user, change: change(), siteUrl: 'acme.webex.com', type: 'host' });
    const attendee = planSiteAccount({ ctx, user, change: host, siteUrl: 'acme.webex.com', type: 'attendee' });
    expect(attendee).toEqual(change({ addAttendeeSites: ['acme.webex.com'] }));
  });

  it.each(['none', 'host', 'attendee'] as const)('R5 every plan (%s) on an allowed site passes evaluate', (type) => {
    const user = makeUser({ licenseIds: ['MTG-ACME-1'], attendeeOf: [] });
    const planned = planSiteAccount({ ctx, user, change: change(), siteUrl: 'acme.webex.com', type });
    expect(evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: planned }).violations).toEqual([]);
  });
});

describe('R6 R7 attendeeOptions', () => {
  it('R6 "contact opnemen met het Cisco Technical Assistance Center (TAC)" and R7 "rol Webex-sitebeheerder": attendee is not offered there', () => {
    const user = makeUser({ siteAdminOf: ['acme.webex.com'] });
    expect(attendeeOptions(makeCtx(), user)).toEqual([
      { siteUrl: 'acme-events.webex.com', allowed: true },
      { siteUrl: 'acme-training.webex.com', allowed: false, reasonCode: 'R6.attendee-feature-off' },
      { siteUrl: 'acme.webex.com', allowed: false, reasonCode: 'R7.site-admin' },
    ]);
  });

  it('R6 an attendee account the user already has stays offered (it can be kept)', () => {
    const user = makeUser({ attendeeOf: ['acme-training.webex.com'] });
    expect(attendeeOptions(makeCtx(), user).find((o) => o.siteUrl === 'acme-training.webex.com')).toEqual({
      siteUrl: 'acme-training.webex.com',
      allowed: true,
    });
  });
});
