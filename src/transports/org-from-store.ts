// Local mode's org: the emulator plays a Webex org that starts as the store's copy, so the
// first sync finds nothing changed outside the desk, and every saved change really travels
// through the admin APIs. The admin connection acts as the first administrator.
import type { OrgSeed } from '../emulator/index.js';
import type { StoreReader } from '../store/types.js';

/** Every scope the desk uses (README "Admin connection"). */
export const ADMIN_SCOPES = [
  'spark-admin:licenses_read',
  'spark-admin:people_read',
  'spark-admin:people_write',
  'spark-admin:telephony_config_read',
];

/** Free numbers made up for a location without a number list. */
const FREE_NUMBERS_PER_LOCATION = 5;

export function orgSeedFromStore(store: StoreReader, options: { adminEmail: string; locationNumbers?: ReadonlyMap<string, readonly string[]> }): OrgSeed {
  const users = store.searchUsers({ limit: Number.MAX_SAFE_INTEGER }).users;
  const held = new Map<string, string[]>();
  for (const user of users) {
    if (user.calling?.phoneNumber) held.set(user.calling.locationId, [...(held.get(user.calling.locationId) ?? []), user.calling.phoneNumber]);
  }
  return {
    licenses: store.licenses().map((l) => ({
      id: l.id,
      name: l.name,
      totalUnits: l.totalUnits,
      subscriptionId: l.subscriptionId,
      ...(l.siteUrl ? { siteUrl: l.siteUrl, siteType: 'Control Hub managed site' as const } : {}),
    })),
    sites: store.sites().map((s) => ({ url: s.url, attendeeAccountEnabled: s.attendeeAccountEnabled })),
    locations: store.locations().map((location, index) => ({
      id: location.id,
      name: location.name,
      numbers: [
        ...new Set([
          ...(options.locationNumbers?.get(location.id) ?? []),
          ...(held.get(location.id) ?? []),
          // No list for this location: a few free numbers, so the Calling step has some to offer.
          ...(options.locationNumbers?.has(location.id) ? [] : Array.from({ length: FREE_NUMBERS_PER_LOCATION }, (_, n) => `+3130${String(index + 1).padStart(2, '0')}${String(90000 + n)}`)),
        ]),
      ],
    })),
    people: users.map((user) => ({
      email: user.email,
      displayName: user.displayName,
      ...(user.firstName ? { firstName: user.firstName } : {}),
      ...(user.lastName ? { lastName: user.lastName } : {}),
      licenses: [...user.licenseIds],
      attendeeOf: [...user.attendeeOf],
      siteAdminOf: [...user.siteAdminOf],
      ...(user.status === 'pending' ? { invitePending: true } : {}),
      ...(user.calling ? { calling: { ...user.calling } } : {}),
      ...(user.lastActivity ? { lastActivity: user.lastActivity } : {}),
    })),
    admin: { email: options.adminEmail, displayName: 'Desk administrator', scopes: ADMIN_SCOPES },
  };
}
