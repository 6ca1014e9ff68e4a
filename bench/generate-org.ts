// Deterministic org generator for the benchmark: the same seed and size give the same
// document, byte for byte. Proportions follow a large Control Hub org: ~5% external
// users, a few % pending, five subscriptions, four Meetings sites (one without the
// attendee feature), site admins, Calling Professional/Standard, UCM migration,
// Attendant Console, CX Essentials, Messaging, attendee accounts. Every user is valid
// under the rules too (R1, R3, R4, R5-R7), and some licenses are nearly full (R12).
import type { License, OrgDocument, Role, Site, Subscription, User } from '../src/domain/index.js';
import { seededRandom, type Random } from './prng.js';

export interface GenerateOrgOptions {
  users: number;
  seed?: number;
}

export const DEFAULT_SEED = 20261127;
const DOMAIN = 'globex.example';
const PARTNER_DOMAINS = ['partner-consulting.example', 'supplier.example', 'agency.example', 'univ-research.example'];

const SITE = {
  main: 'globex.webex.com',
  training: 'globex-training.webex.com',
  events: 'globex-events.webex.com',
  emea: 'globex-emea.webex.com',
} as const;

const sites: Site[] = [
  { url: SITE.main, attendeeAccountEnabled: true },
  { url: SITE.training, attendeeAccountEnabled: false }, // R6: only Cisco TAC can switch it on
  { url: SITE.events, attendeeAccountEnabled: true },
  { url: SITE.emea, attendeeAccountEnabled: true },
];

const subscriptions: Subscription[] = [
  { id: 'Sub-100101', name: 'Enterprise Agreement - Calling and Messaging' },
  { id: 'Sub-100102', name: 'Enterprise Agreement - Meetings' },
  { id: 'Sub-100103', name: 'Customer Experience and Attendant Console' },
  { id: 'Sub-100104', name: 'Unified CM (on-premises calling, being migrated)' },
  { id: 'Sub-100105', name: 'Events and Webinars add-on' },
];

type LicenseKey = 'pro' | 'std' | 'msg' | 'adv' | 'main' | 'training' | 'events' | 'emea' | 'cx' | 'ac' | 'ucm' | 'webinars';

/** `free`: units left after the generated assignments; a number = fixed (nearly full), undefined = ~10% headroom. */
const licenseSpecs: Record<LicenseKey, { license: Omit<License, 'totalUnits'>; free?: number }> = {
  pro: { license: { id: 'lic-calling-pro-100101', name: 'Webex Calling - Professional', service: 'calling', tier: 'professional', subscriptionId: 'Sub-100101' } },
  std: { license: { id: 'lic-calling-basic-100101', name: 'Webex Calling - Basic', service: 'calling', tier: 'standard', subscriptionId: 'Sub-100101' }, free: 2 },
  msg: { license: { id: 'lic-messaging-100101', name: 'Webex Messaging', service: 'messaging', subscriptionId: 'Sub-100101' } },
  adv: { license: { id: 'lic-adv-messaging-100101', name: 'Advanced Messaging', service: 'messaging', subscriptionId: 'Sub-100101' }, free: 1 },
  main: { license: { id: 'lic-meetings-main-100102', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: SITE.main, subscriptionId: 'Sub-100102' } },
  training: { license: { id: 'lic-meetings-training-100102', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: SITE.training, subscriptionId: 'Sub-100102' }, free: 0 },
  events: { license: { id: 'lic-meetings-events-100105', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: SITE.events, subscriptionId: 'Sub-100105' }, free: 3 },
  emea: { license: { id: 'lic-meetings-emea-100102', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: SITE.emea, subscriptionId: 'Sub-100102' } },
  cx: { license: { id: 'lic-cx-essential-100103', name: 'Customer Experience - Essential', service: 'cxBasic', subscriptionId: 'Sub-100103' }, free: 4 },
  ac: { license: { id: 'lic-attendant-console-100103', name: 'Webex Attendant Console', service: 'attendantConsole', subscriptionId: 'Sub-100103' }, free: 1 },
  ucm: { license: { id: 'lic-ucm-100104', name: 'Unified Communication Manager (UCM)', service: 'ucm', subscriptionId: 'Sub-100104' } },
  webinars: { license: { id: 'lic-webinars-100105', name: 'Webex Webinars', service: 'webinars', subscriptionId: 'Sub-100105' } },
};
const LIC = Object.fromEntries(Object.entries(licenseSpecs).map(([key, spec]) => [key, spec.license.id])) as Record<LicenseKey, string>;

