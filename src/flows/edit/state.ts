// The edit wizard's draft state and the change it accumulates. The change is kept
// normalized against the user as loaded (baseRev): a license switched back to what the
// user had disappears from the change, so the review shows only real differences.
import { z } from 'zod';
import { SERVICES, type Draft, type ProposedChange, type Service, type User } from '../../domain/index.js';

const EditStateSchema = z.object({ service: z.enum(SERVICES).optional() });

/** The service the licenses step is about (chosen on the service step). */
export const chosenService = (draft: Draft): Service => EditStateSchema.parse(draft.state).service ?? 'messaging';

export interface Assignment {
  licenseIds: string[];
  attendeeOf: string[];
}

/** The user as the draft would leave them, before the rules' automatic changes. */
export function pendingAssignment(user: User, change: ProposedChange): Assignment {
  const licenseIds = new Set(user.licenseIds);
  change.addLicenseIds.forEach((id) => licenseIds.add(id));
  change.removeLicenseIds.forEach((id) => licenseIds.delete(id));
  const attendeeOf = new Set(user.attendeeOf);
  change.addAttendeeSites.forEach((url) => attendeeOf.add(url));
  change.removeAttendeeSites.forEach((url) => attendeeOf.delete(url));
  return { licenseIds: [...licenseIds], attendeeOf: [...attendeeOf] };
}

const without = (list: readonly string[], id: string): string[] => list.filter((x) => x !== id);

/** The change with one license switched on or off, relative to what the user holds. */
export function withLicense(change: ProposedChange, user: User, licenseId: string, on: boolean): ProposedChange {
  const held = user.licenseIds.includes(licenseId);
  const add = without(change.addLicenseIds, licenseId);
  const remove = without(change.removeLicenseIds, licenseId);
  if (on && !held) add.push(licenseId);
  if (!on && held) remove.push(licenseId);
  return { ...change, addLicenseIds: add, removeLicenseIds: remove };
}
