// CALLING: Webex refuses a Calling license without its properties (PATCH /v1/licenses/users
// answers 400411): each needs a location and an extension or a phone number. Checked when
// the change adds a Calling license to a user without properties, or carries properties.
// An R1 tier switch keeps the user's properties; no Calling license left drops them.
import type { CallingProperties, User } from '../domain/index.js';
import { CODES } from './codes.js';
import { callingLicensesOf, userLabel } from './helpers.js';
import { addedLicenseIds, type Rule, type RuleState } from './state.js';
import type { Violation } from './types.js';

export const EXTENSION_PATTERN = /^[0-9]{2,10}$/;
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;

/** A phone number as Webex takes it: spaces and dashes stripped ("+31 20 555-0101" → "+31205550101"). */
export const normalizePhoneNumber = (phoneNumber: string): string => phoneNumber.replace(/[\s-]/g, '');

/** Trimmed, the number stripped of spaces and dashes; empty parts left out. */
export function normalizeCallingProperties(p: CallingProperties): CallingProperties {
  const extension = p.extension?.trim() ?? '';
  const phoneNumber = normalizePhoneNumber(p.phoneNumber ?? '');
  return { locationId: p.locationId.trim(), ...(extension ? { extension } : {}), ...(phoneNumber ? { phoneNumber } : {}) };
}

/** Another user holding the extension in that location, or the number anywhere. */
function holders(s: RuleState, p: CallingProperties): { extension?: User; phoneNumber?: User } {
  const others = s.ctx.usersWithCalling().filter((u) => u.id !== s.user.id && u.calling);
  const extension = p.extension ? others.find((u) => u.calling?.locationId === p.locationId && u.calling.extension === p.extension) : undefined;
  const number = p.phoneNumber;
  const phoneNumber = number ? others.find((u) => u.calling?.phoneNumber !== undefined && normalizePhoneNumber(u.calling.phoneNumber) === number) : undefined;
  return { ...(extension ? { extension } : {}), ...(phoneNumber ? { phoneNumber } : {}) };
}

/** The findings on given properties: known location, well-formed, one of the two, not someone else's. */
export function checkCallingProperties(s: RuleState, given: CallingProperties): Violation[] {
  const user = userLabel(s.user);
  const p = normalizeCallingProperties(given);
  const violations: Violation[] = [];
  const add = (code: string, params: Record<string, string>) => violations.push({ rule: 'CALLING', code, params: { user, ...params } });
  // No location at all (a CSV row with an extension but no Location, for a user without one) is what properties-missing says.
  const license = callingLicensesOf(s.ctx, s.result.licenseIds)[0];
  if (p.locationId === '' && license) return [{ rule: 'CALLING', code: CODES.callingPropertiesMissing, params: { user, license: license.name } }];
  const location = s.ctx.locations.get(p.locationId);
  if (!location) add(CODES.callingLocationUnknown, { locationId: p.locationId.slice(0, 80) });
  if (p.extension !== undefined && !EXTENSION_PATTERN.test(p.extension)) add(CODES.callingExtensionInvalid, { extension: p.extension.slice(0, 20) });
  if (p.phoneNumber !== undefined && !E164_PATTERN.test(p.phoneNumber)) add(CODES.callingNumberInvalid, { phoneNumber: p.phoneNumber.slice(0, 20) });
  if (p.extension === undefined && p.phoneNumber === undefined) add(CODES.callingNumberOrExtension, {});
  if (violations.length > 0) return violations;
  const taken = holders(s, p);
  if (taken.extension && p.extension) {
    add(CODES.callingExtensionTaken, { extension: p.extension, location: location?.name ?? p.locationId, holder: userLabel(taken.extension) });
  }
  if (taken.phoneNumber && p.phoneNumber) add(CODES.callingNumberTaken, { phoneNumber: p.phoneNumber, holder: userLabel(taken.phoneNumber) });
  return violations;
}

/** CALLING: properties for an added Calling license (a user without them), and any properties the change carries. */
export const callingProperties: Rule = (s) => {
  const given = s.change.calling;
  const calling = callingLicensesOf(s.ctx, s.result.licenseIds);
  if (calling.length === 0) {
    return given ? { violations: [{ rule: 'CALLING', code: CODES.callingWithoutLicense, params: { user: userLabel(s.user) } }] } : {};
  }
  if (given) return { violations: checkCallingProperties(s, given) };
  const added = callingLicensesOf(s.ctx, addedLicenseIds(s));
  const [license] = added;
  if (!license || s.user.calling || s.recordsWebex) return {};
  return { violations: [{ rule: 'CALLING', code: CODES.callingPropertiesMissing, params: { user: userLabel(s.user), license: license.name } }] };
};

/** The verdict's `calling`: new properties, null when no Calling license is left, else undefined (unchanged). */
export function callingAfter(s: RuleState): CallingProperties | null | undefined {
  if (callingLicensesOf(s.ctx, s.result.licenseIds).length === 0) return s.user.calling ? null : undefined;
  return s.change.calling ? normalizeCallingProperties(s.change.calling) : undefined;
}
