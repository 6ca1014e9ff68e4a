// The org's admin-side world: licenses and who holds them, meeting sites and their
// attendees, Webex Calling locations with their numbers, the admin and a Service App.
// Everyone is a Person of the emulator's one directory; the org keeps what Webex's admin
// APIs know about them (a Holding) next to it.
import type { EventLog } from '../event-log.js';
import { stableUuid, webexId } from '../ids.js';
import type { Person } from '../model.js';
import { ORG_ID, type EmulatorState } from '../state.js';
import { AccessTokens } from './tokens.js';
import type { OrgCallingSeed, OrgLicenseSeed, OrgLocationSeed, OrgPersonSeed, OrgSeed, OrgSiteSeed } from './types.js';

export interface Holding {
  personId: string;
  licenses: Set<string>;
  /** Assigned while the invite is pending: applied when the person accepts it. */
  pendingLicenses: Set<string>;
  attendeeOf: Set<string>;
  pendingAttendeeOf: Set<string>;
  siteAdminOf: Set<string>;
  invitePending: boolean;
  roles: string[];
  calling?: OrgCallingSeed;
}

/** Webex's full administrator role id (the people API lists role ids). */
export const FULL_ADMIN_ROLE = webexId('ROLE', stableUuid('id_full_admin'));

const DEFAULT_ACCESS_LIFETIME = 14 * 24 * 3600; // Webex integrations: 14 days
export const REFRESH_LIFETIME = 90 * 24 * 3600; // and 90 days for the refresh token

export class Org {
  readonly licenses = new Map<string, OrgLicenseSeed>();
  readonly sites = new Map<string, OrgSiteSeed>();
  readonly locations = new Map<string, OrgLocationSeed>();
  readonly tokens = new AccessTokens();
  readonly counters = { patches: 0, tokenGrants: 0, rateLimited: 0 };
  readonly admin?: Person;
  readonly adminToken?: string;
  readonly serviceApp?: OrgSeed['serviceApp'] & { identity: Person; scopes: string[]; refreshIssuedAt: number };
  /** Sites whose next attendee change fails (forces a 206 partial answer). */
  readonly failingSites = new Set<string>();
  private readonly holdings = new Map<string, Holding>();
  /** Holders per license (see holderCount); undefined until first asked. */
  private consumed: Map<string, number> | undefined;
  private calls: number[] = [];

  constructor(
    private readonly state: EmulatorState,
    private readonly log: EventLog,
    seed?: OrgSeed,
  ) {
    if (!seed) return;
    for (const license of seed.licenses) this.licenses.set(license.id, license);
    for (const site of seed.sites) this.sites.set(site.url.toLowerCase(), site);
    for (const location of seed.locations) this.locations.set(location.id, location);
    for (const person of seed.people) this.addPerson(person);
    this.admin = state.ensurePerson(seed.admin);
    this.holding(this.admin.id).roles = [FULL_ADMIN_ROLE];
    this.adminToken = this.tokens.issue(this.admin, seed.admin.scopes, DEFAULT_ACCESS_LIFETIME);
    if (seed.serviceApp) {
      const app = seed.serviceApp;
      const identity: Person = {
        id: webexId('PEOPLE', stableUuid(`service-app:${app.clientId}`)),
        emails: [`${app.clientId.toLowerCase()}@serviceapp.emulator`],
        displayName: 'Service App',
        nickName: 'Service App',
        firstName: 'Service',
        lastName: 'App',
        orgId: ORG_ID,
        type: 'bot',
        created: '2026-01-01T00:00:00.000Z',
        label: 'service-app',
      };
      this.serviceApp = { ...app, identity, scopes: app.scopes ?? seed.admin.scopes, refreshIssuedAt: Date.now() };
    }
  }

  get accessLifetimeSeconds(): number {
    return this.serviceApp?.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_LIFETIME;
  }

  addPerson(seed: OrgPersonSeed): Person {
    const person = this.state.ensurePerson(seed);
    const holding = this.holding(person.id);
    const before = heldUnion(holding);
    for (const id of seed.licenses) {
      if (!this.licenses.has(id)) throw new Error(`org seed: ${seed.email} holds unknown license ${id}`);
      (seed.invitePending ? holding.pendingLicenses : holding.licenses).add(id);
    }
    for (const url of seed.attendeeOf) (seed.invitePending ? holding.pendingAttendeeOf : holding.attendeeOf).add(url.toLowerCase());
    for (const url of seed.siteAdminOf) holding.siteAdminOf.add(url.toLowerCase());
    holding.invitePending = seed.invitePending ?? false;
    if (seed.calling) holding.calling = { ...seed.calling };
    if (seed.lastActivity && !holding.invitePending) person.lastActivity = seed.lastActivity;
    this.recount(holding, before);
    return person;
  }

