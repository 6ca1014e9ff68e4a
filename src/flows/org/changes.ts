// A saved change becomes an outbox entry in the same commit (DESIGN section 8): the
// difference between the user's licenses before and after, as the PATCH /v1/licenses/users
// operations Webex takes. No admin connection, no entry: the change is the desk's only.
import type { CallingProperties, LicenseOp, OrgChange, OrgChangeSource, SiteOp, User } from '../../domain/index.js';
import type { Mutation, StoreReader } from '../../store/index.js';
import type { FlowContext } from '../context.js';

export interface AssignmentState {
  licenseIds: readonly string[];
  attendeeOf: readonly string[];
  calling?: CallingProperties | undefined;
}

export interface OrgOps {
  licenses: LicenseOp[];
  siteUrls: SiteOp[];
}

/**
 * Removals first, then additions with Calling before the rest: Webex checks a request as a
 * whole, but a reader of the outbox (and a partial answer) reads best in that order.
 */
export function opsBetween(store: Pick<StoreReader, 'license'>, before: AssignmentState, after: AssignmentState): OrgOps {
  const had = new Set(before.licenseIds);
  const has = new Set(after.licenseIds);
  const isCalling = (id: string) => store.license(id)?.service === 'calling';
  const adds = [...has].filter((id) => !had.has(id)).sort((a, b) => Number(isCalling(b)) - Number(isCalling(a)));
  const licenses: LicenseOp[] = [
    ...[...had].filter((id) => !has.has(id)).map((id): LicenseOp => ({ id, operation: 'remove' })),
    ...adds.map((id): LicenseOp => {
      const properties = isCalling(id) ? (after.calling ?? before.calling) : undefined;
      return { id, operation: 'add', ...(properties ? { properties } : {}) };
    }),
  ];
  const wasAttendee = new Set(before.attendeeOf);
  const isAttendee = new Set(after.attendeeOf);
  const siteUrls: SiteOp[] = [
    ...[...wasAttendee].filter((url) => !isAttendee.has(url)).map((siteUrl): SiteOp => ({ siteUrl, accountType: 'attendee', operation: 'remove' })),
    ...[...isAttendee].filter((url) => !wasAttendee.has(url)).map((siteUrl): SiteOp => ({ siteUrl, accountType: 'attendee', operation: 'add' })),
  ];
  return { licenses, siteUrls };
}

/**
 * Webex refuses a downgrade to Calling Standard in one request (400112 from Professional,
 * 400410 from Customer Experience - Essential): such a change goes as two, removals first.
 */
export function requestsFor(store: Pick<StoreReader, 'license'>, before: AssignmentState, after: AssignmentState): OrgOps[] {
  const ops = opsBetween(store, before, after);
  const service = (id: string) => store.license(id);
  const addsStandard = ops.licenses.some((op) => op.operation === 'add' && service(op.id)?.tier === 'standard');
  const removesHigher = ops.licenses.some((op) => op.operation === 'remove' && (service(op.id)?.tier === 'professional' || service(op.id)?.service === 'cxBasic'));
  if (!addsStandard || !removesHigher) return [ops];
  return [
    { licenses: ops.licenses.filter((op) => op.operation === 'remove'), siteUrls: ops.siteUrls.filter((op) => op.operation === 'remove') },
    { licenses: ops.licenses.filter((op) => op.operation === 'add'), siteUrls: ops.siteUrls.filter((op) => op.operation === 'add') },
  ];
}

export interface OutboxInput {
  user: Pick<User, 'id' | 'email'>;
  ops: OrgOps;
  source: OrgChangeSource;
  /** Index of the commit's audit line that records the desk's change. */
  auditLine: number;
}

type Stamps = { newId: () => string; now: () => Date; notify?: OrgChange['notify'] };

/** The orgChange.put of one request to Webex; none when it asks for nothing. */
function outboxPut(stamps: Stamps, input: OutboxInput): Mutation[] {
  if (input.ops.licenses.length === 0 && input.ops.siteUrls.length === 0) return [];
  const change: OrgChange = {
    id: `oc-${stamps.newId()}`,
    userId: input.user.id,
    email: input.user.email,
    source: input.source,
    licenses: input.ops.licenses,
    siteUrls: input.ops.siteUrls,
    status: 'queued',
    parts: [],
    attempts: 0,
    ...(stamps.notify ? { notify: stamps.notify } : {}),
    createdAt: stamps.now().toISOString(),
    version: 0,
  };
  return [{ type: 'orgChange.put', change, auditLine: input.auditLine }];
}

/**
 * The outbox mutations for a change in a flow: none without an admin connection. The one who
 * acted hears how it went; a change nobody clicked (a grant's end, no room) tells no one.
 */
export function outboxMutations(ctx: Pick<FlowContext, 'org' | 'newId' | 'now' | 'roomId' | 'actor'>, input: OutboxInput): Mutation[] {
  if (!ctx.org) return [];
  return outboxPut({ newId: ctx.newId, now: ctx.now, ...(ctx.roomId ? { notify: { roomId: ctx.roomId, personId: ctx.actor.personId } } : {}) }, input);
}

/**
 * An import's changes for Webex, one per changed user, each linked to that user's audit line
 * (line 0 is the import's own). Nobody to tell in a space: `pending` and `history` show them.
 */
export function importOutbox(
  store: Pick<StoreReader, 'license'>,
  stamps: Omit<Stamps, 'notify'>,
  changes: readonly { userId: string; email: string; before: AssignmentState; after: AssignmentState }[],
): Mutation[] {
  return changes.flatMap((u, index) =>
    requestsFor(store, u.before, u.after).flatMap((ops) => outboxPut(stamps, { user: { id: u.userId, email: u.email }, ops, source: 'import', auditLine: index + 1 })),
  );
}

/** The outbox mutations from a user's assignment before and after a change. */
export function changeToOrg(
  ctx: Pick<FlowContext, 'org' | 'newId' | 'now' | 'roomId' | 'actor' | 'store'>,
  input: { user: User; after: AssignmentState; source: OrgChangeSource; auditLine: number },
): Mutation[] {
  return requestsFor(ctx.store, input.user, input.after).flatMap((ops) => outboxMutations(ctx, { user: input.user, ops, source: input.source, auditLine: input.auditLine }));
}
