// catalog.put: the license catalog (sites, subscriptions, licenses, locations) upserted.
import { LicenseSchema, LocationSchema, SiteSchema, SubscriptionSchema } from '../domain/index.js';
import type { License, Site, Subscription } from '../domain/index.js';
import type { CatalogChanges } from './org-state.js';
import { parseRecord } from './record-checks.js';
import { InvalidCommitError, type Mutation } from './types.js';

/**
 * Sites and subscriptions first, so licenses in the same mutation may name them. A license
 * must name a known subscription and (Meetings) a known site. Units are not checked here:
 * a lower totalUnits than used is the caller's to refuse (the import does).
 */
/** The part of a pending layer the catalog is checked against and written to. */
interface CatalogLayer {
  readonly changes: { readonly catalog: CatalogChanges };
  subscription(id: string): Subscription | undefined;
  site(url: string): Site | undefined;
  license(id: string): License | undefined;
}

export function putCatalog(layer: CatalogLayer, mutation: Extract<Mutation, { type: 'catalog.put' }>): void {
  const { catalog } = layer.changes;
  for (const site of mutation.sites) {
    const parsed = parseRecord(SiteSchema, site, `site ${site.url}`);
    catalog.sites.set(parsed.url, parsed);
  }
  for (const sub of mutation.subscriptions) {
    const parsed = parseRecord(SubscriptionSchema, sub, `subscription ${sub.id}`);
    catalog.subscriptions.set(parsed.id, parsed);
  }
  for (const license of mutation.licenses) {
    const parsed = parseRecord(LicenseSchema, license, `license ${license.id}`);
    if (!layer.subscription(parsed.subscriptionId)) {
      throw new InvalidCommitError(`license ${parsed.id}: unknown subscription ${parsed.subscriptionId}`);
    }
    if (parsed.siteUrl !== undefined && !layer.site(parsed.siteUrl)) {
      throw new InvalidCommitError(`license ${parsed.id}: unknown site ${parsed.siteUrl}`);
    }
    catalog.licenses.set(parsed.id, parsed);
  }
  for (const location of mutation.locations ?? []) {
    const parsed = parseRecord(LocationSchema, location, `location ${location.id}`);
    catalog.locations.set(parsed.id, parsed);
  }
}
