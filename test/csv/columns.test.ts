// Header matching: Control Hub's documented shapes and the dash/spacing/case variants.
import { describe, expect, it } from 'vitest';
import { attendeeHeader, licenseHeader, resolveHeader } from '../../src/csv/columns.js';
import { csvTestOrg } from './helpers.js';

const org = csvTestOrg();
const resolve = (header: string) => resolveHeader(header, org);

describe('resolveHeader', () => {
  it.each([
    ['User ID/Email (Required)', 'email'],
    ['user id/email  (required)', 'email'],
    ['First Name', 'firstName'],
    ['LAST NAME', 'lastName'],
    ['Display Name', 'displayName'],
    ['User Status', 'status'],
  ])('reads "%s" as the %s field', (header, field) => {
    expect(resolve(header)).toEqual({ kind: 'field', field });
  });

  it.each([
    ['Webex Calling - Professional [Sub-100101]'],
    ['Webex Calling – Professional [Sub-100101]'], // en dash
    ['Webex Calling — Professional [Sub-100101]'], // em dash
    ['webex calling-professional [sub-100101]'],
    ['Webex  Calling  -  Professional  [ Sub-100101 ]'],
    ['Webex Calling - Professional'], // no subscription: the name is unique in this org
  ])('finds the Calling Professional license in "%s"', (header) => {
    expect(resolve(header)).toEqual({ kind: 'license', licenseId: 'lic-calling-pro-100101', suspended: false });
  });

  it.each([
    ['acme.webex.com – Webex Enterprise Edition'], // as in Cisco's article txzp4bb
    ['acme.webex.com - Webex Enterprise Edition [Sub-100102]'],
    ['acme.webex.com - Meeting - Webex Enterprise Edition [Sub-100102]'],
    ['Meeting - Webex Enterprise Edition [Sub-100102] - acme.webex.com'],
    ['ACME.WEBEX.COM—Webex Enterprise Edition'],
  ])('finds the acme.webex.com host license in "%s"', (header) => {
    expect(resolve(header)).toEqual({ kind: 'license', licenseId: 'lic-meetings-acme-100102', suspended: false });
  });

  it.each([['acme.webex.com–Attendee'], ['acme.webex.com - Attendee'], ['Attendee Account - acme.webex.com'], ['acme.webex.com – attendee account']])(
    'finds the acme.webex.com attendee column in "%s"',
    (header) => {
      expect(resolve(header)).toEqual({ kind: 'attendee', siteUrl: 'acme.webex.com', suspended: false });
    },
  );

  it('marks a (Suspended) column', () => {
    expect(resolve('Advanced Messaging [Sub-100101] (Suspended)')).toEqual({
      kind: 'license',
      licenseId: 'lic-adv-messaging-100101',
      suspended: true,
    });
  });

  it('reports a column it does not know, with the reason', () => {
    expect(resolve('Webex Webinars [Sub-100101]')).toMatchObject({ kind: 'unknown' });
    expect(resolve('Webex Calling - Professional [Sub-999]')).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('Sub-100101'),
    });
    expect(resolve('unknown-site.webex.com - Attendee')).toMatchObject({ kind: 'unknown' });
  });

  it('lists Control Hub attribute columns as ignored, not unknown', () => {
    expect(resolve('Department')).toEqual({ kind: 'ignored' });
    expect(resolve('Last Service Accessed Time')).toEqual({ kind: 'ignored' });
  });

  it('asks for the subscription when a license name is in two subscriptions', () => {
    const twoSubs = {
      sites: org.sites,
      licenses: [...org.licenses, { ...org.licenses.find((l) => l.id === 'lic-messaging-100101')!, id: 'lic-msg-2', subscriptionId: 'Sub-200' }],
    };
    expect(resolveHeader('Webex Messaging', twoSubs)).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('[Sub-200]') });
    expect(resolveHeader('Webex Messaging [Sub-200]', twoSubs)).toMatchObject({ kind: 'license', licenseId: 'lic-msg-2' });
  });

  it('reads back every header export writes', () => {
    for (const license of org.licenses) {
      expect(resolve(licenseHeader(license))).toEqual({ kind: 'license', licenseId: license.id, suspended: false });
    }
    for (const site of org.sites) {
      expect(resolve(attendeeHeader(site.url))).toEqual({ kind: 'attendee', siteUrl: site.url, suspended: false });
    }
  });
});
