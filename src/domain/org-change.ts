// The outbox: each change the desk saved, on its way to Webex (PATCH /v1/licenses/users).
// Written in the same commit as the change itself, so a crash neither loses nor repeats it.
import { z } from 'zod';
import { CallingPropertiesSchema } from './org.js';

export const ORG_CHANGE_SOURCES = ['save', 'request', 'reassign', 'external', 'import', 'revert', 'grant', 'reclaim'] as const;
export const OrgChangeSourceSchema = z.enum(ORG_CHANGE_SOURCES);
export type OrgChangeSource = z.infer<typeof OrgChangeSourceSchema>;

export const OperationSchema = z.enum(['add', 'remove']);
export type Operation = z.infer<typeof OperationSchema>;

/** One entry of the PATCH body's `licenses`. */
export const LicenseOpSchema = z.strictObject({
  id: z.string().min(1),
  operation: OperationSchema,
  properties: CallingPropertiesSchema.optional(),
});
export type LicenseOp = z.infer<typeof LicenseOpSchema>;

/** One entry of the PATCH body's `siteUrls` (Webex only knows the attendee account type). */
export const SiteOpSchema = z.strictObject({
  siteUrl: z.string().min(1),
  accountType: z.literal('attendee'),
  operation: OperationSchema,
});
export type SiteOp = z.infer<typeof SiteOpSchema>;

/** applied: Webex holds it; pending: Webex holds it for an external user who has not accepted yet. */
export const PartStatusSchema = z.enum(['queued', 'applied', 'pending', 'failed']);
export type PartStatus = z.infer<typeof PartStatusSchema>;

export const PartResultSchema = z.strictObject({
  /** A license id or a site URL. */
  key: z.string(),
  status: PartStatusSchema,
  /** Webex's error code (e.g. 400411) or our own reason when Webex gave none. */
  code: z.string().optional(),
  message: z.string().optional(),
});
export type PartResult = z.infer<typeof PartResultSchema>;

/**
 * queued: waiting to be sent (or retried after a 429/5xx); applied: all parts applied or
 * pending; partial: some parts failed (Retry or Revert); failed: Webex refused it all;
 * reverted: an admin chose Revert (the desk's record went back, see the audit).
 */
export const OrgChangeStatusSchema = z.enum(['queued', 'applied', 'partial', 'failed', 'reverted']);
export type OrgChangeStatus = z.infer<typeof OrgChangeStatusSchema>;

export const OrgChangeSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  email: z.string(),
  source: OrgChangeSourceSchema,
  licenses: z.array(LicenseOpSchema),
  siteUrls: z.array(SiteOpSchema),
  /** The audit line of the desk's change (the store fills it from the commit). */
  auditSeq: z.number().int().positive().optional(),
  status: OrgChangeStatusSchema,
  parts: z.array(PartResultSchema).default([]),
  attempts: z.number().int().nonnegative(),
  /** Not before this time (a 429's Retry-After or a backoff). */
  notBefore: z.string().optional(),
  lastError: z.string().optional(),
  /** Where to say "Applied in Webex" (the space of the person who saved it). */
  notify: z.strictObject({ roomId: z.string(), personId: z.string(), messageId: z.string().optional() }).optional(),
  /** false: Webex answered, the person is not told yet (a restart tells them); true: told. */
  told: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  version: z.number().int().nonnegative(),
});
export type OrgChange = z.infer<typeof OrgChangeSchema>;

/** Still on its way, or refused and waiting for Retry or Revert: a sync must not overwrite the user meanwhile. */
export const holdsUserFromSync = (change: OrgChange): boolean => change.status === 'queued' || change.status === 'partial' || change.status === 'failed';