  /** What the admin APIs know of a person; empty for chat-only people. */
  holding(personId: string): Holding {
    let holding = this.holdings.get(personId);
    if (!holding) {
      holding = {
        personId,
        licenses: new Set(),
        pendingLicenses: new Set(),
        attendeeOf: new Set(),
        pendingAttendeeOf: new Set(),
        siteAdminOf: new Set(),
        invitePending: false,
        roles: [],
      };
      this.holdings.set(personId, holding);
    }
    return holding;
  }

  /** The org's people as an admin lists them (bots and the service app are not people). */
  people(): Person[] {
    return [...this.state.people.values()].filter((p) => p.type === 'person');
  }

  /**
   * How many of the org's people hold (or have pending) a license: holders(id).length,
   * without a scan of everyone on each PATCH. Counted once, then kept up to date by
   * `recount` wherever a holding's licenses change (assign, changeOutsideDesk, addPerson,
   * acceptInvite).
   */
  holderCount(licenseId: string): number {
    if (!this.consumed) {
      this.consumed = new Map();
      for (const h of this.holdings.values()) this.count(h, heldUnion(h), +1);
    }
    return this.consumed.get(licenseId) ?? 0;
  }

  /** After a holding's licenses changed: `before` is what it held (active or pending) until then. */
  recount(h: Holding, before: ReadonlySet<string>): void {
    if (!this.consumed) return;
    this.count(h, before, -1);
    this.count(h, heldUnion(h), +1);
  }

  private count(h: Holding, ids: ReadonlySet<string>, delta: 1 | -1): void {
    if (ids.size === 0 || this.state.people.get(h.personId)?.type !== 'person') return;
    for (const id of ids) this.consumed!.set(id, (this.consumed!.get(id) ?? 0) + delta);
  }

  /** Who holds (or has pending) a license: a pending assignment already takes its unit. */
  holders(licenseId: string): Person[] {
    return this.people().filter((p) => {
      const h = this.holdings.get(p.id);
      return h !== undefined && (h.licenses.has(licenseId) || h.pendingLicenses.has(licenseId));
    });
  }

  numberOwner(phoneNumber: string): string | undefined {
    for (const h of this.holdings.values()) if (h.calling?.phoneNumber === phoneNumber) return h.personId;
    return undefined;
  }

  extensionOwner(locationId: string, extension: string): string | undefined {
    for (const h of this.holdings.values()) {
      if (h.calling?.locationId === locationId && h.calling.extension === extension) return h.personId;
    }
    return undefined;
  }

  locationOfNumber(phoneNumber: string): OrgLocationSeed | undefined {
    return [...this.locations.values()].find((l) => l.numbers.includes(phoneNumber));
  }

  acceptInvite(personId: string): void {
    const h = this.holding(personId);
    const before = heldUnion(h);
    for (const id of h.pendingLicenses) h.licenses.add(id);
    for (const url of h.pendingAttendeeOf) h.attendeeOf.add(url);
    h.pendingLicenses.clear();
    h.pendingAttendeeOf.clear();
    h.invitePending = false;
    // Accepting the invite is signing in: Webex has seen the person now.
    const person = this.state.people.get(personId);
    if (person) person.lastActivity = new Date().toISOString();
    this.recount(h, before);
  }

  /**
   * Counts an admin call; when the org is over `perSecond` calls in the last second,
   * answers how many seconds to wait (Retry-After) instead.
   */
  rateLimit(perSecond: number, now = Date.now()): number | undefined {
    if (perSecond <= 0) return undefined;
    this.calls = this.calls.filter((t) => t > now - 1000);
    if (this.calls.length >= perSecond) {
      this.counters.rateLimited += 1;
      return Math.max(1, Math.ceil(((this.calls[0] ?? now) + 1000 - now) / 1000));
    }
    this.calls.push(now);
    return undefined;
  }

  note(title: string, who: string | undefined, detail?: string): void {
    this.log.add({ kind: 'api', title, who, detail });
  }
}

/** The licenses a holding takes a unit of: held or waiting for the invite. */
export const heldUnion = (h: Holding): Set<string> => new Set([...h.licenses, ...h.pendingLicenses]);
