// Control Hub's user CSV: which header means what, both ways (header → license/site, and
// license/site → header for export). Pure: no I/O.
//
// What Cisco's help articles say (sources, read 2026-11):
// - "Control Hub user management CSV file reference" (help.webex.com article afv3q8,
//   https://help-client-ui-a.wbx2.com/en-us/article/afv3q8): columns `First Name`, `Last Name`,
//   `Display Name`, `User ID/Email (Required)`, `User Status` (read-only, e.g. "Verified"),
//   then attribute columns (Extension, Title, Department, ...). "Any suspended services will
//   appear as (Suspended) in the field name. Control Hub won't accept a CSV file with a
//   suspended service marked TRUE."
// - "Add multiple users in Control Hub with the CSV template" (https://help.webex.com/nlkiw8e):
//   `User ID/Email (Required)` is the only mandatory column; "To assign a service, add TRUE in
//   that service's column. To exclude a service, add FALSE"; service columns left empty mean
//   "leave it to automatic license assignment".
// - "Assign Roles for Your Control Hub Managed Webex Site"
//   (https://help.webex.com/en-us/txzp4bb/Assign-Roles-for-Your-Control-Hub-Managed-Webex-Site):
//   host on a site = TRUE in the `<site name>.webex.com – Webex Enterprise Edition` column,
//   attendee = TRUE in the `<site name>.webex.com–Attendee` column; only one of the two TRUE.
//   Note the en dash and the missing spaces: the reason header matching is tolerant.
// - "Edit Service Licenses in Control Hub for Individual Users"
//   (https://help.webex.com/en-us/9dmqgv/Edit-Service-Licenses-in-Control-Hub-for-Individual-Users):
//   the Attendee account column only appears for a site whose attendee feature is on (TAC).
// - "Users list in Control Hub" (https://help-client-ui.prod-achm-general1.wbx2.com/en-us/article/nikzbgy):
//   statuses Active, Verified, Not Verified, Pending (a cross-org license not yet accepted), Inactive.
//
// Where the articles are silent, our choices:
// - License columns carry the subscription id in brackets: `Webex Calling - Professional [Sub-100101]`.
//   Without brackets a header matches by name only when exactly one license has that name.
// - A Meetings host column is `<site url> - <license name> [<sub>]`; the license name may be
//   given with or without its "Meeting - " prefix, and the site may come first or last
//   (`Meeting - Webex Enterprise Edition [Sub-1] - acme.webex.com` also matches). Export writes
//   the documented shape: `acme.webex.com - Webex Enterprise Edition [Sub-100101]`.
// - The attendee column is `<site url> - Attendee`; `Attendee Account - <site url>` and
//   `<site url> - Attendee Account` match too.
// - Matching ignores case and spacing, and treats en/em dashes and minus signs as "-".
// - `User Type` (internal|external) is our own column: Control Hub's file has no user type.
//   Export writes it unless asked for a Control Hub-only file (see export.ts).
// - Documented Control Hub attribute columns we do not manage (Title, Department, ...) are
//   listed as "ignored"; any other header is "unknown" and reported, never dropped silently.
// - Of the attribute columns, `Extension`, `Phone Number` and `Location` are the user's Webex
//   Calling properties (article afv3q8: Location is a string, "HQ", the location's name as
//   Control Hub shows it). We write the location's name, the extension, and the number in
//   E.164; on import a Location matches a location's name (any case) or its id.
import type { License, Site } from '../domain/index.js';

export const EMAIL_HEADER = 'User ID/Email (Required)';
export const FIRST_NAME_HEADER = 'First Name';
export const LAST_NAME_HEADER = 'Last Name';
export const DISPLAY_NAME_HEADER = 'Display Name';
export const STATUS_HEADER = 'User Status';
export const USER_TYPE_HEADER = 'User Type';
export const EXTENSION_HEADER = 'Extension';
export const PHONE_NUMBER_HEADER = 'Phone Number';
export const LOCATION_HEADER = 'Location';

export type FieldName = 'email' | 'firstName' | 'lastName' | 'displayName' | 'status' | 'userType' | CallingField;
/** The Webex Calling properties' columns (User.calling). */
export type CallingField = 'extension' | 'phoneNumber' | 'location';
export const CALLING_FIELDS: readonly CallingField[] = ['extension', 'phoneNumber', 'location'];

export type ColumnMeaning =
  | { kind: 'field'; field: FieldName }
  | { kind: 'license'; licenseId: string; suspended: boolean }
  | { kind: 'attendee'; siteUrl: string; suspended: boolean }
  /** A Control Hub attribute the bot does not manage (Title, Department, ...). */
  | { kind: 'ignored' }
  | { kind: 'unknown'; reason: string };