const FIRST = [
  'Alice', 'Bram', 'Chloé', 'Daan', 'Emma', 'Finn', 'Greta', 'Hugo', 'Iris', 'Jens', 'Katja', 'Lars', 'Mila', 'Noah', 'Olga',
  'Pieter', 'Quinten', 'Renée', 'Sven', 'Tess', 'Umar', 'Vera', 'Willem', 'Xander', 'Yara', 'Zoë', 'José', 'Björn', 'Anaïs',
  'Fatima', 'Mohammed', 'Aiko', 'Wei', 'Priya', 'Raj', 'Sofia', 'Lucas', 'Amelia', 'Oliver', 'Hana', 'Mateo', 'Nina',
  'Kofi', 'Ama', 'Dmitri', 'Ingrid', 'Søren', 'Łukasz', 'Zeynep', 'Emre', 'Chiara', 'Luca', 'Siobhán', 'Seán', 'Maëlle',
  'Jan', 'Anna', 'Thomas', 'Sarah', 'David', 'Laura', 'Ruben', 'Lotte', 'Sem', 'Fleur', 'Jesse', 'Roos', 'Milan', 'Eva',
];
const LAST = [
  'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos',
  'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer',
  'Martin', 'Dubois', 'Müller', 'Schmidt', 'García', 'Fernández', 'Rossi', 'Russo', 'Nowak', 'Kowalski', 'Novák', 'Nielsen',
  'Johansson', 'Andersen', "O'Brien", 'Murphy', 'Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Wang', 'Li', 'Zhang',
  'Chen', 'Kim', 'Park', 'Nguyen', 'Tanaka', 'Suzuki', 'Sato', 'Patel', 'Sharma', 'Singh', 'Khan', 'Yilmaz', 'Demir',
  'El Amrani', 'Benali', 'Okafor', 'Mensah', 'Silva', 'Santos', 'Costa', 'Ivanov', 'Popescu', 'Horváth', 'Nagy',
];

/** Lower-case ASCII for an email's local part: "Zoë van den Berg" → "zoe.vandenberg". */
function emailLocal(first: string, last: string): string {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[łŁ]/g, 'l').replace(/[øØ]/g, 'o').toLowerCase().replace(/[^a-z]/g, '');
  return `${fold(first)}.${fold(last)}`;
}

/** A Webex-style person id: base64 of ciscospark://us/PEOPLE/<uuid>. */
function personId(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(16).toString(16)).join('');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  return Buffer.from(`ciscospark://us/PEOPLE/${uuid}`).toString('base64').replace(/=+$/, '');
}

function statusOf(random: Random, external: boolean): User['status'] {
  const r = random.next();
  if (external) return r < 0.15 ? 'pending' : r < 0.2 ? 'inactive' : 'active';
  return r < 0.02 ? 'pending' : r < 0.03 ? 'inactive' : 'active';
}

/** Licenses and accounts of an internal user, consistent with R1-R7. */
function internalAssignment(random: Random, siteAdminOf: string[]): Pick<User, 'licenseIds' | 'attendeeOf'> {
  const licenses: string[] = [];
  if (random.chance(0.92)) licenses.push(LIC.msg);
  if (random.chance(0.03)) licenses.push(LIC.adv);
  const r = random.next();
  const tier = r < 0.35 ? 'pro' : r < 0.6 ? 'std' : undefined;
  if (tier) licenses.push(LIC[tier]);
  // UCM: some still only on Unified CM, some mid-migration (R2: both at once is allowed).
  if ((!tier && random.chance(0.05)) || (tier && random.chance(0.02))) licenses.push(LIC.ucm);
  if (tier === 'pro' && random.chance(0.015)) licenses.push(LIC.ac); // R3: only with Professional
  if (tier !== 'std' && random.chance(0.03)) licenses.push(LIC.cx); // R4: never with Standard
  const hosts = new Set<string>();
  if (random.chance(0.55)) hosts.add(SITE.main);
  if (random.chance(0.1)) hosts.add(SITE.emea);
  if (random.chance(0.04)) hosts.add(SITE.events);
  if (random.chance(0.06)) hosts.add(SITE.training);
  for (const [site, key] of [[SITE.main, 'main'], [SITE.emea, 'emea'], [SITE.events, 'events'], [SITE.training, 'training']] as const) {
    if (hosts.has(site)) licenses.push(LIC[key]);
  }
  if (random.chance(0.01)) licenses.push(LIC.webinars);
  // Attendee accounts: not where the user hosts (R5), not on the training site (R6), not where admin (R7).
  const attendeeOf = [
    ...(random.chance(0.08) ? [SITE.events] : []),
    ...(random.chance(0.03) ? [SITE.main] : []),
  ].filter((site) => !hosts.has(site) && !siteAdminOf.includes(site));
  return { licenseIds: licenses, attendeeOf };
}

