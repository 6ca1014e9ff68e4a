// Reads a Control Hub user CSV into typed rows, or refuses the whole file with the line
// number of the first problem. Pure: text in, rows out. A refused file changes nothing.
import { parse, type CsvError } from 'csv-parse/sync';
import { z } from 'zod';
import type { UserStatus, UserType } from '../domain/index.js';
import { CALLING_FIELDS, EMAIL_HEADER, meaningKey, resolveHeader, type ColumnMeaning, type HeaderContext } from './columns.js';

/** File bytes to text: UTF-8 (BOM or not), or UTF-16LE with its BOM (what Webex site exports use). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** The most user rows one file may hold; a bigger file is refused whole. */
export const MAX_ROWS = 20_000;

export type CsvProblem =
  | 'wrong-delimiter'
  | 'missing-email-column'
  | 'duplicate-column'
  | 'bad-boolean'
  | 'bad-email'
  | 'bad-status'
  | 'bad-user-type'
  | 'suspended-true'
  | 'duplicate-email'
  | 'too-many-rows'
  | 'empty-file'
  | 'malformed';

/** The file cannot be imported as a whole; `line` is the 1-based line in the file. */
export class CsvFileError extends Error {
  constructor(
    readonly problem: CsvProblem,
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'CsvFileError';
  }
}

export interface CsvColumn {
  index: number;
  header: string;
  meaning: ColumnMeaning;
}

/** One user row. Absent keys mean "the file says nothing" (empty cell or no such column). */
export interface CsvRow {
  line: number;
  email: string;
  firstName?: string;
  lastName?: string;
  displayName?: string;
  status?: UserStatus;
  type?: UserType;
  /** Webex Calling properties as written (trimmed): the Location cell is a name or an id, resolved by the import. */
  extension?: string;
  phoneNumber?: string;
  location?: string;
  /** licenseId → TRUE/FALSE as written. */
  licenses: Map<string, boolean>;
  /** siteUrl → TRUE/FALSE in the site's attendee column. */
  attendee: Map<string, boolean>;
}

export interface ParsedCsv {
  columns: CsvColumn[];
  rows: CsvRow[];
  /** Headers nobody recognises, with why: reported to the admin, values not used. */
  unknownColumns: { header: string; reason: string }[];
  /** Control Hub attribute columns the bot does not manage. */
  ignoredColumns: string[];
  /** The file has at least one of the Calling columns (Extension, Phone Number, Location); an older export has none. */
  hasCallingColumns: boolean;
}

// Statuses from "Users list in Control Hub": Verified and Not Verified are internal users
// who can already hold licenses; our domain keeps active | pending | inactive.
const STATUS_VALUES: Readonly<Record<string, UserStatus>> = {
  active: 'active',
  verified: 'active',
  'not verified': 'active',
  pending: 'pending',
  inactive: 'inactive',
};

const emailSchema = z.email();

function parseBoolean(value: string, line: number, header: string): boolean | undefined {
  const text = value.trim().toUpperCase();
  if (text === '') return undefined;
  if (text === 'TRUE') return true;
  if (text === 'FALSE') return false;
  throw new CsvFileError('bad-boolean', line, `"${header}" is "${value}"; use TRUE, FALSE or leave it empty`);
}

interface RawRecord {
  record: string[];
  line: number;
}

function readRecords(csvText: string, onlyHeader = false): RawRecord[] {
  try {
    // Rows of empty cells (",,,", as spreadsheets leave them) are skipped like blank lines.
    const options = { bom: true, info: true, skip_empty_lines: true, skip_records_with_empty_values: true, ...(onlyHeader ? { to: 1 } : {}) };
    // With info, csv-parse returns {record, info} objects; its typings do not say so.
    const parsed = parse(csvText, options) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => {
      // info.lines is where the record ends; a quoted cell may span lines.
      let spans = 0;
      for (const cell of record) if (cell.includes('\n')) spans += cell.split('\n').length - 1;
      return { record, line: info.lines - spans };
    });
  } catch (error) {
    const e = error as CsvError;
    const line = typeof e.lines === 'number' ? e.lines : 0;
    throw new CsvFileError('malformed', line, `not a valid CSV file: ${e.message}`);
  }
}

function resolveColumns(header: RawRecord, org: HeaderContext): ParsedCsv['columns'] {
  const seen = new Map<string, string>();
  return header.record.map((text, index) => {
    const meaning = resolveHeader(text, org);
    const key = meaningKey(meaning);
    if (key !== undefined) {
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new CsvFileError('duplicate-column', header.line, `columns "${earlier}" and "${text}" mean the same thing`);
      }
      seen.set(key, text);
    }
    return { index, header: text, meaning };
  });
}

