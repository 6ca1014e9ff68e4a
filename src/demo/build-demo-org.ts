// The Acme demo org, built from a readable table so every rule of DESIGN section 1 has
// people to show it on. Deterministic: `npx tsx scripts/make-demo-org.ts` writes
// data/demo-org.json from it, and a test checks that the committed file matches.
import type { CallingProperties, License, Location, OrgDocument, Role, Site, Subscription, User } from '../domain/index.js';

const ACME = 'acme.webex.com';
const TRAINING = 'acme-training.webex.com';
const EVENTS = 'acme-events.webex.com';

const sites: Site[] = [
  { url: ACME, attendeeAccountEnabled: true },
  // R6: attendee accounts are off here; only Cisco TAC can switch them on.
  { url: TRAINING, attendeeAccountEnabled: false },
  { url: EVENTS, attendeeAccountEnabled: true },
];

const subscriptions: Subscription[] = [
  { id: 'Sub-100101', name: 'Enterprise Agreement - Calling and Messaging' },
  { id: 'Sub-100102', name: 'Enterprise Agreement - Meetings' },
  { id: 'Sub-100103', name: 'Customer Experience and Attendant Console' },
  { id: 'Sub-100104', name: 'Unified CM (on-premises calling, being migrated)' },
];

/** Short keys used in the user table below. */
type LicenseKey = 'pro' | 'std' | 'msg' | 'adv' | 'hostAcme' | 'hostTraining' | 'hostEvents' | 'cx' | 'ac' | 'ucm';

interface LicenseSpec {
  license: Omit<License, 'totalUnits'>;
  /** Free units left after the demo users' assignments: 0 = full (R12), 1–2 = nearly full. */
  free: number;
}

const licenseSpecs: Record<LicenseKey, LicenseSpec> = {
  pro: {
    license: { id: 'lic-calling-pro-100101', name: 'Webex Calling - Professional', service: 'calling', tier: 'professional', subscriptionId: 'Sub-100101' },
    free: 6,
  },
  std: {
    license: { id: 'lic-calling-basic-100101', name: 'Webex Calling - Basic', service: 'calling', tier: 'standard', subscriptionId: 'Sub-100101' },
    free: 2,
  },
  msg: {
    license: { id: 'lic-messaging-100101', name: 'Webex Messaging', service: 'messaging', subscriptionId: 'Sub-100101' },
    free: 30,
  },
  adv: {
    license: { id: 'lic-adv-messaging-100101', name: 'Advanced Messaging', service: 'messaging', subscriptionId: 'Sub-100101' },
    free: 4,
  },
  hostAcme: {
    license: { id: 'lic-meetings-acme-100102', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: ACME, subscriptionId: 'Sub-100102' },
    free: 3,
  },
  hostTraining: {
    license: { id: 'lic-meetings-training-100102', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: TRAINING, subscriptionId: 'Sub-100102' },
    free: 0,
  },
  hostEvents: {
    license: { id: 'lic-meetings-events-100102', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: EVENTS, subscriptionId: 'Sub-100102' },
    free: 5,
  },
  cx: {
    license: { id: 'lic-cx-essential-100103', name: 'Customer Experience - Essential', service: 'cxBasic', subscriptionId: 'Sub-100103' },
    free: 2,
  },
  ac: {
    license: { id: 'lic-attendant-console-100103', name: 'Webex Attendant Console', service: 'attendantConsole', subscriptionId: 'Sub-100103' },
    free: 1,
  },
  ucm: {
    license: { id: 'lic-ucm-100104', name: 'Unified Communication Manager (UCM)', service: 'ucm', subscriptionId: 'Sub-100104' },
    free: 5,
  },
};

/** Webex Calling locations; every demo user with a Calling license has a location and extension (Webex's 400411). */
export const DEMO_LOCATIONS: Location[] = [
  { id: 'loc-amsterdam', name: 'Amsterdam HQ' },
  { id: 'loc-rotterdam', name: 'Rotterdam' },
  { id: 'loc-utrecht', name: 'Utrecht' },
];

