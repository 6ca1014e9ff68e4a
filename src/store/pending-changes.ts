// Mutations are checked and applied to a layer over the committed state; the layer
// becomes real only once the batch is durable. A failed commit just drops its layer.
import {
  ChangeRequestSchema,
  DraftSchema,
  GrantSchema,
  RoleSchema,
  UserSchema,
  PreferenceSchema,
  OrgChangeSchema,
  type ChangeRequest,
  type OrgChange,
  type Draft,
  type Grant,
  type License,
  type Role,
  type Site,
  type Subscription,
  type User,
} from '../domain/index.js';
import { putCatalog } from './catalog-put.js';
import { checkRev, parseRecord } from './record-checks.js';
import { emailKey, type ChangeSet, type OrgView } from './org-state.js';
import type { AuditEntry } from '../domain/index.js';
import { ConflictError, InvalidCommitError, type Mutation } from './types.js';

export class PendingLayer implements OrgView {
  readonly changes: ChangeSet = {
    users: new Map(),
    drafts: new Map(),
    requests: new Map(),
    roles: new Map(),
    preferences: new Map(),
    orgChanges: new Map(),
    grants: new Map(),
    marks: new Map(),
    catalog: { sites: new Map(), subscriptions: new Map(), licenses: new Map(), locations: new Map() },
  };
  /** Email owners changed in this layer (null: nobody any more). */
  private readonly emailOwners = new Map<string, string | null>();
  private highestRequestNumber = 0;

  constructor(private readonly base: OrgView) {}

  license(id: string): License | undefined {
    return this.changes.catalog.licenses.get(id) ?? this.base.license(id);
  }
  site(url: string): Site | undefined {
    return this.changes.catalog.sites.get(url) ?? this.base.site(url);
  }
  subscription(id: string): Subscription | undefined {
    return this.changes.catalog.subscriptions.get(id) ?? this.base.subscription(id);
  }
  user(id: string): User | undefined {
    return pick(this.changes.users, id, () => this.base.user(id));
  }
  userIdByEmail(key: string): string | undefined {
    return pick(this.emailOwners, key, () => this.base.userIdByEmail(key));
  }
  draft(id: string): Draft | undefined {
    return pick(this.changes.drafts, id, () => this.base.draft(id));
  }
  request(id: string): ChangeRequest | undefined {
    return pick(this.changes.requests, id, () => this.base.request(id));
  }
  requestByNumber(number: number): ChangeRequest | undefined {
    for (const request of this.changes.requests.values()) if (request?.number === number) return request; // a handful per batch
    return this.base.requestByNumber(number);
  }
  lastRequestNumber(): number {
    return Math.max(this.highestRequestNumber, this.base.lastRequestNumber());
  }
  putRequest(request: ChangeRequest): void {
    this.changes.requests.set(request.id, request);
    this.highestRequestNumber = Math.max(this.highestRequestNumber, request.number ?? 0);
  }
  role(key: string): Role | undefined {
    return pick(this.changes.roles, key, () => this.base.role(key));
  }
  orgChange(id: string): OrgChange | undefined {
    return this.changes.orgChanges.get(id) ?? this.base.orgChange(id);
  }

  grant(id: string): Grant | undefined {
    return this.changes.grants.get(id) ?? this.base.grant(id);
  }
  mark(key: string): string | undefined {
    return this.changes.marks.get(key) ?? this.base.mark(key);
  }

  setUser(id: string, next: User | null): void {
    const previous = this.user(id);
    if (previous && this.userIdByEmail(emailKey(previous.email)) === id) this.emailOwners.set(emailKey(previous.email), null);
    if (next) this.emailOwners.set(emailKey(next.email), id);
    this.changes.users.set(id, next);
  }

  /** Take over a child layer's changes (a commit that fully applied). */
  absorb(child: PendingLayer): void {
    for (const [id, user] of child.changes.users) this.changes.users.set(id, user);
    for (const [key, owner] of child.emailOwners) this.emailOwners.set(key, owner);
    for (const [id, draft] of child.changes.drafts) this.changes.drafts.set(id, draft);
    for (const [id, request] of child.changes.requests) this.changes.requests.set(id, request);
    this.highestRequestNumber = Math.max(this.highestRequestNumber, child.highestRequestNumber);
    for (const [key, role] of child.changes.roles) this.changes.roles.set(key, role);
    for (const [id, locale] of child.changes.preferences) this.changes.preferences.set(id, locale);
    for (const [id, change] of child.changes.orgChanges) this.changes.orgChanges.set(id, change);
    for (const [id, grant] of child.changes.grants) this.changes.grants.set(id, grant);
    for (const [key, value] of child.changes.marks) this.changes.marks.set(key, value);
    const { catalog } = child.changes;
    for (const [url, site] of catalog.sites) this.changes.catalog.sites.set(url, site);
    for (const [id, sub] of catalog.subscriptions) this.changes.catalog.subscriptions.set(id, sub);
    for (const [id, license] of catalog.licenses) this.changes.catalog.licenses.set(id, license);
    for (const [id, location] of catalog.locations) this.changes.catalog.locations.set(id, location);
  }
}