function checkHeader(header: RawRecord, columns: CsvColumn[]): void {
  const hasEmail = columns.some((c) => c.meaning.kind === 'field' && c.meaning.field === 'email');
  if (hasEmail) return;
  const joined = header.record.join(',');
  const delimiter = [';', '\t', '|'].find((d) => joined.includes(d));
  if (delimiter !== undefined) {
    const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
    throw new CsvFileError('wrong-delimiter', header.line, `the file is separated by ${name}; Control Hub's user CSV uses commas`);
  }
  throw new CsvFileError('missing-email-column', header.line, `no "${EMAIL_HEADER}" column; it is the one column every row needs`);
}

function readRow(raw: RawRecord, columns: CsvColumn[]): CsvRow {
  const row: CsvRow = { line: raw.line, email: '', licenses: new Map(), attendee: new Map() };
  for (const column of columns) {
    const value = raw.record[column.index] ?? '';
    const m = column.meaning;
    if (m.kind === 'license' || m.kind === 'attendee') {
      const on = parseBoolean(value, raw.line, column.header);
      if (on === undefined) continue;
      if (m.suspended) {
        // Control Hub refuses such a file too (article afv3q8); FALSE in a suspended column says nothing.
        if (on) throw new CsvFileError('suspended-true', raw.line, `"${column.header}" is a suspended service and cannot be TRUE`);
        continue;
      }
      if (m.kind === 'license') row.licenses.set(m.licenseId, on);
      else row.attendee.set(m.siteUrl, on);
      continue;
    }
    if (m.kind !== 'field') continue;
    const text = value.trim();
    if (m.field === 'email') row.email = text.toLowerCase();
    else if (text === '') continue;
    else if (m.field === 'firstName') row.firstName = text;
    else if (m.field === 'lastName') row.lastName = text;
    else if (m.field === 'displayName') row.displayName = text;
    else if (m.field === 'extension') row.extension = text;
    else if (m.field === 'phoneNumber') row.phoneNumber = text;
    else if (m.field === 'location') row.location = text;
    else if (m.field === 'status') row.status = parseStatus(text, raw.line);
    else row.type = parseUserType(text, raw.line);
  }
  if (!emailSchema.safeParse(row.email).success) {
    const what = row.email === '' ? 'is empty' : `"${row.email}" is not an email address`;
    throw new CsvFileError('bad-email', raw.line, `${EMAIL_HEADER} ${what}`);
  }
  return row;
}

function parseStatus(text: string, line: number): UserStatus {
  const status = STATUS_VALUES[text.toLowerCase()];
  if (status) return status;
  throw new CsvFileError('bad-status', line, `User Status "${text}" is not one of Active, Verified, Not Verified, Pending, Inactive`);
}

function parseUserType(text: string, line: number): UserType {
  const type = text.toLowerCase();
  if (type === 'internal' || type === 'external') return type;
  throw new CsvFileError('bad-user-type', line, `User Type "${text}" is not internal or external`);
}

/** Parse and check a whole file. Throws CsvFileError on the first problem found. */
export function parseUserCsv(csvText: string, org: HeaderContext): ParsedCsv {
  // The header first: a wrong delimiter is named before the body's column counts trip the parser.
  const [firstRecord] = readRecords(csvText, true);
  if (!firstRecord) throw new CsvFileError('empty-file', 1, `the file is empty; it needs a header line with "${EMAIL_HEADER}"`);
  checkHeader(firstRecord, resolveColumns(firstRecord, org));
  const [header = firstRecord, ...body] = readRecords(csvText);
  const columns = resolveColumns(header, org);
  if (body.length > MAX_ROWS) {
    const line = body[MAX_ROWS]?.line ?? header.line;
    throw new CsvFileError('too-many-rows', line, `the file has ${body.length} user rows; at most ${MAX_ROWS} per file (split it)`);
  }
  const firstLineOf = new Map<string, number>();
  const rows = body.map((raw) => {
    const row = readRow(raw, columns);
    const earlier = firstLineOf.get(row.email);
    if (earlier !== undefined) {
      throw new CsvFileError('duplicate-email', row.line, `${row.email} is already on line ${earlier}; each user once per file`);
    }
    firstLineOf.set(row.email, row.line);
    return row;
  });
  const unknownColumns = columns.flatMap((c) => (c.meaning.kind === 'unknown' ? [{ header: c.header, reason: c.meaning.reason }] : []));
  const ignoredColumns = columns.filter((c) => c.meaning.kind === 'ignored').map((c) => c.header);
  const hasCallingColumns = columns.some((c) => c.meaning.kind === 'field' && (CALLING_FIELDS as readonly string[]).includes(c.meaning.field));
  return { columns, rows, unknownColumns, ignoredColumns, hasCallingColumns };
}
