// One line of the append-only audit log. Each line carries the hash of the one
// before it, so changing, deleting or reordering a line is detected.
import { z } from 'zod';
import { ProposedChangeSchema } from './change.js';

export const AUDIT_ACTIONS = [
  'license.change', // an admin's applied change
  'license.reassign', // R10
  'license.refused', // a change the rules refused
  'auth.refused', // R11: someone without the right tried
  'user.delete', // R8's delete step
  'user.add', // external add
  'request.submit',
  'request.approve',
  'request.reject',
  'request.expire',
  'request.fail', // approved, but the re-check failed
  'request.ask', // a person asked for a license for themselves
  'request.take', // a helpdesk agent took the ask
  'request.question', // the helpdesk asked the person for more information
  'request.answer', // the person answered
  'request.forward', // the helpdesk forwarded the ask to the administrators (an approval request now)
  'request.decline', // the helpdesk declined the ask
  'role.add',
  'role.remove',
  'import',
  'export', // the users' CSV posted in a space (`export`)
  'webex.apply', // what Webex answered to a change the desk sent (applied, pending, partial, failed)
  'webex.outside', // a sync found a change made outside the desk (Control Hub, another tool)
  'webex.revert', // an admin reverted a change Webex did not (fully) take
  'grant.remind', // a license granted until a date ends tomorrow: its people were asked
  'grant.extend', // its last day moved
  'grant.keep', // made permanent
  'grant.let-end', // someone confirmed it may end
  'grant.end', // ended without a change: the user no longer held the license
  'reclaim.keep', // `reclaim`: an admin kept an idle user's license (left out of reclaim lists for a while)
  'reclaim.ask', // `reclaim`: an admin asked the user whether they still need a license
  'reclaim.answer', // the user asked answered (Keep it / I don't need it)
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

const AssignmentSnapshotSchema = z.strictObject({
  licenseIds: z.array(z.string()),
  attendeeOf: z.array(z.string()),
});

/** What a caller gives; the audit log adds seq, time and the hashes. */
export const AuditInputSchema = z.strictObject({
  action: AuditActionSchema,
  actorId: z.string(),
  actorEmail: z.string(),
  targetUserId: z.string().optional(),
  targetEmail: z.string().optional(),
  before: AssignmentSnapshotSchema.optional(),
  after: AssignmentSnapshotSchema.optional(),
  change: ProposedChangeSchema.optional(),
  /** Rule verdict codes: violations, auto changes and notices. */
  codes: z.array(z.string()).default([]),
  /** The same findings with their message parameters, so history can say them in words (lines before it have codes only). */
  findings: z.array(z.strictObject({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).optional(),
  requestId: z.string().optional(),
  /** The request's short number; the store sets it on lines that name a request. */
  requestNumber: z.number().int().positive().optional(),
  eventId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditInput = z.input<typeof AuditInputSchema>;

export const AuditEntrySchema = AuditInputSchema.extend({
  seq: z.number().int().positive(),
  time: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
