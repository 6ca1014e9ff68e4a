// The store's reads, from the org in memory (OrgState): the same for every Store that keeps
// its read model in memory (the embedded lowdb store, and each replica's on PostgreSQL).
import type { ChangeRequest, Grant, OrgChange } from '../domain/index.js';
import type { OrgState } from './org-state.js';
import { grantsMatching, orgChangesMatching, requestsMatching } from './record-queries.js';
import type { StoreReader, UserQuery } from './types.js';

export abstract class StateReads implements StoreReader {
  protected abstract get state(): OrgState;

  orgName() { return this.state.orgName; }
  sites() { return this.state.sites; }
  site(url: string) { return this.state.site(url); }
  subscriptions() { return this.state.subscriptions; }
  licenses() { return this.state.licenses; }
  license(id: string) { return this.state.license(id); }
  usedUnits(licenseId: string) { return this.state.usedUnits(licenseId); }
  usage() { return this.state.usage(); }
  user(id: string) { return this.state.user(id); }
  userByEmail(email: string) { return this.state.userByEmail(email); }
  searchUsers(query: UserQuery) { return this.state.searchUsers(query); }
  userCount() { return this.state.userCount(); }
  usersWithCalling() { return this.state.usersWithCalling(); }
  roles() { return this.state.roles(); }
  locale(personId: string) { return this.state.locale(personId); }
  localeOfEmail(email: string) { return this.state.localeOfEmail(email); }
  draft(id: string) { return this.state.draft(id); }
  expiredDrafts(now: Date) { return this.state.expiredDrafts(now); }
  request(id: string) { return this.state.request(id); }
  requestByNumber(number: number) { return this.state.requestByNumber(number); }
  requests(filter: { status?: ChangeRequest['status']; requesterId?: string } = {}) { return requestsMatching(this.state, filter); }
  locations() { return this.state.locations; }
  orgChange(id: string) { return this.state.orgChange(id); }
  orgChanges(filter: { status?: OrgChange['status']; userId?: string } = {}) { return orgChangesMatching(this.state, filter); }
  grant(id: string) { return this.state.grant(id); }
  grants(filter: { status?: Grant['status']; userId?: string } = {}) { return grantsMatching(this.state, filter); }
  mark(key: string) { return this.state.mark(key); }
}
