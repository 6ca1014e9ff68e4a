// R12: a subscription license has a fixed number of units. A license the user did not
// hold needs a free unit; licenses kept or removed never fail (removing frees one).
import { CODES } from './codes.js';
import { licensesOf } from './helpers.js';
import { licenseWithSubscriptionOf } from '../domain/index.js';
import { addedLicenseIds, type Rule } from './state.js';
import { leaveOff } from './ways-out.js';

/** R12: every newly held license (auto changes included) needs a free unit. */
export const r12Units: Rule = (s) => ({
  violations: licensesOf(s.ctx, addedLicenseIds(s))
    .filter((l) => s.ctx.usedUnits(l.id) + 1 > l.totalUnits)
    .map((l) => ({
      rule: 'R12',
      code: CODES.r12NoFreeUnit,
      // Named with its site and subscription: several licenses can share one name.
      params: { license: licenseWithSubscriptionOf(l), used: s.ctx.usedUnits(l.id), total: l.totalUnits },
      waysOut: [leaveOff(l)],
    })),
});
