// The license catalog an import can bring along: the body of Webex's `GET /v1/licenses`
// (`{items: [{id, name, totalUnits, consumedUnits, subscriptionId, siteUrl, siteType, ...}]}`),
// so an empty store (a bot started with a Webex token) can take a Control Hub CSV whose
// license columns would otherwise all be unknown. Pure: JSON in, a catalog.put out.
//
// Service from the license name (Webex's display names; matching ignores case and dash/spacing):
//
// | Webex license name                                      | service          | tier         |
// |---------------------------------------------------------|------------------|--------------|
// | Webex Calling - Professional                            | calling          | professional |
// | Webex Calling - Basic, Webex Calling - Standard         | calling          | standard     |
// | Unified Communication Manager (UCM)                     | ucm              |              |
// | Meeting - … (with a siteUrl)                            | meetings         |              |
// | Webex Attendant Console                                 | attendantConsole |              |
// | Customer Experience - Essential, Customer Experience - Basic | cxBasic     |              |
// | any name with "Messaging" (Webex Messaging, Advanced Messaging) | messaging |              |
// | anything else (Webinars, Workspaces, Hybrid, a Meeting without siteUrl) | other |         |
//
// Choices:
// - An item without a subscriptionId (trial or free offers) is skipped and reported: every
//   license of ours belongs to a subscription, and the CSV header names it in brackets.
// - A license id already in the store keeps everything but its totalUnits, which the file
//   updates: holders stay, and a service the store's admin already set is not re-guessed.
// - A site new to the store gets attendeeAccountEnabled = true only when the CSV has that
//   site's attendee column: Control Hub shows that column only when the site's attendee
//   feature is on (R6: only Cisco TAC switches it on), and GET /v1/licenses does not say.
import { z } from 'zod';
import type { CallingTier, License, Service, Site, Subscription } from '../domain/index.js';
import type { Mutation, StoreReader } from '../store/types.js';
import { normalizeHeader } from './columns.js';

/** One item of GET /v1/licenses. Unknown fields (consumedByUsers, ...) are allowed and not used. */
export const WebexLicenseItemSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  totalUnits: z.number().int().nonnegative(),
  consumedUnits: z.number().int().nonnegative().optional(),
  subscriptionId: z.string().min(1).optional(),
  siteUrl: z.string().min(1).optional(),
  siteType: z.string().optional(),
});
export type WebexLicenseItem = z.infer<typeof WebexLicenseItemSchema>;

export const WebexLicenseListSchema = z.object({ items: z.array(WebexLicenseItemSchema) });

/** The licenses file cannot be used; nothing was imported. */
export class LicenseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LicenseFileError';
  }
}

/** Parse the JSON text of a GET /v1/licenses body. Throws LicenseFileError naming the bad field. */
export function parseWebexLicenses(jsonText: string): WebexLicenseItem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (error) {
    throw new LicenseFileError(`not JSON: ${(error as Error).message}`);
  }
  const parsed = WebexLicenseListSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new LicenseFileError(`not a GET /v1/licenses body ({"items": [{id, name, totalUnits, subscriptionId, ...}]}): ${issues}`);
  }
  return parsed.data.items;
}

const CALLING_TIERS: ReadonlyMap<string, CallingTier> = new Map([
  [normalizeHeader('Webex Calling - Professional'), 'professional'],
  [normalizeHeader('Webex Calling - Basic'), 'standard'],
  [normalizeHeader('Webex Calling - Standard'), 'standard'],
]);
const CX_BASIC: ReadonlySet<string> = new Set(['Customer Experience - Essential', 'Customer Experience - Basic'].map(normalizeHeader));
const UCM = /unified communication manager|\(ucm\)/;
const MEETING = /^meeting - /;