/** The E.164 numbers each location owns, held or free: local mode seeds the emulated org with them. */
export const DEMO_LOCATION_NUMBERS: Readonly<Record<string, readonly string[]>> = {
  'loc-amsterdam': Array.from({ length: 24 }, (_, i) => `+3120555${String(100 + i).padStart(4, '0')}`),
  'loc-rotterdam': Array.from({ length: 12 }, (_, i) => `+3110555${String(100 + i).padStart(4, '0')}`),
  'loc-utrecht': Array.from({ length: 8 }, (_, i) => `+3130555${String(100 + i).padStart(4, '0')}`),
};

type SiteKey = 'acme' | 'training' | 'events';
const siteUrl: Record<SiteKey, string> = { acme: ACME, training: TRAINING, events: EVENTS };

interface Person {
  first: string;
  last: string;
  /** Defaults to first.last@acme.example, lower-cased, spaces removed. */
  email?: string;
  displayName?: string;
  licenses: LicenseKey[];
  attendee?: SiteKey[];
  siteAdmin?: SiteKey[];
  type?: 'internal' | 'external';
  status?: 'active' | 'pending';
  /**
   * Days before DEMO_ACTIVITY_AS_OF that Webex last saw them (the People API's lastActivity, for
   * `reclaim`); 'never': not once (never signed in). Unset: 0–2 days, as most people.
   */
  idle?: number | 'never';
  /** Why this person is in the demo, for whoever reads the table. */
  shows?: string;
}

