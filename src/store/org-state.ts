// The org in memory: maps for O(1) reads by id and email, used units per license,
// and the search index. Changes arrive as a ChangeSet that is already durable.
import type { ChangeRequest, Draft, Grant, Preference, License, Locale, Location, OrgChange, OrgDocument, Role, Site, Subscription, User } from '../domain/index.js';
import { applyMap, uniqueBy, upsert } from './record-maps.js';
import { StoreLoadError, type LicenseUsage, type UserPage, type UserQuery } from './types.js';
import { numberRequests, RequestRecords } from './request-numbers.js';
import { sameSearchKeys, UserSearchIndex } from './user-search.js';

/** Read access a change is checked against: the committed state or a pending layer over it. */
export interface OrgView {
  license(id: string): License | undefined;
  site(url: string): Site | undefined;
  subscription(id: string): Subscription | undefined;
  user(id: string): User | undefined;
  userIdByEmail(emailKey: string): string | undefined;
  draft(id: string): Draft | undefined;
  request(id: string): ChangeRequest | undefined;
  requestByNumber(number: number): ChangeRequest | undefined;
  /** The highest request number handed out (0: none yet). */
  lastRequestNumber(): number;
  role(emailKey: string): Role | undefined;
  orgChange(id: string): OrgChange | undefined;
  grant(id: string): Grant | undefined;
  mark(key: string): string | undefined;
}

/** Changes to apply; null means deleted. Keys as in OrgView. */
export interface ChangeSet {
  users: Map<string, User | null>;
  drafts: Map<string, Draft | null>;
  requests: Map<string, ChangeRequest | null>;
  roles: Map<string, Role | null>;
  preferences: Map<string, Preference>;
  orgChanges: Map<string, OrgChange>;
  grants: Map<string, Grant>;
  marks: Map<string, string>;
  /** Upserts only (catalog.put): the catalog is never shrunk by a commit. */
  catalog: CatalogChanges;
}

/** Sites by url, subscriptions by id, licenses by id. */
export interface CatalogChanges {
  sites: Map<string, Site>;
  subscriptions: Map<string, Subscription>;
  licenses: Map<string, License>;
  locations: Map<string, Location>;
}

const BULK_CHANGE = 500;

export const emailKey = (email: string): string => email.trim().toLowerCase();

export class OrgState implements OrgView {
  readonly orgName: string;
  // Replaced (never edited in place) by a catalog change, so a reader's array stays as it was.
  sites: readonly Site[];
  subscriptions: readonly Subscription[];
  licenses: readonly License[];
  locations: readonly Location[];
  private readonly siteByUrl: Map<string, Site>;
  private readonly licenseById: Map<string, License>;
  private readonly users = new Map<string, User>();
  private readonly userIdByEmailKey = new Map<string, string>();
  private readonly used = new Map<string, number>();
  private readonly drafts = new Map<string, Draft>();
  private readonly requestRecords = new RequestRecords();
  private readonly rolesByEmail = new Map<string, Role>();
  private readonly preferences = new Map<string, Preference>();
  private readonly personIdByEmail = new Map<string, string>();
  /** In the order they were first written (Map keeps insertion order): a user's changes go out in that order. */
  private readonly orgChangesById = new Map<string, OrgChange>();
  private readonly queuedOrgChanges = new Map<string, OrgChange>();
  /** A user's changes by id, oldest first: result cards and history ask per user. */
  private readonly orgChangesByUser = new Map<string, Map<string, OrgChange>>();
  private readonly grantsById = new Map<string, Grant>();
  private readonly marks = new Map<string, string>();
  private search: UserSearchIndex;

