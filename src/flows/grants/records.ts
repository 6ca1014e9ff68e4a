// Grants as a change makes them: one per license saved with a last day, in the same commit as
// the change. A grant still active for a license the change adds again is closed, so an old
// end date cannot take away a license given again (permanently or with a new date).
import type { Grant, User } from '../../domain/index.js';
import type { Mutation, StoreReader } from '../../store/index.js';
import type { FlowContext } from '../context.js';

export interface GrantInput {
  user: User;
  /** Last day per license id (from the review's "until"). */
  until: Readonly<Record<string, string>>;
  /** The licenses the change adds (active grants for them are closed). */
  added: readonly string[];
  grantedBy: Grant['grantedBy'];
  approvedBy?: Grant['approvedBy'];
  requestId?: string;
  /** The index of the commit's audit line that records the change. */
  auditLine: number;
}

export function grantMutations(ctx: FlowContext, input: GrantInput): Mutation[] {
  const now = ctx.now().toISOString();
  const closed: Mutation[] = ctx.store
    .grants({ status: 'active', userId: input.user.id })
    .filter((grant) => input.added.includes(grant.licenseId))
    .map((grant) => ({ type: 'grant.put', grant: { ...grant, status: 'ended', endedAt: now, version: grant.version + 1 }, expectedVersion: grant.version }));
  const made: Mutation[] = Object.entries(input.until).map(([licenseId, until]) => ({
    type: 'grant.put',
    auditLine: input.auditLine,
    grant: {
      id: ctx.newId(),
      userId: input.user.id,
      licenseId,
      until,
      grantedBy: input.grantedBy,
      ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}),
      ...(input.requestId ? { requestId: input.requestId } : {}),
      status: 'active',
      createdAt: now,
      version: 0,
    },
  }));
  return [...closed, ...made];
}

/** The active grant of a user's license, if it is held until a date. */
export const activeGrantOf = (store: StoreReader, userId: string, licenseId: string): Grant | undefined =>
  store.grants({ status: 'active', userId }).find((grant) => grant.licenseId === licenseId);

export const actorPerson = (ctx: FlowContext): Grant['grantedBy'] => ({ personId: ctx.actor.personId, email: ctx.actor.email });