const internal: Person[] = [
  { first: 'Acme', last: 'IT Admin', email: 'admin@acme.example', licenses: ['pro', 'msg', 'adv', 'hostAcme'], siteAdmin: ['acme', 'training', 'events'], shows: 'admin role' },
  { first: 'Noor', last: 'El Amrani', email: 'noor.admin@acme.example', licenses: ['pro', 'msg', 'hostAcme'], siteAdmin: ['acme'], shows: 'second admin' },
  { first: 'Acme', last: 'Helpdesk', email: 'helpdesk@acme.example', licenses: ['std', 'msg'], shows: 'helpdesk role' },
  { first: 'Sanne', last: 'de Vries', licenses: ['pro', 'msg', 'hostAcme'], siteAdmin: ['acme'], shows: 'R7: site admin on acme.webex.com' },
  { first: 'Daan', last: 'Visser', licenses: ['pro', 'msg', 'hostTraining'], siteAdmin: ['training'], shows: 'site admin on the training site' },
  { first: 'Emma', last: 'Bakker', licenses: ['pro', 'msg', 'cx', 'hostAcme'], shows: 'CX with Professional' },
  { first: 'Lucas', last: 'Smit', licenses: ['pro', 'msg', 'cx'], shows: 'CX with Professional' },
  { first: 'Julia', last: 'Meijer', licenses: ['pro', 'msg', 'cx', 'hostAcme'], shows: 'CX with Professional' },
  { first: 'Tom', last: 'de Boer', licenses: ['std', 'msg'], shows: 'R4: Standard without CX; adding CX is refused' },
  { first: 'Sophie', last: 'Mulder', licenses: ['std', 'msg', 'hostAcme'] },
  { first: 'Milan', last: 'de Groot', licenses: ['std', 'msg'], attendee: ['acme'], shows: 'attendee on acme.webex.com' },
  { first: 'Fleur', last: 'Bos', licenses: ['std', 'msg'] },
  { first: 'Thijs', last: 'Vos', licenses: ['std', 'msg', 'hostEvents'] },
  { first: 'Lotte', last: 'Peters', licenses: ['std', 'msg'], attendee: ['acme'] },
  { first: 'Ruben', last: 'Hendriks', licenses: ['pro', 'msg', 'ac'], idle: 140, shows: 'R3: Attendant Console on Professional; idle 140 days: reclaim cannot take Professional alone' },
  { first: 'Anouk', last: 'van Leeuwen', licenses: ['pro', 'msg', 'ac', 'hostAcme'], shows: 'R3: Attendant Console on Professional' },
  { first: 'Maarten', last: 'Jansen', licenses: ['pro', 'ucm', 'msg'], shows: 'R2: migrating from Unified CM to Webex Calling' },
  { first: 'Bram', last: 'Dekker', licenses: ['ucm', 'msg'], idle: 200, shows: 'still on Unified CM only; no Webex activity for 200 days (reclaim)' },
  { first: 'Iris', last: 'Brouwer', licenses: ['ucm', 'msg', 'hostAcme'], shows: 'still on Unified CM only' },
  { first: 'Jesse', last: 'de Wit', licenses: ['pro', 'msg', 'hostAcme'] },
  { first: 'Eva', last: 'Dijkstra', licenses: ['pro', 'msg', 'adv', 'hostAcme'] },
  { first: 'Sem', last: 'Smits', licenses: ['pro', 'msg', 'hostTraining'], attendee: ['acme'], shows: 'host on one site, attendee on another' },
  { first: 'Zoe', last: 'de Graaf', licenses: ['msg', 'adv'], attendee: ['acme', 'events'] },
  { first: 'Finn', last: 'van der Meer', licenses: ['pro', 'msg', 'hostAcme', 'hostEvents'] },
  { first: 'Sara', last: 'van der Linden', licenses: ['msg'], attendee: ['acme'], idle: 'never', shows: 'never signed in: no lastActivity' },
  { first: 'Noah', last: 'Kok', licenses: ['std', 'msg'] },
  { first: 'Mila', last: 'Jacobs', licenses: ['std', 'msg', 'hostAcme'] },
  { first: 'Levi', last: 'de Haan', licenses: ['pro', 'msg'] },
  { first: 'Tess', last: 'Vermeulen', licenses: ['pro', 'msg', 'cx', 'hostAcme'] },
  { first: 'Luuk', last: 'van den Berg', licenses: ['std', 'msg', 'hostTraining'] },
  { first: 'Nina', last: 'van Dijk', licenses: ['pro', 'msg', 'hostAcme'] },
  { first: 'Omar', last: 'Haddad', licenses: ['pro', 'msg', 'adv'] },
  { first: 'Priya', last: 'Raman', licenses: ['pro', 'msg', 'hostAcme', 'hostEvents'], siteAdmin: ['events'], shows: 'site admin on the events site' },
  { first: 'Wei', last: 'Chen', licenses: ['pro', 'msg', 'hostAcme'] },
  { first: 'Carlos', last: 'Mendes', licenses: ['std', 'msg'], attendee: ['events'], idle: 40 },
  { first: 'Aisha', last: 'Okafor', licenses: ['pro', 'msg', 'cx', 'hostAcme'] },
  { first: 'Kenji', last: 'Sato', licenses: ['std', 'msg'], idle: 95 },
  { first: 'Olivia', last: 'Brown', licenses: ['pro', 'msg', 'hostTraining'], idle: 120, shows: 'idle 120 days, holding a unit of the full training-site license (reclaim)' },
  { first: 'Mateo', last: 'Garcia', licenses: ['msg'], idle: 310 },
  { first: 'Hannah', last: 'Schmidt', licenses: ['pro', 'msg', 'ac'], shows: 'R3: Attendant Console on Professional' },
  { first: 'Yusuf', last: 'Demir', licenses: ['std', 'msg', 'hostAcme'] },
  { first: 'Lisa', last: 'de Jong', licenses: ['pro', 'msg', 'hostAcme'] },
  { first: 'Kevin', last: 'Willems', licenses: ['msg', 'adv'], idle: 100 },
  { first: 'Fatima', last: 'Benali', licenses: ['pro', 'msg', 'hostTraining'], idle: 65, shows: 'idle 65 days: listed by `reclaim 60`, not by `reclaim`' },
];

const external: Person[] = ([
  { first: 'John', last: 'Smith', email: 'j.smith@partnerco.example', licenses: ['msg', 'hostAcme'] },
  { first: 'Maria', last: 'Rossi', email: 'maria.rossi@studio-rossi.example', licenses: ['msg', 'adv'] },
  { first: 'Lena', last: 'Fischer', email: 'lena.fischer@contoso-consult.example', licenses: ['msg', 'hostAcme'], status: 'pending', shows: 'R8: pending external' },
  { first: 'Rafael', last: 'Ortiz', email: 'r.ortiz@vendorhub.example', licenses: ['msg'], idle: 400, shows: 'R9: removing the one license hides the user' },
  { first: 'Pieter', last: 'Claes', email: 'pieter.claes@brightlaw.example', licenses: ['msg', 'adv'], attendee: ['acme'] },
  { first: 'Amara', last: 'Nwosu', email: 'amara.nwosu@agency-nine.example', licenses: ['msg', 'hostEvents'], idle: 180 },
] satisfies Person[]).map((p) => ({ ...p, type: 'external' as const }));

