// The org the emulator plays for the admin APIs (licenses, sites, locations, numbers):
// the seed a test or the playground gives, and how a license's kind is told by its name.

export interface OrgLicenseSeed {
  id: string;
  name: string;
  totalUnits: number;
  subscriptionId: string;
  siteUrl?: string;
  siteType?: 'Control Hub managed site' | 'Linked site' | 'Site Admin managed site';
  /**
   * Not shown by Webex: the offer code behind the license (e.g. "MC"). A person holds at
   * most one license per offer code (error 400413). Unset: read from the id when it has
   * Webex's "<org uuid>:<offer code>_<uuid>" form, else the license is exempt.
   */
  offerCode?: string;
}

export interface OrgSiteSeed {
  url: string;
  attendeeAccountEnabled: boolean;
}

export interface OrgCallingSeed {
  locationId: string;
  extension?: string;
  phoneNumber?: string;
}

export interface OrgPersonSeed {
  email: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  licenses: string[];
  attendeeOf: string[];
  siteAdminOf: string[];
  invitePending?: boolean;
  calling?: OrgCallingSeed;
  /** When Webex last saw them active (ISO); ignored while the invite is pending (never signed in). */
  lastActivity?: string;
}

export interface OrgLocationSeed {
  id: string;
  name: string;
  /** The location's E.164 numbers (assigned or not). */
  numbers: string[];
}

export interface OrgSeed {
  licenses: OrgLicenseSeed[];
  sites: OrgSiteSeed[];
  people: OrgPersonSeed[];
  locations: OrgLocationSeed[];
  admin: { email: string; displayName: string; scopes: string[] };
  serviceApp?: {
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    accessTokenLifetimeSeconds?: number;
    /** What the admin authorised the app for; the admin's scopes when unset. */
    scopes?: string[];
  };
}

/** The license names Webex uses (wxc_sdk's License.webex_calling_* and cx_essentials read them the same way). */
export type LicenseKind = 'callingProfessional' | 'callingStandard' | 'attendantConsole' | 'cxEssentials' | 'other';

export function licenseKind(name: string): LicenseKind {
  if (name === 'Webex Calling - Professional') return 'callingProfessional';
  if (name === 'Webex Calling - Basic' || name === 'Webex Calling - Standard') return 'callingStandard';
  if (/attendant console/i.test(name)) return 'attendantConsole';
  if (name === 'Customer Experience - Essential') return 'cxEssentials';
  return 'other';
}

export const isCallingKind = (kind: LicenseKind) => kind === 'callingProfessional' || kind === 'callingStandard';

/** wxc_sdk's License.lic_type: base64 id → "ciscospark://us/LICENSE/<org uuid>:<offer code>_<uuid>". */
export function offerCodeOf(license: OrgLicenseSeed): string | undefined {
  if (license.offerCode) return license.offerCode;
  const decoded = Buffer.from(license.id, 'base64').toString('utf8');
  return /^ciscospark:\/\/[a-z0-9]+\/LICENSE\/[^:]+:([A-Za-z0-9]+)_/.exec(decoded)?.[1];
}