/** Lower case, one space, "-" for every dash, spaces around dashes, none inside brackets. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s*([[\]()])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const FIELD_HEADERS: ReadonlyMap<string, FieldName> = new Map(
  (
    [
      [EMAIL_HEADER, 'email'],
      ['User ID/Email', 'email'],
      [FIRST_NAME_HEADER, 'firstName'],
      [LAST_NAME_HEADER, 'lastName'],
      [DISPLAY_NAME_HEADER, 'displayName'],
      [STATUS_HEADER, 'status'],
      [USER_TYPE_HEADER, 'userType'],
      [EXTENSION_HEADER, 'extension'],
      [PHONE_NUMBER_HEADER, 'phoneNumber'],
      [LOCATION_HEADER, 'location'],
    ] as const
  ).map(([header, field]) => [normalizeHeader(header), field]),
);

/** Control Hub user attributes (article afv3q8) that the bot reads past without changing. */
const IGNORED_HEADERS: ReadonlySet<string> = new Set(
  [
    'Last Service Accessed Time',
    'Days since Last Service Accessed',
    'Title',
    'Department',
    'Manager',
    'Caller ID Number',
    'Caller ID First Name',
    'Caller ID Last Name',
    'Preferred Language',
    'Time zone',
    'Address type',
    'Address country',
    'Address street',
    'Address city',
    'Address state',
    'Address postal code',
    'Directory Number',
    'Mobile Number',
  ].map(normalizeHeader),
);

const SUSPENDED = /\(suspended\)/;
const SUBSCRIPTION = /\[([^\]]*)\]/;
const MEETING_PREFIX = /^meeting - /;
const ATTENDEE_WORDS: ReadonlySet<string> = new Set(['attendee', 'attendee account']);

export interface HeaderContext {
  licenses: readonly License[];
  sites: readonly Site[];
}

function licenseNameMatches(license: License, text: string): boolean {
  const name = normalizeHeader(license.name);
  return name === text || name.replace(MEETING_PREFIX, '') === text.replace(MEETING_PREFIX, '');
}

function pickOne(candidates: License[], subscriptionId: string | undefined, header: string, suspended: boolean): ColumnMeaning {
  const matching =
    subscriptionId === undefined
      ? candidates
      : candidates.filter((l) => normalizeHeader(l.subscriptionId) === subscriptionId);
  const [only] = matching;
  if (matching.length === 1 && only) return { kind: 'license', licenseId: only.id, suspended };
  if (matching.length === 0 && candidates.length > 0) {
    const subs = candidates.map((l) => l.subscriptionId).join(', ');
    return { kind: 'unknown', reason: `no such subscription for this license (known: ${subs})` };
  }
  if (matching.length > 1) {
    const subs = matching.map((l) => `[${l.subscriptionId}]`).join(' or ');
    return { kind: 'unknown', reason: `"${header}" is in several subscriptions; add ${subs} to the header` };
  }
  return { kind: 'unknown', reason: 'no license, site or Control Hub column has this name' };
}

/** The part of `text` that is not the site: `<site> - x`, `x - <site>`, or undefined. */
function withoutSite(text: string, siteUrl: string): string | undefined {
  const site = normalizeHeader(siteUrl);
  if (text.startsWith(`${site} - `)) return text.slice(site.length + 3);
  if (text.endsWith(` - ${site}`)) return text.slice(0, -(site.length + 3));
  return undefined;
}

/** What one CSV header means in this org. */
export function resolveHeader(header: string, org: HeaderContext): ColumnMeaning {
  let text = normalizeHeader(header);
  const suspended = SUSPENDED.test(text);
  text = normalizeHeader(text.replaceAll('(suspended)', ''));

  const field = FIELD_HEADERS.get(text);
  if (field) return { kind: 'field', field };
  if (IGNORED_HEADERS.has(text)) return { kind: 'ignored' };

  const bracket = SUBSCRIPTION.exec(text);
  const subscriptionId = bracket ? normalizeHeader(bracket[1] ?? '') : undefined;
  const name = normalizeHeader(text.replace(SUBSCRIPTION, ''));

  for (const site of org.sites) {
    const rest = withoutSite(name, site.url);
    if (rest === undefined) continue;
    if (ATTENDEE_WORDS.has(rest)) return { kind: 'attendee', siteUrl: site.url, suspended };
    const hosts = org.licenses.filter((l) => l.siteUrl === site.url && licenseNameMatches(l, rest));
    if (hosts.length > 0) return pickOne(hosts, subscriptionId, header, suspended);
  }
  const byName = org.licenses.filter((l) => l.service !== 'meetings' && normalizeHeader(l.name) === name);
  return pickOne(byName, subscriptionId, header, suspended);
}

/** The header export writes for a license: `<name> [<sub>]`, Meetings as `<site> - <name> [<sub>]`. */
export function licenseHeader(license: License): string {
  if (license.siteUrl !== undefined) {
    const name = license.name.replace(/^Meeting\s*[-\u2013\u2014]\s*/i, '');
    return `${license.siteUrl} - ${name} [${license.subscriptionId}]`;
  }
  return `${license.name} [${license.subscriptionId}]`;
}

export function attendeeHeader(siteUrl: string): string {
  return `${siteUrl} - Attendee`;
}

/** A column's meaning as a key, so two headers meaning the same thing are found. */
export function meaningKey(meaning: ColumnMeaning): string | undefined {
  switch (meaning.kind) {
    case 'field':
      return `field:${meaning.field}`;
    case 'license':
      return `license:${meaning.licenseId}`;
    case 'attendee':
      return `attendee:${meaning.siteUrl}`;
    default:
      return undefined;
  }
}