const roles: Role[] = [
  { email: 'admin@acme.example', role: 'admin', addedBy: 'demo-org', addedAt: '2026-01-05T09:00:00.000Z' },
  { email: 'noor.admin@acme.example', role: 'admin', addedBy: 'admin@acme.example', addedAt: '2026-01-05T09:05:00.000Z' },
  { email: 'helpdesk@acme.example', role: 'helpdesk', addedBy: 'admin@acme.example', addedAt: '2026-01-05T09:10:00.000Z' },
];

/** The day the demo's lastActivity dates count back from (local mode moves them so that this is today: demo-org.ts). */
export const DEMO_ACTIVITY_AS_OF = '2026-11-27T09:00:00.000Z';
const DAY_MS = 24 * 3600 * 1000;

/** When Webex last saw the person: `idle` days back, a little earlier per person so no two are the same; none for a pending invite. */
function lastActivityOf(person: Person, index: number): string | undefined {
  if (person.idle === 'never' || person.status === 'pending') return undefined;
  const days = person.idle ?? index % 3;
  return new Date(Date.parse(DEMO_ACTIVITY_AS_OF) - days * DAY_MS - ((index * 37) % 600) * 60_000).toISOString();
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');

function toUser(person: Person, index: number): User {
  const lastActivity = lastActivityOf(person, index);
  const email = person.email ?? `${slug(person.first)}.${slug(person.last)}@acme.example`;
  const type = person.type ?? 'internal';
  const [localPart = ''] = email.split('@');
  return {
    id: `${type === 'external' ? 'ext' : 'user'}-${localPart.replace(/\./g, '-')}`,
    email,
    displayName: person.displayName ?? `${person.first} ${person.last}`,
    firstName: person.first,
    lastName: person.last,
    type,
    status: person.status ?? 'active',
    siteAdminOf: (person.siteAdmin ?? []).map((s) => siteUrl[s]),
    licenseIds: person.licenses.map((key) => licenseSpecs[key].license.id),
    attendeeOf: (person.attendee ?? []).map((s) => siteUrl[s]),
    ...(lastActivity ? { lastActivity } : {}),
    rev: 1,
  };
}

const CALLING_LICENSES: readonly string[] = [licenseSpecs.pro.license.id, licenseSpecs.std.license.id];

/**
 * Calling users in table order take turns over the locations: extensions 4101, 4102, … per
 * location; every other one also holds the location's next number, so some numbers stay free.
 */
function withCalling(users: User[]): User[] {
  const taken = new Map<string, number>();
  return users.map((user) => {
    if (!user.licenseIds.some((id) => CALLING_LICENSES.includes(id))) return user;
    const count = [...taken.values()].reduce((a, b) => a + b, 0);
    const location = DEMO_LOCATIONS[count % DEMO_LOCATIONS.length]!;
    const n = taken.get(location.id) ?? 0;
    taken.set(location.id, n + 1);
    const phoneNumber = n % 2 === 0 ? DEMO_LOCATION_NUMBERS[location.id]?.[n / 2] : undefined;
    const calling: CallingProperties = { locationId: location.id, extension: String(4101 + n), ...(phoneNumber ? { phoneNumber } : {}) };
    return { ...user, calling };
  });
}

/** The demo org document; totals are the demo users' usage plus each license's free units. */
export function buildDemoOrg(): OrgDocument {
  const users = withCalling([...internal, ...external].map((person, index) => toUser(person, index)));
  const used = new Map<string, number>();
  for (const user of users) for (const id of user.licenseIds) used.set(id, (used.get(id) ?? 0) + 1);
  const licenses: License[] = Object.values(licenseSpecs).map(({ license, free }) => ({
    ...license,
    totalUnits: (used.get(license.id) ?? 0) + free,
  }));
  return {
    schemaVersion: 1,
    orgName: 'Acme Corporation',
    sites,
    subscriptions,
    licenses,
    users,
    locations: DEMO_LOCATIONS,
    roles,
    preferences: [],
    drafts: [],
    requests: [],
    orgChanges: [],
    grants: [],
    marks: {},
  };
}
