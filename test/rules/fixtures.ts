// A small realistic org for the rule tests, and builders for users, contexts and changes.
import type { License, Location, ProposedChange, Site, User } from '../../src/domain/index.js';
import { evaluate, type RulesContext, type Verdict } from '../../src/rules/index.js';

export const SITES: Site[] = [
  { url: 'acme.webex.com', attendeeAccountEnabled: true },
  { url: 'acme-training.webex.com', attendeeAccountEnabled: false },
  { url: 'acme-events.webex.com', attendeeAccountEnabled: true },
];

export const LICENSES: License[] = [
  { id: 'CAL-PRO-1', name: 'Webex Calling - Professional', service: 'calling', tier: 'professional', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'CAL-PRO-2', name: 'Webex Calling - Professional (Sub-100102)', service: 'calling', tier: 'professional', subscriptionId: 'Sub-100102', totalUnits: 10 },
  { id: 'CAL-STD-1', name: 'Webex Calling - Basic', service: 'calling', tier: 'standard', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'CAL-STD-2', name: 'Webex Calling - Basic (Sub-100102)', service: 'calling', tier: 'standard', subscriptionId: 'Sub-100102', totalUnits: 10 },
  { id: 'UCM-1', name: 'Unified Communication Manager (UCM)', service: 'ucm', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'AC-1', name: 'Webex Attendant Console', service: 'attendantConsole', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'CX-1', name: 'Customer Experience - Essential', service: 'cxBasic', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'MSG-1', name: 'Advanced Messaging', service: 'messaging', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'MTG-ACME-1', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', siteUrl: 'acme.webex.com', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'MTG-ACME-2', name: 'Meeting - Webex Enterprise Edition (Sub-100102)', service: 'meetings', siteUrl: 'acme.webex.com', subscriptionId: 'Sub-100102', totalUnits: 10 },
  { id: 'MTG-TRAIN-1', name: 'Meeting - Webex Training', service: 'meetings', siteUrl: 'acme-training.webex.com', subscriptionId: 'Sub-100101', totalUnits: 10 },
  { id: 'MTG-EVENTS-1', name: 'Meeting - Webex Events', service: 'meetings', siteUrl: 'acme-events.webex.com', subscriptionId: 'Sub-100101', totalUnits: 10 },
];

export const LOCATIONS: Location[] = [
  { id: 'loc-amsterdam', name: 'Amsterdam HQ' },
  { id: 'loc-rotterdam', name: 'Rotterdam' },
];

/** Calling properties for a change that adds a Calling license (Webex's 400411). */
export const CALLING = { locationId: 'loc-amsterdam', extension: '4999' } as const;

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u-alice',
    email: 'alice@acme.example',
    displayName: 'Alice Jansen',
    type: 'internal',
    status: 'active',
    siteAdminOf: [],
    licenseIds: [],
    attendeeOf: [],
    rev: 1,
    ...overrides,
  };
}

export interface CtxOptions {
  licenses?: License[];
  sites?: Site[];
  /** Units in use per license id (missing = 0). */
  used?: Record<string, number>;
  /** Override totalUnits per license id. */
  totals?: Record<string, number>;
  locations?: Location[];
  /** Other users holding Calling properties (for "extension / number taken"). */
  callingUsers?: User[];
}

export function makeCtx({ licenses = LICENSES, sites = SITES, used = {}, totals = {}, locations = LOCATIONS, callingUsers = [] }: CtxOptions = {}): RulesContext {
  return {
    licenses: new Map(licenses.map((l) => [l.id, { ...l, totalUnits: totals[l.id] ?? l.totalUnits }])),
    sites: new Map(sites.map((s) => [s.url, s])),
    usedUnits: (id) => used[id] ?? 0,
    locations: new Map(locations.map((l) => [l.id, l])),
    usersWithCalling: () => callingUsers,
  };
}

/** Context whose used units are derived from the given users' assignments, as the store does. */
export function ctxFromUsers(users: readonly User[], options: Omit<CtxOptions, 'used'> = {}): RulesContext {
  const used: Record<string, number> = {};
  for (const user of users) for (const id of new Set(user.licenseIds)) used[id] = (used[id] ?? 0) + 1;
  return makeCtx({ ...options, used });
}

export function change(part: Partial<ProposedChange> = {}): ProposedChange {
  return { addLicenseIds: [], removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [], ...part };
}

/** The codes of a verdict part, for compact assertions. */
export const codes = (findings: readonly { code: string }[]): string[] => findings.map((f) => f.code);

export interface Case {
  name?: string;
  user?: Partial<User>;
  change?: Partial<ProposedChange>;
  ctx?: CtxOptions;
  role?: 'admin' | 'helpdesk' | 'none';
  intent?: 'apply' | 'request';
  newUser?: boolean;
}

/** The properties Webex holds for a user who already has a Calling license (when a row gives none). */
export const HELD_CALLING = { locationId: 'loc-rotterdam', extension: '1001' } as const;

/** A row's user; one who holds a Calling license has its properties, as in Webex, unless the row says otherwise. */
export function rowUser(row: Case): User {
  const user = makeUser(row.user);
  const holdsCalling = user.licenseIds.some((id) => LICENSES.find((l) => l.id === id)?.service === 'calling');
  return holdsCalling && !(row.user && 'calling' in row.user) ? { ...user, calling: { ...HELD_CALLING } } : user;
}

/** Evaluates one table row as an admin applying the change, unless the row says otherwise. */
export function verdictFor(row: Case): Verdict {
  return evaluate({
    ctx: makeCtx(row.ctx),
    actorRole: row.role ?? 'admin',
    intent: row.intent ?? 'apply',
    user: rowUser(row),
    change: change(row.change),
    ...(row.newUser ? { newUser: true } : {}),
  });
}
