// The whole JSON store document, validated at load.
import { z } from 'zod';
import { GrantSchema } from './grant.js';
import { OrgChangeSchema } from './org-change.js';
import { LicenseSchema, LocationSchema, SiteSchema, SubscriptionSchema, UserSchema } from './org.js';
import { ChangeRequestSchema, DraftSchema, PreferenceSchema, RoleSchema } from './people.js';

export const OrgDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  orgName: z.string().default('Org'),
  sites: z.array(SiteSchema),
  subscriptions: z.array(SubscriptionSchema),
  licenses: z.array(LicenseSchema),
  users: z.array(UserSchema),
  /** Webex Calling locations (synced from the org; Calling licenses need one). */
  locations: z.array(LocationSchema).default([]),
  roles: z.array(RoleSchema).default([]),
  preferences: z.array(PreferenceSchema).default([]),
  drafts: z.array(DraftSchema).default([]),
  requests: z.array(ChangeRequestSchema).default([]),
  /** Changes on their way to Webex, and what Webex answered (the outbox). */
  orgChanges: z.array(OrgChangeSchema).default([]),
  /** Licenses granted until a date (their end is scheduled here). */
  grants: z.array(GrantSchema).default([]),
  /** Small facts the desk's schedules keep (e.g. the last weekly report), by key. */
  marks: z.record(z.string(), z.string()).default({}),
  /**
   * Written by the store: the last audit line this snapshot contains. At open, audit lines
   * past it must be in the journal, so a lost or emptied journal is found, not ignored.
   * `journal`: the journal being written when the snapshot was taken (the sha256 it names,
   * and its length then). Commits go on while a snapshot is written; the batches past that
   * length are not in the snapshot and are replayed from that journal.
   */
  position: z
    .strictObject({
      auditSeq: z.number().int().nonnegative(),
      auditHash: z.string(),
      journal: z.strictObject({ base: z.string(), offset: z.number().int().nonnegative() }).optional(),
    })
    .optional(),
});
export type OrgDocument = z.infer<typeof OrgDocumentSchema>;

export const emptyOrgDocument = (orgName = 'Org'): OrgDocument => ({
  schemaVersion: 1,
  orgName,
  sites: [],
  subscriptions: [],
  licenses: [],
  users: [],
  locations: [],
  roles: [],
  preferences: [],
  drafts: [],
  requests: [],
  orgChanges: [],
  grants: [],
  marks: {},
});