  /** Throws StoreLoadError (naming `file`) when ids or emails repeat. */
  constructor(document: OrgDocument, file: string) {
    this.orgName = document.orgName;
    this.sites = document.sites;
    this.subscriptions = document.subscriptions;
    this.licenses = document.licenses;
    this.locations = document.locations;
    this.siteByUrl = uniqueBy(document.sites, (site) => site.url, 'sites', 'url', file);
    this.licenseById = uniqueBy(document.licenses, (license) => license.id, 'licenses', 'id', file);
    for (const [index, user] of document.users.entries()) {
      if (this.users.has(user.id)) throw new StoreLoadError(file, `users[${index}].id "${user.id}" appears twice`);
      const key = emailKey(user.email);
      if (this.userIdByEmailKey.has(key)) {
        throw new StoreLoadError(file, `users[${index}].email "${user.email}" appears twice`);
      }
      this.users.set(user.id, user);
      this.userIdByEmailKey.set(key, user.id);
      this.countUnits(user, +1);
    }
    this.search = new UserSearchIndex(this.users.values());
    for (const draft of document.drafts) this.drafts.set(draft.id, draft);
    for (const request of numberRequests(document.requests)) this.requestRecords.set(request.id, request);
    for (const role of document.roles) this.rolesByEmail.set(emailKey(role.email), role);
    for (const preference of document.preferences) this.setPreference(preference);
    for (const change of document.orgChanges) this.setOrgChange(change);
    for (const grant of document.grants) this.grantsById.set(grant.id, grant);
    for (const [key, value] of Object.entries(document.marks)) this.marks.set(key, value);
  }

  toDocument(): OrgDocument {
    return {
      schemaVersion: 1,
      orgName: this.orgName,
      sites: [...this.sites],
      subscriptions: [...this.subscriptions],
      licenses: [...this.licenses],
      users: [...this.users.values()],
      locations: [...this.locations],
      roles: [...this.rolesByEmail.values()],
      preferences: [...this.preferences.values()],
      drafts: [...this.drafts.values()],
      requests: [...this.requestRecords.all()],
      orgChanges: [...this.orgChangesById.values()],
      grants: [...this.grantsById.values()],
      marks: Object.fromEntries(this.marks),
    };
  }

  apply(changes: ChangeSet): void {
    // Many users filed anew at once (an import): rebuilding the index beats thousands of sorted
    // inserts. A user whose email and name stay (a sync's license changes) is an O(1) update
    // and does not count: rebuilding 100,000 users' index for them blocked the loop ~0.7 s.
    let refiled = 0;
    for (const [id, next] of changes.users) {
      const previous = this.users.get(id);
      if (!previous || !next || !sameSearchKeys(previous, next)) refiled += 1;
    }
    const bulk = refiled > BULK_CHANGE;
    for (const [id, next] of changes.users) this.applyUser(id, next, !bulk);
    if (bulk) this.search = new UserSearchIndex(this.users.values());
    applyMap(this.drafts, changes.drafts);
    for (const [id, request] of changes.requests) this.requestRecords.set(id, request);
    applyMap(this.rolesByEmail, changes.roles);
    for (const preference of changes.preferences.values()) this.setPreference(preference);
    for (const change of changes.orgChanges.values()) this.setOrgChange(change);
    for (const grant of changes.grants.values()) this.grantsById.set(grant.id, grant);
    for (const [key, value] of changes.marks) this.marks.set(key, value);
    this.applyCatalog(changes.catalog);
  }

  private setOrgChange(change: OrgChange): void {
    this.orgChangesById.set(change.id, change);
    const ofUser = this.orgChangesByUser.get(change.userId) ?? new Map<string, OrgChange>();
    ofUser.set(change.id, change);
    this.orgChangesByUser.set(change.userId, ofUser);
    if (change.status === 'queued') this.queuedOrgChanges.set(change.id, change);
    else this.queuedOrgChanges.delete(change.id);
  }

  private applyCatalog({ sites, subscriptions, licenses, locations }: CatalogChanges): void {
    if (locations.size > 0) this.locations = upsert(this.locations, locations, (location) => location.id);
    if (sites.size > 0) this.sites = upsert(this.sites, sites, (site) => site.url);
    if (subscriptions.size > 0) this.subscriptions = upsert(this.subscriptions, subscriptions, (sub) => sub.id);
    if (licenses.size > 0) this.licenses = upsert(this.licenses, licenses, (license) => license.id);
    for (const site of sites.values()) this.siteByUrl.set(site.url, site);
    for (const license of licenses.values()) this.licenseById.set(license.id, license);
  }

  private applyUser(id: string, next: User | null, updateSearch: boolean): void {
    const previous = this.users.get(id);
    if (previous) {
      this.countUnits(previous, -1);
      if (this.userIdByEmailKey.get(emailKey(previous.email)) === id) {
        this.userIdByEmailKey.delete(emailKey(previous.email));
      }
    }
    if (updateSearch) this.search.update(previous, next);
    if (!next) {
      this.users.delete(id);
      return;
    }
    this.users.set(id, next);
    this.userIdByEmailKey.set(emailKey(next.email), id);
    this.countUnits(next, +1);
  }