function pick<T>(changes: Map<string, T | null>, key: string, fallback: () => T | undefined): T | undefined {
  if (changes.has(key)) return changes.get(key) ?? undefined;
  return fallback();
}

/**
 * Check one mutation against the layer and apply it there; returns it as applied (a new
 * request with the number it got, so the journal replays the same). Throws ConflictError or InvalidCommitError.
 */
export function applyMutation(layer: PendingLayer, mutation: Mutation): Mutation {
  switch (mutation.type) {
    case 'user.assign': {
      const current = layer.user(mutation.userId);
      checkRev('user', mutation.userId, mutation.expectedRev, current?.rev);
      const next: User = { ...current!, licenseIds: mutation.licenseIds, attendeeOf: mutation.attendeeOf, rev: current!.rev + 1 };
      if (mutation.calling === null) delete next.calling;
      else if (mutation.calling !== undefined) next.calling = mutation.calling;
      layer.setUser(mutation.userId, checkUser(layer, next));
      return mutation;
    }
    case 'user.put': {
      const current = layer.user(mutation.user.id);
      if (mutation.expectedRev !== undefined) checkRev('user', mutation.user.id, mutation.expectedRev, current?.rev);
      const next = { ...mutation.user, rev: current ? current.rev + 1 : mutation.user.rev };
      layer.setUser(next.id, checkUser(layer, next));
      return mutation;
    }
    case 'user.delete': {
      checkRev('user', mutation.userId, mutation.expectedRev, layer.user(mutation.userId)?.rev);
      layer.setUser(mutation.userId, null);
      return mutation;
    }
    case 'user.activity': {
      const current = layer.user(mutation.userId);
      if (current) layer.setUser(current.id, checkUser(layer, { ...current, lastActivity: mutation.lastActivity }));
      return mutation;
    }
    case 'draft.put': {
      const draft = parseRecord(DraftSchema, mutation.draft, `draft ${mutation.draft.id}`);
      if (mutation.expectedVersion !== undefined) {
        checkRev('draft', draft.id, mutation.expectedVersion, layer.draft(draft.id)?.version);
      }
      layer.changes.drafts.set(draft.id, draft);
      return mutation;
    }
    case 'draft.delete':
      layer.changes.drafts.set(mutation.draftId, null);
      return mutation;
    case 'request.put': {
      const request = parseRecord(ChangeRequestSchema, mutation.request, `request ${mutation.request.id}`);
      if (mutation.expectedVersion !== undefined) {
        checkRev('request', request.id, mutation.expectedVersion, layer.request(request.id)?.version);
      }
      const numbered = withNumber(layer, request);
      layer.putRequest(numbered);
      return { ...mutation, request: numbered };
    }
    case 'orgChange.put': {
      const change = parseRecord(OrgChangeSchema, mutation.change, `outbox entry ${mutation.change.id}`);
      if (mutation.expectedVersion !== undefined) {
        checkRev('outbox entry', change.id, mutation.expectedVersion, layer.orgChange(change.id)?.version);
      }
      layer.changes.orgChanges.set(change.id, change);
      return mutation;
    }
    case 'grant.put': {
      const grant = parseRecord(GrantSchema, mutation.grant, `grant ${mutation.grant.id}`);
      if (mutation.expectedVersion !== undefined) checkRev('grant', grant.id, mutation.expectedVersion, layer.grant(grant.id)?.version);
      // An ended grant may outlive its user (deleted meanwhile); an active one must name a user.
      if (grant.status === 'active' && !layer.user(grant.userId)) throw new InvalidCommitError(`grant ${grant.id}: unknown user ${grant.userId}`);
      if (!layer.license(grant.licenseId)) throw new InvalidCommitError(`grant ${grant.id}: unknown license ${grant.licenseId}`);
      layer.changes.grants.set(grant.id, grant);
      return mutation;
    }
    case 'mark.put': {
      if (mutation.key.length === 0) throw new InvalidCommitError('a mark needs a key');
      const current = layer.mark(mutation.key);
      if (mutation.expected !== undefined && current !== (mutation.expected ?? undefined)) {
        throw new ConflictError('mark', mutation.key, mutation.expected ?? 'unset', current);
      }
      layer.changes.marks.set(mutation.key, String(mutation.value));
      // Journaled without the check: a replay applies it as it was accepted.
      return { type: 'mark.put', key: mutation.key, value: String(mutation.value) };
    }
    case 'role.put': {
      const role = parseRecord(RoleSchema, mutation.role, `role for ${mutation.role.email}`);
      layer.changes.roles.set(emailKey(role.email), role);
      return mutation;
    }
    case 'role.delete':
      layer.changes.roles.set(emailKey(mutation.email), null);
      return mutation;
    case 'preference.put':
      layer.changes.preferences.set(mutation.personId, parseRecord(PreferenceSchema, { personId: mutation.personId, locale: mutation.locale, ...(mutation.email ? { email: mutation.email } : {}) }, 'preference'));
      return mutation;
    case 'catalog.put':
      putCatalog(layer, mutation);
      return mutation;
    default: {
      const unknown: never = mutation;
      throw new InvalidCommitError(`unknown mutation ${JSON.stringify(unknown)}`);
    }
  }
}

