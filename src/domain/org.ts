// Org data: shapes follow the Webex Licenses API (GET /v1/licenses) so a later
// adapter can sync with a real org. Used units are never stored: the store derives them.
import { z } from 'zod';

export const SERVICES = [
  'meetings',
  'messaging',
  'calling',
  'ucm',
  'attendantConsole',
  'cxBasic',
  'webinars',
  'other',
] as const;
export const ServiceSchema = z.enum(SERVICES);
export type Service = z.infer<typeof ServiceSchema>;

export const CallingTierSchema = z.enum(['professional', 'standard']);
export type CallingTier = z.infer<typeof CallingTierSchema>;

/** A Meetings site, e.g. acme.webex.com. */
export const SiteSchema = z.strictObject({
  url: z.string().min(3),
  /** R6: the site's "attendee account" feature; only Cisco TAC can switch it on. */
  attendeeAccountEnabled: z.boolean(),
});
export type Site = z.infer<typeof SiteSchema>;

export const SubscriptionSchema = z.strictObject({
  id: z.string().min(1), // e.g. "Sub-100101"
  name: z.string().optional(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const LicenseSchema = z
  .strictObject({
    id: z.string().min(1),
    /** Webex's display name, e.g. "Webex Calling - Professional". */
    name: z.string().min(1),
    service: ServiceSchema,
    /** Only for service "calling". */
    tier: CallingTierSchema.optional(),
    subscriptionId: z.string().min(1),
    /** Only for service "meetings": the site this host license belongs to. */
    siteUrl: z.string().optional(),
    /** R12: a subscription license has a fixed number of units. */
    totalUnits: z.number().int().nonnegative(),
  })
  .refine((l) => (l.service === 'calling') === (l.tier !== undefined), {
    message: 'a calling license needs a tier (professional|standard); other services must not have one',
    path: ['tier'],
  })
  .refine((l) => (l.service === 'meetings') === (l.siteUrl !== undefined), {
    message: 'a meetings license needs a siteUrl; other services must not have one',
    path: ['siteUrl'],
  });
export type License = z.infer<typeof LicenseSchema>;

/** A license as Control Hub names it: a site's Meetings license with its site. */
export const licenseNameOf = (license: License): string => (license.siteUrl ? `${license.name} (${license.siteUrl})` : license.name);

/** "… · Sub-100102": the name with its subscription, where several licenses share a name. */
export const licenseWithSubscriptionOf = (license: License): string => `${licenseNameOf(license)} · ${license.subscriptionId}`;

/** A Webex Calling location (GET /v1/locations). */
export const LocationSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
});
export type Location = z.infer<typeof LocationSchema>;

/**
 * What Webex needs with a Calling license (PATCH /v1/licenses/users `properties`, 400411):
 * the location and an extension or a phone number (or both).
 */
export const CallingPropertiesSchema = z
  .strictObject({
    locationId: z.string().min(1),
    extension: z.string().optional(),
    phoneNumber: z.string().optional(),
  })
  .refine((p) => p.extension !== undefined || p.phoneNumber !== undefined, {
    message: 'a Calling license needs an extension or a phone number',
    path: ['extension'],
  });
export type CallingProperties = z.infer<typeof CallingPropertiesSchema>;

export const UserTypeSchema = z.enum(['internal', 'external']);
export const UserStatusSchema = z.enum(['active', 'pending', 'inactive']);

export const UserSchema = z.strictObject({
  id: z.string().min(1),
  email: z.string().email(),
  displayName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  type: UserTypeSchema,
  status: UserStatusSchema,
  /** Site URLs where the user has the Webex site administrator role (R7). */
  siteAdminOf: z.array(z.string()),
  licenseIds: z.array(z.string()),
  /** Site URLs where the user has an attendee account (R5). Host is derived from licenses. */
  attendeeOf: z.array(z.string()),
  /** The location and number of the user's Calling license, as Webex holds them. */
  calling: CallingPropertiesSchema.optional(),
  /**
   * When Webex last saw the person do something (the People API's `lastActivity`, from the org
   * sync); absent: never seen (never signed in, or not synced). Not a change to the user: a new
   * value neither bumps `rev` nor writes an audit line (`user.activity`).
   */
  lastActivity: z.iso.datetime({ offset: true }).optional(),
  /** Bumped on every change; an editor's change carries the rev it saw. */
  rev: z.number().int().nonnegative(),
});
export type User = z.infer<typeof UserSchema>;
export type UserType = z.infer<typeof UserTypeSchema>;
export type UserStatus = z.infer<typeof UserStatusSchema>;

/** The licensing part of a user: what a change edits and what the rules compute. */
export interface Assignment {
  licenseIds: readonly string[];
  attendeeOf: readonly string[];
}
