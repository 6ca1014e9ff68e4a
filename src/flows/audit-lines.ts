// Pieces every flow's audit line shares: who acted on whom, in which event, the user's
// licenses before the change and the rule codes (with their parameters) behind the verdict.
import type { AuditInput, User } from '../domain/index.js';
import type { Verdict } from '../rules/index.js';
import type { FlowContext } from './context.js';

/** An audit line's codes, and the same findings with their parameters, so history can say them in words. */
export function verdictCodes(verdict: Verdict): Required<Pick<AuditInput, 'codes' | 'findings'>> {
  const findings = [...verdict.violations, ...verdict.autoChanges, ...verdict.notices].map(({ code, params }) => ({ code, params }));
  return { codes: findings.map((f) => f.code), findings };
}

export function auditBase(ctx: FlowContext, user: User): Pick<AuditInput, 'actorId' | 'actorEmail' | 'targetUserId' | 'targetEmail' | 'eventId'> {
  return { actorId: ctx.actor.personId, actorEmail: ctx.actor.email, targetUserId: user.id, targetEmail: user.email, eventId: ctx.eventId };
}

/** The user's licenses as an audit line's `before` (copies: the user object may change later). */
export const licensesBefore = (user: User): { licenseIds: string[]; attendeeOf: string[] } => ({
  licenseIds: [...user.licenseIds],
  attendeeOf: [...user.attendeeOf],
});

/** An auth.refused line: who tried what on whom (R11), with the refusal's code. */
export function authRefusedLine(ctx: FlowContext, input: { what: string; code: string; target?: User; details?: Record<string, unknown> }): AuditInput {
  return {
    action: 'auth.refused',
    actorId: ctx.actor.personId,
    actorEmail: ctx.actor.email,
    ...(input.target ? { targetUserId: input.target.id, targetEmail: input.target.email } : {}),
    eventId: ctx.eventId,
    codes: [input.code],
    details: { what: input.what, ...input.details },
  };
}

export interface LineOps {
  add: string[];
  remove: string[];
  addSites: string[];
  removeSites: string[];
}

const without = (list: readonly string[], other: readonly string[]) => list.filter((x) => !other.includes(x));

/** What an audit line added and removed: between its before and after (none before: an added user), else as its proposed change says. */
export function lineOps(entry: Pick<AuditInput, 'before' | 'after' | 'change'>): LineOps {
  const { after, change } = entry;
  if (after) {
    const before = entry.before ?? { licenseIds: [], attendeeOf: [] };
    return {
      add: without(after.licenseIds, before.licenseIds),
      remove: without(before.licenseIds, after.licenseIds),
      addSites: without(after.attendeeOf, before.attendeeOf),
      removeSites: without(before.attendeeOf, after.attendeeOf),
    };
  }
  return { add: change?.addLicenseIds ?? [], remove: change?.removeLicenseIds ?? [], addSites: change?.addAttendeeSites ?? [], removeSites: change?.removeAttendeeSites ?? [] };
}
