// Who uses the bot: roles (R11), language preferences, drafts and requests.
import { z } from 'zod';
import { ProposedChangeSchema } from './change.js';
import { DaySchema } from './grant.js';

export const RoleNameSchema = z.enum(['admin', 'helpdesk']);
export type RoleName = z.infer<typeof RoleNameSchema>;
/** Everyone without a role is "none" and is refused. */
export type ActorRole = RoleName | 'none';

export const RoleSchema = z.strictObject({
  email: z.string().email(),
  role: RoleNameSchema,
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Role = z.infer<typeof RoleSchema>;

export const LocaleSchema = z.enum(['en', 'nl']);
export type Locale = z.infer<typeof LocaleSchema>;

export const PreferenceSchema = z.strictObject({
  personId: z.string().min(1),
  locale: LocaleSchema,
  /** Who chose it, so a card sent by email (to an agent, a granter) is in their language too. */
  email: z.string().optional(),
});
export type Preference = z.infer<typeof PreferenceSchema>;

/** The person acting, as Webex says (personId/personEmail), never from card inputs. */
export interface Actor {
  personId: string;
  email: string;
  displayName?: string;
}

/** Server-side wizard state; the card only carries its id. */
export const DraftSchema = z.strictObject({
  id: z.string().min(1),
  flow: z.string().min(1),
  step: z.string().min(1),
  ownerId: z.string().min(1),
  ownerEmail: z.string(),
  roomId: z.string(),
  targetUserId: z.string().optional(),
  /** The target user's rev when the draft was (re)loaded. */
  baseRev: z.number().int().nonnegative().optional(),
  change: ProposedChangeSchema,
  /** Free-form wizard state (search text, page, chosen service). Shaped by the flow. */
  state: z.record(z.string(), z.unknown()).default({}),
  /** The last card message of this flow, so it can be replaced after Save. */
  lastMessageId: z.string().optional(),
  status: z.enum(['open', 'done', 'cancelled']),
  /** After Save: what was saved, so a repeated submit shows it again instead of re-applying. */
  resultAuditSeq: z.number().int().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Incremented on each step; a submit from an older card is stale. */
  version: z.number().int().nonnegative(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** asked: a person's own ask, in the helpdesk queue (not yet an approval request); open: waiting for an admin. */
export const RequestStatusSchema = z.enum(['asked', 'open', 'approved', 'rejected', 'expired', 'failed']);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

const PersonRefSchema = z.strictObject({ personId: z.string(), email: z.string() });
const CopySchema = z.strictObject({ messageId: z.string().min(1), roomId: z.string().optional(), email: z.string().optional() });

/** What the helpdesk did with a person's own ask (origin "self"), before an admin decides. */
export const HelpdeskHandlingSchema = z.strictObject({
  takenBy: PersonRefSchema.optional(),
  takenAt: z.string().optional(),
  /** Questions to the person and their answers, oldest first. */
  questions: z.array(z.strictObject({ by: z.string(), text: z.string(), at: z.string(), answer: z.string().optional(), answeredAt: z.string().optional() })).default([]),
  /** The agent who forwarded it to the administrators, and their note. */
  forwardedBy: PersonRefSchema.optional(),
  note: z.string().optional(),
  /** Where the queue card went (the helpdesk space, or each agent 1:1), so every copy can be updated. */
  queueCards: z.array(CopySchema).default([]),
  /** An untouched ask is posted to the queue again once. */
  remindedAt: z.string().optional(),
});
export type HelpdeskHandling = z.infer<typeof HelpdeskHandlingSchema>;

/** A helpdesk agent's change request, or a person's own ask (origin "self"), decided once by an admin. */
export const ChangeRequestSchema = z.strictObject({
  id: z.string().min(1),
  /**
   * The short id people type and read: set by the store when it first stores the
   * request, increasing per store. Optional: files written before it existed are numbered at load.
   */
  number: z.number().int().positive().optional(),
  requesterId: z.string(),
  requesterEmail: z.string(),
  /** self: the person who needs the license asked (the helpdesk handles it first); unset: a helpdesk agent filed it. */
  origin: z.enum(['self']).optional(),
  helpdesk: HelpdeskHandlingSchema.optional(),
  roomId: z.string(),
  targetUserId: z.string(),
  baseRev: z.number().int().nonnegative(),
  change: ProposedChangeSchema,
  reason: z.string().min(1),
  /** Licenses asked for until a date: the last day per license id (grants made on approval). */
  until: z.record(z.string(), DaySchema).optional(),
  status: RequestStatusSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  comment: z.string().optional(),
  /** Why an approval could not be applied (rule codes or "conflict"). */
  failureCodes: z.array(z.string()).optional(),
  /** The approval cards sent for it (each admin's copy), so a decision can update the others. */
  approvalCards: z
    .array(z.strictObject({ messageId: z.string().min(1), roomId: z.string().optional(), email: z.string().optional() }))
    .optional(),
  version: z.number().int().nonnegative(),
});
export type ChangeRequest = z.infer<typeof ChangeRequestSchema>;
