// A small org for the org-*.test.ts files, and calls through the emulator's Hono app.
import { expect } from 'vitest';
import { createEmulator, type Emulator, type OrgSeed } from '../../src/emulator/index.js';

export const LIC = {
  pro: 'lic-calling-pro',
  std: 'lic-calling-std',
  console: 'lic-attendant-console',
  cx: 'lic-cx-essentials',
  meetings: 'lic-meetings-acme',
  meetingsOther: 'lic-meetings-other',
  messaging: 'lic-messaging',
  scarce: 'lic-scarce',
};
export const HQ = 'loc-hq';
export const BRANCH = 'loc-branch';
export const ALL_SCOPES = [
  'spark-admin:licenses_read',
  'spark-admin:people_read',
  'spark-admin:people_write',
  'spark-admin:locations_read',
  'spark-admin:telephony_config_read',
];

export function orgSeed(extraPeople = 0): OrgSeed {
  return {
    licenses: [
      { id: LIC.pro, name: 'Webex Calling - Professional', totalUnits: 10, subscriptionId: 'Sub-1' },
      { id: LIC.std, name: 'Webex Calling - Basic', totalUnits: 10, subscriptionId: 'Sub-1' },
      { id: LIC.console, name: 'Webex Attendant Console', totalUnits: 5, subscriptionId: 'Sub-1' },
      { id: LIC.cx, name: 'Customer Experience - Essential', totalUnits: 5, subscriptionId: 'Sub-1' },
      { id: LIC.meetings, name: 'Meeting - Webex Meetings', totalUnits: 5, subscriptionId: 'Sub-2', siteUrl: 'acme.webex.com', siteType: 'Control Hub managed site', offerCode: 'MC' },
      { id: LIC.meetingsOther, name: 'Meeting - Webex Meetings', totalUnits: 5, subscriptionId: 'Sub-3', siteUrl: 'other.webex.com', siteType: 'Control Hub managed site', offerCode: 'MC' },
      { id: LIC.messaging, name: 'Messaging', totalUnits: 5000, subscriptionId: 'Sub-1' },
      { id: LIC.scarce, name: 'Scarce add-on', totalUnits: 1, subscriptionId: 'Sub-1' },
    ],
    sites: [
      { url: 'acme.webex.com', attendeeAccountEnabled: true },
      { url: 'other.webex.com', attendeeAccountEnabled: true },
      { url: 'closed.webex.com', attendeeAccountEnabled: false },
    ],
    locations: [
      { id: HQ, name: 'HQ', numbers: ['+15550000001', '+15550000002', '+15550000003', '+15550000004'] },
      { id: BRANCH, name: 'Branch', numbers: ['+15550001001'] },
    ],
    people: [
      { email: 'carol@acme.example', displayName: 'Carol Pro', licenses: [LIC.pro, LIC.messaging], attendeeOf: [], siteAdminOf: [], calling: { locationId: HQ, extension: '100', phoneNumber: '+15550000001' } },
      { email: 'dave@acme.example', displayName: 'Dave Standard', licenses: [LIC.std], attendeeOf: ['acme.webex.com'], siteAdminOf: [], calling: { locationId: HQ, extension: '101' } },
      { email: 'erin@acme.example', displayName: 'Erin Cx', licenses: [LIC.cx], attendeeOf: [], siteAdminOf: [] },
      { email: 'fred@acme.example', displayName: 'Fred Plain', licenses: [LIC.scarce, LIC.meetings], attendeeOf: [], siteAdminOf: ['acme.webex.com'] },
      { email: 'gina@acme.example', displayName: 'Gina New', licenses: [], attendeeOf: [], siteAdminOf: [] },
      { email: 'pat@acme.example', displayName: 'Pat Pending', licenses: [], attendeeOf: [], siteAdminOf: [], invitePending: true },
      ...Array.from({ length: extraPeople }, (_, i) => ({
        email: `user${i}@acme.example`,
        displayName: `User ${i}`,
        licenses: [LIC.messaging],
        attendeeOf: [],
        siteAdminOf: [],
      })),
    ],
    admin: { email: 'ann@acme.example', displayName: 'Ann Admin', scopes: ALL_SCOPES },
    serviceApp: { clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1', accessTokenLifetimeSeconds: 3600 },
  };
}

export function orgEmulator(extraPeople = 0, behaviour: Parameters<typeof createEmulator>[0]['behaviour'] = {}): Emulator {
  return createEmulator({
    bot: { email: 'desk@webex.bot', displayName: 'License Desk' },
    people: [{ email: 'ann@acme.example', displayName: 'Ann Admin', label: 'admin' }, { email: 'bob@acme.example', displayName: 'Bob Nobody' }],
    org: orgSeed(extraPeople),
    behaviour,
  });
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(emulator: Emulator, token: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await emulator.api.request(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** Follows Link rel="next" (absolute URLs) until the last page; answers every page. */
export async function allPages(emulator: Emulator, token: string, path: string): Promise<Answer[]> {
  const pages: Answer[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = await call(emulator, token, 'GET', next);
    pages.push(page);
    const link = page.headers.get('link');
    const url = link ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
    next = url ? `${new URL(url).pathname}${new URL(url).search}` : undefined;
    if (url) expect(url).toMatch(/^http:\/\/localhost\//);
  }
  return pages;
}

export const adminToken = (emulator: Emulator) => emulator.org.adminToken as string;
export const personToken = (emulator: Emulator, email: string) => emulator.state.tokenOf(emulator.state.personByEmail(email)!.id)!;
