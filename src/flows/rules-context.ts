// The rules module's view of the org, read from the store (rules never touch the store).
import type { RulesContext } from '../rules/index.js';
import type { StoreReader } from '../store/index.js';

export function rulesContextOf(store: StoreReader): RulesContext {
  return {
    licenses: new Map(store.licenses().map((l) => [l.id, l])),
    sites: new Map(store.sites().map((s) => [s.url, s])),
    usedUnits: (licenseId) => store.usedUnits(licenseId),
  };
}
