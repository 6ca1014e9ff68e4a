// The store's filtered reads, over OrgState's maps and indexes.
import type { ChangeRequest, Grant, OrgChange } from '../domain/index.js';
import type { OrgState } from './org-state.js';

/** With status 'open' or 'asked' only the undecided-requests index is read. */
export function requestsMatching(state: OrgState, filter: { status?: ChangeRequest['status']; requesterId?: string }): ChangeRequest[] {
  const candidates = filter.status === 'open' || filter.status === 'asked' ? state.openRequests() : state.requests();
  return [...candidates].filter(
    (request) => (filter.status === undefined || request.status === filter.status) && (filter.requesterId === undefined || request.requesterId === filter.requesterId),
  );
}

/** status 'queued' reads the queue's index, a user's changes their own index. */
export function orgChangesMatching(state: OrgState, filter: { status?: OrgChange['status']; userId?: string }): OrgChange[] {
  const candidates = filter.status === 'queued' ? state.queuedOrgChangeList() : filter.userId !== undefined ? state.orgChangesOf(filter.userId) : state.orgChanges();
  return [...candidates].filter((change) => (filter.status === undefined || change.status === filter.status) && (filter.userId === undefined || change.userId === filter.userId));
}

/** Soonest end first (then oldest grant). */
export function grantsMatching(state: OrgState, filter: { status?: Grant['status']; userId?: string }): Grant[] {
  return [...state.grants()]
    .filter((grant) => (filter.status === undefined || grant.status === filter.status) && (filter.userId === undefined || grant.userId === filter.userId))
    .sort((a, b) => a.until.localeCompare(b.until) || a.createdAt.localeCompare(b.createdAt));
}