/** A request keeps its number; a new one gets the next (or, replayed from the journal, the one it got then). */
function withNumber(layer: PendingLayer, request: ChangeRequest): ChangeRequest {
  const stored = layer.request(request.id)?.number;
  const number = request.number ?? stored ?? layer.lastRequestNumber() + 1;
  if (stored !== undefined && number !== stored) throw new InvalidCommitError(`request ${request.id} is number ${stored}, the change names ${number}`);
  const owner = layer.requestByNumber(number);
  if (owner && owner.id !== request.id) throw new InvalidCommitError(`request ${request.id}: number ${number} belongs to request ${owner.id}`);
  return request.number === number ? request : { ...request, number };
}

/** A user record must be valid, unique by email, and name only known licenses and sites. */
function checkUser(layer: PendingLayer, candidate: User): User {
  const user = parseRecord(UserSchema, candidate, `user ${candidate.id}`);
  const owner = layer.userIdByEmail(emailKey(user.email));
  if (owner !== undefined && owner !== user.id) {
    throw new InvalidCommitError(`user ${user.id}: email ${user.email} already belongs to user ${owner}`);
  }
  const unknownLicenses = user.licenseIds.filter((id) => !layer.license(id));
  if (unknownLicenses.length > 0) {
    throw new InvalidCommitError(`user ${user.id}: unknown license ${unknownLicenses.join(', ')}`);
  }
  const unknownSites = [...user.attendeeOf, ...user.siteAdminOf].filter((url) => !layer.site(url));
  if (unknownSites.length > 0) throw new InvalidCommitError(`user ${user.id}: unknown site ${unknownSites.join(', ')}`);
  return user;
}

/** A mutation as it is applied and journaled: a draft's link to an audit line of its commit becomes that line's seq. */
export function linkAuditSeq(mutation: Mutation, entries: readonly AuditEntry[]): Mutation {
  if (mutation.type === 'orgChange.put' && mutation.auditLine !== undefined) {
    const { auditLine, ...rest } = mutation;
    return { ...rest, change: { ...mutation.change, auditSeq: linkedSeq(entries, auditLine, `outbox entry ${mutation.change.id}`) } };
  }
  if (mutation.type === 'grant.put' && mutation.auditLine !== undefined) {
    const { auditLine, ...rest } = mutation;
    return { ...rest, grant: { ...mutation.grant, auditSeq: linkedSeq(entries, auditLine, `grant ${mutation.grant.id}`) } };
  }
  if (mutation.type !== 'draft.put' || mutation.resultAuditLine === undefined) return mutation;
  const { resultAuditLine, ...rest } = mutation;
  return { ...rest, draft: { ...mutation.draft, resultAuditSeq: linkedSeq(entries, resultAuditLine, `draft ${mutation.draft.id}`) } };
}

function linkedSeq(entries: readonly AuditEntry[], line: number, what: string): number {
  const entry = entries[line];
  if (!entry) throw new InvalidCommitError(`${what} links audit line ${line}, the commit has ${entries.length}`);
  return entry.seq;
}