/** Our service (and calling tier) for a Webex license; see the table at the top. */
export function serviceOf(item: Pick<WebexLicenseItem, 'name' | 'siteUrl'>): { service: Service; tier?: CallingTier } {
  const name = normalizeHeader(item.name);
  const tier = CALLING_TIERS.get(name);
  if (tier) return { service: 'calling', tier };
  if (UCM.test(name)) return { service: 'ucm' };
  if (MEETING.test(name) && item.siteUrl !== undefined) return { service: 'meetings' };
  if (name === normalizeHeader('Webex Attendant Console')) return { service: 'attendantConsole' };
  if (CX_BASIC.has(name)) return { service: 'cxBasic' };
  if (name.includes('messaging')) return { service: 'messaging' };
  return { service: 'other' };
}

function toLicense(item: WebexLicenseItem & { subscriptionId: string }): License {
  const { service, tier } = serviceOf(item);
  return {
    id: item.id,
    name: item.name,
    service,
    ...(tier ? { tier } : {}),
    subscriptionId: item.subscriptionId,
    ...(service === 'meetings' ? { siteUrl: item.siteUrl } : {}),
    totalUnits: item.totalUnits,
  };
}

export interface CatalogPlan {
  /** Sites, subscriptions and licenses as they will be after the import (store order, new ones last). */
  sites: Site[];
  licenses: License[];
  /** The upsert to commit before the users: only what is new or changed. */
  mutation: Extract<Mutation, { type: 'catalog.put' }>;
  added: { sites: string[]; subscriptions: string[]; licenses: string[] };
  /** License ids whose totalUnits the file changed. */
  updated: string[];
  skipped: { id: string; name: string; reason: string }[];
}

/**
 * Merge the Webex licenses into the store's catalog. `attendeeSites`: the sites whose attendee
 * column the CSV has (decides attendeeAccountEnabled for a new site; see the top).
 */
export function planCatalog(options: { reader: StoreReader; items: readonly WebexLicenseItem[]; attendeeSites?: ReadonlySet<string> }): CatalogPlan {
  const { reader, items, attendeeSites = new Set<string>() } = options;
  const plan: CatalogPlan = {
    sites: [...reader.sites()],
    licenses: [...reader.licenses()],
    mutation: { type: 'catalog.put', sites: [], subscriptions: [], licenses: [] },
    added: { sites: [], subscriptions: [], licenses: [] },
    updated: [],
    skipped: [],
  };
  const knownSubs = new Set(reader.subscriptions().map((s) => s.id));
  const licenseIndex = new Map(plan.licenses.map((l, i) => [l.id, i]));
  for (const item of items) {
    if (item.subscriptionId === undefined) {
      plan.skipped.push({ id: item.id, name: item.name, reason: 'no subscriptionId' });
      continue;
    }
    const at = licenseIndex.get(item.id);
    if (at !== undefined) {
      const existing = plan.licenses[at]!;
      if (existing.totalUnits === item.totalUnits) continue;
      const next = { ...existing, totalUnits: item.totalUnits };
      plan.licenses[at] = next;
      plan.mutation.licenses.push(next);
      plan.updated.push(item.id);
      continue;
    }
    const license = toLicense({ ...item, subscriptionId: item.subscriptionId });
    if (!knownSubs.has(license.subscriptionId)) {
      knownSubs.add(license.subscriptionId);
      const subscription: Subscription = { id: license.subscriptionId };
      plan.mutation.subscriptions.push(subscription);
      plan.added.subscriptions.push(subscription.id);
    }
    if (license.siteUrl !== undefined && !plan.sites.some((s) => s.url === license.siteUrl)) {
      const site: Site = { url: license.siteUrl, attendeeAccountEnabled: attendeeSites.has(license.siteUrl) };
      plan.sites.push(site);
      plan.mutation.sites.push(site);
      plan.added.sites.push(site.url);
    }
    licenseIndex.set(license.id, plan.licenses.length);
    plan.licenses.push(license);
    plan.mutation.licenses.push(license);
    plan.added.licenses.push(license.id);
  }
  return plan;
}

export const catalogChanges = (plan: CatalogPlan): boolean =>
  plan.mutation.sites.length + plan.mutation.subscriptions.length + plan.mutation.licenses.length > 0;
