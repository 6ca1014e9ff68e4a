// R1: "U kunt slechts één gesprekslicentie tegelijk gebruiken."
// Picking one calling tier replaces the other; two at once is a violation.
import { CODES } from './codes.js';
import { callingLicensesOf, userLabel } from './helpers.js';
import type { Rule } from './state.js';
import type { AutoChange } from './types.js';
import { keepOnly } from './ways-out.js';

/** R1 (auto change): adding a calling license replaces the one the user holds. */
export const r1ReplaceCalling: Rule = ({ ctx, user, change, before, result }) => {
  const added = callingLicensesOf(ctx, change.addLicenseIds).filter((l) => !before.licenseIds.includes(l.id));
  if (added.length === 0) return {};
  const addedIds = added.map((l) => l.id);
  const old = callingLicensesOf(ctx, before.licenseIds).filter(
    (l) => !addedIds.includes(l.id) && result.licenseIds.includes(l.id),
  );
  if (old.length === 0) return {};
  const autoChange: AutoChange = {
    rule: 'R1',
    code: CODES.r1ReplaceCalling,
    params: { user: userLabel(user), removed: old.map((l) => l.name).join(', '), added: added.map((l) => l.name).join(', ') },
    addLicenseIds: [],
    removeLicenseIds: old.map((l) => l.id),
  };
  return { autoChanges: [autoChange] };
};

/** R1 (violation): the result still holds two Webex Calling licenses. */
export const r1OneCallingLicense: Rule = ({ ctx, user, result }) => {
  const calling = callingLicensesOf(ctx, result.licenseIds);
  if (calling.length < 2) return {};
  const [first, second] = calling as [(typeof calling)[0], (typeof calling)[0]];
  return {
    violations: [
      {
        rule: 'R1',
        code: CODES.r1OneCallingLicense,
        params: { user: userLabel(user), first: first.name, second: second.name },
        waysOut: [keepOnly(first, second), keepOnly(second, first)],
      },
    ],
  };
};