function externalAssignment(random: Random): Pick<User, 'licenseIds' | 'attendeeOf'> {
  if (random.chance(0.08)) return { licenseIds: [], attendeeOf: [] }; // R9: not in the external list
  const licenses: string[] = [];
  if (random.chance(0.7)) licenses.push(LIC.msg);
  if (random.chance(0.2)) licenses.push(LIC.main);
  const attendeeOf = random.chance(0.15) ? [SITE.events] : [];
  return { licenseIds: licenses, attendeeOf };
}

function buildUsers(random: Random, count: number): User[] {
  const taken = new Map<string, number>();
  const users: User[] = [];
  for (let index = 0; index < count; index++) {
    const external = random.chance(0.05);
    const firstName = random.pick(FIRST);
    const lastName = random.pick(LAST);
    const domain = external ? random.pick(PARTNER_DOMAINS) : DOMAIN;
    const base = `${emailLocal(firstName, lastName)}@${domain}`;
    const seen = (taken.get(base) ?? 0) + 1;
    taken.set(base, seen);
    const email = seen === 1 ? base : base.replace('@', `${seen}@`);
    const siteAdminOf = !external && random.chance(0.004) ? (random.chance(0.3) ? [SITE.main, SITE.events] : [SITE.main]) : [];
    users.push({
      id: personId(random),
      email,
      displayName: `${firstName} ${lastName}`,
      firstName,
      lastName,
      type: external ? 'external' : 'internal',
      status: statusOf(random, external),
      siteAdminOf,
      ...(external ? externalAssignment(random) : internalAssignment(random, siteAdminOf)),
      rev: random.int(6),
    });
  }
  return users;
}

/** Size each license to what is used plus a little: some exactly full or nearly (R12). */
function sizeLicenses(users: readonly User[]): License[] {
  const used = new Map<string, number>();
  for (const user of users) for (const id of user.licenseIds) used.set(id, (used.get(id) ?? 0) + 1);
  return Object.values(licenseSpecs).map(({ license, free }) => {
    const inUse = used.get(license.id) ?? 0;
    return { ...license, totalUnits: inUse + (free ?? Math.ceil(inUse * 0.1) + 5) };
  });
}

function buildRoles(users: readonly User[]): Role[] {
  const staff = users.filter((u) => u.type === 'internal' && u.status === 'active');
  const addedAt = '2026-01-05T09:00:00.000Z';
  return [
    ...staff.slice(0, 3).map((u): Role => ({ email: u.email, role: 'admin', addedBy: 'setup', addedAt })),
    ...staff.slice(3, 8).map((u): Role => ({ email: u.email, role: 'helpdesk', addedBy: staff[0]!.email, addedAt })),
  ];
}

/** An org document with `users` users, valid against OrgDocumentSchema; the same for the same options. */
export function generateOrg(options: GenerateOrgOptions): OrgDocument {
  const random = seededRandom((options.seed ?? DEFAULT_SEED) ^ options.users);
  const users = buildUsers(random, options.users);
  return {
    schemaVersion: 1,
    orgName: `Globex (${options.users.toLocaleString('en')} users)`,
    sites,
    subscriptions,
    licenses: sizeLicenses(users),
    users,
    locations: [],
    roles: buildRoles(users),
    preferences: [],
    drafts: [],
    requests: [],
    orgChanges: [],
    grants: [],
    marks: {},
  };
}

export { LIC as BENCH_LICENSES, SITE as BENCH_SITES };
