// What cards show, read from the store and the rules: flows gather it here and hand the
// card builders plain data, so a card never asks the store or the rules itself.
import type { License, User } from '../domain/index.js';
import { freeUnits, type RulesContext } from '../rules/index.js';
import type { StoreReader } from '../store/index.js';
import { licenseWithSubscription, type LicenseUse } from './format.js';

/** The rules module's view of the org (rules never touch the store). */
export function rulesContextOf(store: StoreReader): RulesContext {
  return {
    licenses: new Map(store.licenses().map((l) => [l.id, l])),
    sites: new Map(store.sites().map((s) => [s.url, s])),
    usedUnits: (licenseId) => store.usedUnits(licenseId),
    locations: new Map(store.locations().map((l) => [l.id, l])),
    usersWithCalling: () => store.usersWithCalling(),
  };
}

/** Units used, and whether R12 would refuse a new holder. */
export const licenseUse = (rules: RulesContext, license: License): LicenseUse => ({
  license,
  used: rules.usedUnits(license.id),
  full: freeUnits(rules, license) === 0,
});

export function licensesOfUser(store: StoreReader, user: Pick<User, 'licenseIds'>): License[] {
  return user.licenseIds.map((id) => store.license(id)).filter((l): l is License => l !== undefined);
}

/** "Meeting - Webex Enterprise Edition (acme.webex.com) · Sub-100102", or the id of a license the store no longer has. */
export const licenseLabel = (store: StoreReader, id: string): string => {
  const license = store.license(id);
  return license ? licenseWithSubscription(license) : id;
};
