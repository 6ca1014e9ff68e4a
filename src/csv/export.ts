// Export of the store's users as a Control Hub user CSV: every license column and every
// attendee column, TRUE/FALSE in each, and the Calling properties in Control Hub's
// Extension, Phone Number and Location columns, so importing the file again changes nothing.
import { stringify } from 'csv-stringify/sync';
import type { License, Location, OrgDocument, Site, User, UserStatus } from '../domain/index.js';
import type { StoreReader } from '../store/types.js';
import {
  DISPLAY_NAME_HEADER,
  EMAIL_HEADER,
  EXTENSION_HEADER,
  FIRST_NAME_HEADER,
  LAST_NAME_HEADER,
  LOCATION_HEADER,
  PHONE_NUMBER_HEADER,
  STATUS_HEADER,
  USER_TYPE_HEADER,
  attendeeHeader,
  licenseHeader,
} from './columns.js';
import { normalizePhoneNumber } from '../rules/index.js';
import { MAX_ROWS } from './parse.js';

export interface ExportOptions {
  /**
   * Leave out our own `User Type` column, for a file to upload to Control Hub as is.
   * Default false: the column keeps external users external when the file is imported here.
   */
  controlHubOnly?: boolean;
}

const STATUS_TEXT: Readonly<Record<UserStatus, string>> = { active: 'Active', pending: 'Pending', inactive: 'Inactive' };

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Column {
  header: string;
  value: (user: User) => string;
}

const bool = (on: boolean): string => (on ? 'TRUE' : 'FALSE');

interface ExportData {
  licenses: readonly License[];
  sites: readonly Site[];
  locations: readonly Location[];
  users: readonly User[];
}

function columnsFor(data: ExportData, options: ExportOptions): Column[] {
  const columns: Column[] = [
    { header: FIRST_NAME_HEADER, value: (u) => u.firstName ?? '' },
    { header: LAST_NAME_HEADER, value: (u) => u.lastName ?? '' },
    { header: DISPLAY_NAME_HEADER, value: (u) => u.displayName },
    { header: EMAIL_HEADER, value: (u) => u.email },
    { header: STATUS_HEADER, value: (u) => STATUS_TEXT[u.status] },
  ];
  if (!options.controlHubOnly) columns.push({ header: USER_TYPE_HEADER, value: (u) => u.type });
  // Calling properties, empty for a user without them. Location: the name Control Hub shows
  // (article afv3q8: "HQ"); the id when the store does not know the location (import reads both).
  const locationName = new Map(data.locations.map((l) => [l.id, l.name]));
  columns.push(
    { header: EXTENSION_HEADER, value: (u) => u.calling?.extension ?? '' },
    { header: PHONE_NUMBER_HEADER, value: (u) => (u.calling?.phoneNumber !== undefined ? normalizePhoneNumber(u.calling.phoneNumber) : '') },
    { header: LOCATION_HEADER, value: (u) => (u.calling ? (locationName.get(u.calling.locationId) ?? u.calling.locationId) : '') },
  );
  const licenseColumn = (l: License): Column => ({ header: licenseHeader(l), value: (u) => bool(u.licenseIds.includes(l.id)) });
  const { licenses } = data;
  columns.push(...licenses.filter((l) => l.siteUrl === undefined).map(licenseColumn));
  // Per Meetings site: its host license columns, then its attendee column if the site has the feature (R6).
  for (const site of data.sites) {
    columns.push(...licenses.filter((l) => l.siteUrl === site.url).map(licenseColumn));
    if (site.attendeeAccountEnabled) {
      columns.push({ header: attendeeHeader(site.url), value: (u) => bool(u.attendeeOf.includes(site.url)) });
    }
  }
  return columns;
}

function toCsv(data: ExportData, options: ExportOptions): string {
  const columns = columnsFor(data, options);
  const users = [...data.users].sort((a, b) => byString(a.email, b.email));
  return stringify([columns.map((c) => c.header), ...users.map((u) => columns.map((c) => c.value(u)))]);
}

/**
 * Every user in the store as a Control Hub user CSV (header line + one line per user, by email).
 * The bot's admin `export` command posts this text as a file.
 */
export function exportCsv(reader: StoreReader, options: ExportOptions = {}): string {
  const users = reader.searchUsers({ limit: reader.userCount() }).users;
  return toCsv({ licenses: reader.licenses(), sites: reader.sites(), locations: reader.locations(), users }, options);
}

/**
 * A document read off disk (readStoreDocument) as one or more files of at most `maxRows`
 * users each (default MAX_ROWS), so every file can be imported again.
 */
export function exportDocumentCsvFiles(document: OrgDocument, options: ExportOptions & { maxRows?: number } = {}): string[] {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const users = [...document.users].sort((a, b) => byString(a.email, b.email));
  const files: string[] = [];
  for (let start = 0; start === 0 || start < users.length; start += maxRows) {
    files.push(toCsv({ ...document, users: users.slice(start, start + maxRows) }, options));
  }
  return files;
}
