// A license granted until a date: removed (as an audited change) when that day is over.
// The schedule lives in the store, so it survives restarts and runs once.
import { z } from 'zod';

/** A calendar day, YYYY-MM-DD. Grants end when that day is over in UTC. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const PersonSchema = z.strictObject({ personId: z.string(), email: z.string() });
const CardCopySchema = z.strictObject({ messageId: z.string().min(1), roomId: z.string().optional(), email: z.string().optional() });

/** active: ends on `until`; kept: made permanent; ended: removed at the end, or no longer held. */
export const GrantStatusSchema = z.enum(['active', 'kept', 'ended']);
export type GrantStatus = z.infer<typeof GrantStatusSchema>;

export const GrantSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  licenseId: z.string().min(1),
  until: DaySchema,
  /** Who set the date: the admin who saved it, or the helpdesk agent whose request carried it. */
  grantedBy: PersonSchema,
  /** The admin who approved the request that carried the date. */
  approvedBy: PersonSchema.optional(),
  requestId: z.string().optional(),
  /** The audit line of the change that granted it. */
  auditSeq: z.number().int().positive().optional(),
  status: GrantStatusSchema,
  createdAt: z.string(),
  /** The reminder one day before the end went out (its copies, so a decision updates every one). */
  remindedAt: z.string().optional(),
  reminderCards: z.array(CardCopySchema).optional(),
  /** Someone chose "Let it end" on the reminder. */
  letEndBy: z.string().optional(),
  /** The end was refused by the rules (codes); the people were told once. Tried again on every sweep. */
  blockedCodes: z.array(z.string()).optional(),
  endedAt: z.string().optional(),
  version: z.number().int().nonnegative(),
});
export type Grant = z.infer<typeof GrantSchema>;

/** When a grant's last day is over: the start of the next day, UTC. */
export const grantEndsAt = (grant: Pick<Grant, 'until'>): Date => new Date(Date.parse(`${grant.until}T00:00:00.000Z`) + 24 * 60 * 60 * 1000);