  private countUnits(user: User, delta: 1 | -1): void {
    const ids = user.licenseIds;
    ids.forEach((licenseId, at) => {
      if (ids.indexOf(licenseId) !== at) return; // a repeated id uses one unit
      this.used.set(licenseId, (this.used.get(licenseId) ?? 0) + delta);
    });
  }

  license(id: string): License | undefined {
    return this.licenseById.get(id);
  }
  site(url: string): Site | undefined {
    return this.siteByUrl.get(url);
  }
  subscription(id: string): Subscription | undefined {
    return this.subscriptions.find((sub) => sub.id === id); // a handful per org
  }
  user(id: string): User | undefined {
    return this.users.get(id);
  }
  /** Users with Calling properties (a scan: asked only when a change brings a number). */
  usersWithCalling(): User[] {
    return [...this.users.values()].filter((user) => user.calling !== undefined);
  }
  userIdByEmail(key: string): string | undefined {
    return this.userIdByEmailKey.get(key);
  }
  userByEmail(email: string): User | undefined {
    const id = this.userIdByEmailKey.get(emailKey(email));
    return id === undefined ? undefined : this.users.get(id);
  }
  userCount(): number {
    return this.users.size;
  }
  usedUnits(licenseId: string): number {
    return this.used.get(licenseId) ?? 0;
  }
  usage(): LicenseUsage[] {
    return this.licenses.map((license) => {
      const used = this.usedUnits(license.id);
      return { license, used, total: license.totalUnits, free: Math.max(0, license.totalUnits - used) };
    });
  }
  searchUsers(query: UserQuery): UserPage {
    return this.search.search(query);
  }
  draft(id: string): Draft | undefined {
    return this.drafts.get(id);
  }
  request(id: string): ChangeRequest | undefined {
    return this.requestRecords.get(id);
  }
  requestByNumber(number: number): ChangeRequest | undefined {
    return this.requestRecords.byNumber(number);
  }
  lastRequestNumber(): number {
    return this.requestRecords.highestNumber;
  }
  requests(): IterableIterator<ChangeRequest> {
    return this.requestRecords.all();
  }
  openRequests(): IterableIterator<ChangeRequest> {
    return this.requestRecords.open();
  }
  /** A scan of all drafts: callers sweep every few minutes, not on every event. */
  expiredDrafts(now: Date): Draft[] {
    const time = now.getTime();
    return [...this.drafts.values()].filter((draft) => Date.parse(draft.expiresAt) <= time);
  }
  orgChange(id: string): OrgChange | undefined {
    return this.orgChangesById.get(id);
  }
  orgChanges(): IterableIterator<OrgChange> {
    return this.orgChangesById.values();
  }
  queuedOrgChangeList(): IterableIterator<OrgChange> {
    return this.queuedOrgChanges.values();
  }
  orgChangesOf(userId: string): IterableIterator<OrgChange> {
    return (this.orgChangesByUser.get(userId) ?? new Map<string, OrgChange>()).values();
  }
  grant(id: string): Grant | undefined {
    return this.grantsById.get(id);
  }
  /** Every grant ever made (a few hundred at most: they are made by hand). */
  grants(): IterableIterator<Grant> {
    return this.grantsById.values();
  }
  mark(key: string): string | undefined {
    return this.marks.get(key);
  }
  role(key: string): Role | undefined {
    return this.rolesByEmail.get(key);
  }
  roles(): Role[] {
    return [...this.rolesByEmail.values()];
  }
  locale(personId: string): Locale | undefined {
    return this.preferences.get(personId)?.locale;
  }
  localeOfEmail(email: string): Locale | undefined {
    // Who chose a language here, or the org's user with that email (their id is their Webex person id once synced).
    const personId = this.personIdByEmail.get(emailKey(email)) ?? this.userIdByEmail(emailKey(email));
    return personId === undefined ? undefined : this.locale(personId);
  }
  private setPreference(preference: Preference): void {
    this.preferences.set(preference.personId, preference);
    if (preference.email) this.personIdByEmail.set(emailKey(preference.email), preference.personId);
  }
}
