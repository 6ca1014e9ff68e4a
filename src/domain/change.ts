// A proposed license change, in domain terms. It is a set of operations, so the
// rules' verdict does not depend on the order its parts come in.
import { z } from 'zod';
import { CallingPropertiesSchema } from './org.js';

export const ProposedChangeSchema = z.strictObject({
  addLicenseIds: z.array(z.string()).default([]),
  removeLicenseIds: z.array(z.string()).default([]),
  /** Site URLs where the user gets an attendee account (R5–R7). */
  addAttendeeSites: z.array(z.string()).default([]),
  removeAttendeeSites: z.array(z.string()).default([]),
  /** Location and number for a Calling license the change adds (Webex refuses one without, 400411). */
  calling: CallingPropertiesSchema.optional(),
});
export type ProposedChange = z.infer<typeof ProposedChangeSchema>;

export const emptyChange = (): ProposedChange => ({
  addLicenseIds: [],
  removeLicenseIds: [],
  addAttendeeSites: [],
  removeAttendeeSites: [],
});

/** Per-site account type the wizard asks for (R5). Host = holding the site's Meetings license. */
/** No license or attendee account is added or removed (Calling properties aside). */
export const isEmptyChange = (change: ProposedChange): boolean =>
  change.addLicenseIds.length + change.removeLicenseIds.length + change.addAttendeeSites.length + change.removeAttendeeSites.length === 0;

export const SiteAccountTypeSchema = z.enum(['none', 'host', 'attendee']);
export type SiteAccountType = z.infer<typeof SiteAccountTypeSchema>;
