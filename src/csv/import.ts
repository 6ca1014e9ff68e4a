// Import of a Control Hub user CSV: plan (pure, for --dry-run and for the real run), then
// apply every accepted row in one store commit with one `import` audit line.
//
// Choices (the Control Hub articles do not cover a bot's store):
// - A new user is internal, unless the row's `User Type` says otherwise or its `User Status`
//   is Pending (Control Hub: "hasn't accepted a cross-org license", i.e. an external user).
// - For an existing user only licenses, attendee accounts, Calling properties and names change; `User Status`
//   is read-only in Control Hub and `User Type` is ours, so neither changes an existing user.
// - An empty service cell says nothing, in both modes (Control Hub: empty = leave it to
//   automatic assignment). A license whose column is not in the file is left alone too.
// - R8 (a pending external user's licenses cannot change) applies to users already in the
//   store. A new row records what Control Hub already assigned: the rules are told it is a
//   new user (evaluate's newUser), which is not a change.
// - Webex Calling properties (Extension, Phone Number, Location): an empty cell leaves that
//   property as it is, like an empty service cell. A row's properties become the change's
//   `calling` when they differ from the user's, or when the row adds a Calling license; the
//   rules judge them as for the wizard (CALLING.*). Location is a location's name (any case)
//   or its id. There is no way to remove one property (Control Hub's "REMOVE|" is not read);
//   the properties go when the user keeps no Calling license (verdict.calling = null).
// - A file with none of the three columns (an older export) cannot carry properties, nor can
//   a store that knows no Calling location yet (never synced: the locations come from Webex,
//   a Control Hub CSV has their names only): the columns are then read past and the rows are
//   evaluated with recordsWebex, so adding a Calling license without properties is not refused.
//   A file with any of the columns must give them, as the wizard must (CALLING.properties-missing).
// - A row whose verdict carries an auto change (R1's replace, R3's switch to Professional)
//   is refused: an import has no review step, so the file must say the whole change itself.
// - With a license catalog (GET /v1/licenses, see license-catalog.ts) its licenses, sites and
//   subscriptions are upserted in the same commit as the users, before them. If any license
//   would end with more units used than it has (R12), the whole import is refused.
import { randomUUID } from 'node:crypto';
import { isEmptyChange, type CallingProperties, type License, type Locale, type Location, type ProposedChange, type Site, type User } from '../domain/index.js';
import { t } from '../i18n/index.js';
import { callingLicensesOf, evaluate, licensesOverCapacity, normalizeCallingProperties, type Finding, type RulesContext } from '../rules/index.js';
import type { Mutation, Store, StoreReader } from '../store/types.js';
import { licenseHeader } from './columns.js';
import { importAuditEntries } from './import-audit.js';
import { catalogChanges, planCatalog, type CatalogPlan, type WebexLicenseItem } from './license-catalog.js';
import { parseUserCsv, type CsvRow, type ParsedCsv } from './parse.js';
import type { ImportMode, ImportPlan, RowMessage, RowOutcome, UserLicenseChange } from './import-plan.js';

export { IMPORT_MODES, type ImportCounts, type ImportMode, type ImportPlan, type RowMessage, type RowOutcome, type UserLicenseChange } from './import-plan.js';

/** The import as a whole cannot be applied (a license would be over its units); nothing changed. */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

export interface PlanImportInput {
  reader: StoreReader;
  csvText: string;
  mode: ImportMode;
  /** Who runs the import, e.g. "cli:alice" or an admin's email. */
  actor: string;
  fileName?: string;
  locale?: Locale;
  /** Id for a new user; random by default. */
  newUserId?: (email: string) => string;
  /** Items of a GET /v1/licenses body to upsert with the users (see license-catalog.ts). */
  licenseCatalog?: { fileName: string; items: readonly WebexLicenseItem[] };
}

// R5's "choose an account type per site" is what the file's site columns already do.
const NOTICES_THE_FILE_ANSWERS = new Set(['R5.choose-account-type']);

/** Units used so far, counting rows accepted earlier in the same file (R12). */
class RunningUsage {
  private readonly delta = new Map<string, number>();
  constructor(private readonly reader: StoreReader) {}
  used = (licenseId: string): number => this.reader.usedUnits(licenseId) + (this.delta.get(licenseId) ?? 0);
  record(before: readonly string[], after: readonly string[]): void {
    for (const id of after) if (!before.includes(id)) this.delta.set(id, (this.delta.get(id) ?? 0) + 1);
    for (const id of before) if (!after.includes(id)) this.delta.set(id, (this.delta.get(id) ?? 0) - 1);
  }
}

function wanted(values: ReadonlyMap<string, boolean>, on: boolean): string[] {
  return [...values].filter(([, v]) => v === on).map(([k]) => k);
}

/**
 * A Location cell to a location id: exact name, then id, then the one name equal ignoring case.
 * Anything else is given to the rules as written, so CALLING.location-unknown names it.
 */
function locationResolver(locations: readonly Location[]): (text: string) => string {
  const byName = new Map(locations.map((l) => [l.name, l.id]));
  const ids = new Set(locations.map((l) => l.id));
  return (text) => {
    const exact = byName.get(text);
    if (exact !== undefined) return exact;
    if (ids.has(text)) return text;
    const folded = locations.filter((l) => l.name.toLowerCase() === text.toLowerCase());
    return folded.length === 1 && folded[0] ? folded[0].id : text;
  };
}

const sameCalling = (a: CallingProperties, b: CallingProperties): boolean => {
  const [x, y] = [normalizeCallingProperties(a), normalizeCallingProperties(b)];
  return x.locationId === y.locationId && x.extension === y.extension && x.phoneNumber === y.phoneNumber;
};

/**
 * The row's Calling properties for the change: the user's, with what the row's non-empty cells
 * say instead; undefined when the row says nothing, or the same as the user has and adds no
 * Calling license. No location in the row nor on the user: locationId "" (the rules ask for one).
 */
function callingFor(user: User, row: CsvRow, locationId: (text: string) => string, addsCalling: boolean): CallingProperties | undefined {
  if (row.location === undefined && row.extension === undefined && row.phoneNumber === undefined) return undefined;
  const current = user.calling;
  const extension = row.extension ?? current?.extension;
  const phoneNumber = row.phoneNumber ?? current?.phoneNumber;
  const calling: CallingProperties = {
    locationId: row.location !== undefined ? locationId(row.location) : (current?.locationId ?? ''),
    ...(extension !== undefined ? { extension } : {}),
    ...(phoneNumber !== undefined ? { phoneNumber } : {}),
  };
  if (!addsCalling && current && sameCalling(calling, current)) return undefined;
  return calling;
}

function changeFor(user: User, row: CsvRow, mode: ImportMode, ctx: RulesContext, locationId: (text: string) => string): ProposedChange {
  const removing = mode === 'add-and-remove';
  const addLicenseIds = wanted(row.licenses, true).filter((id) => !user.licenseIds.includes(id));
  const calling = callingFor(user, row, locationId, callingLicensesOf(ctx, addLicenseIds).length > 0);
  return {
    addLicenseIds,
    removeLicenseIds: removing ? wanted(row.licenses, false).filter((id) => user.licenseIds.includes(id)) : [],
    addAttendeeSites: wanted(row.attendee, true).filter((url) => !user.attendeeOf.includes(url)),
    removeAttendeeSites: removing ? wanted(row.attendee, false).filter((url) => user.attendeeOf.includes(url)) : [],
    ...(calling ? { calling } : {}),
  };
}

const withoutCalling = ({ location: _l, extension: _e, phoneNumber: _p, ...row }: CsvRow): CsvRow => row;

const isEmpty = (c: ProposedChange): boolean => isEmptyChange(c) && c.calling === undefined;

/** The user after the verdict: its licenses and attendee sites, and its Calling properties as apply.ts's assignMutation stores them. */
function applied(user: User, result: { licenseIds: string[]; attendeeOf: string[] }, calling: CallingProperties | null | undefined): User {
  const { calling: current, ...rest } = user;
  const next = calling === null ? undefined : (calling ?? current);
  return { ...rest, licenseIds: result.licenseIds, attendeeOf: result.attendeeOf, ...(next ? { calling: next } : {}) };
}

function newUser(row: CsvRow, id: string): User {
  const fullName = [row.firstName, row.lastName].filter(Boolean).join(' ');
  return {
    id,
    email: row.email,
    displayName: row.displayName ?? (fullName || row.email.split('@')[0] || row.email),
    ...(row.firstName !== undefined ? { firstName: row.firstName } : {}),
    ...(row.lastName !== undefined ? { lastName: row.lastName } : {}),
    type: row.type ?? (row.status === 'pending' ? 'external' : 'internal'),
    status: row.status ?? 'active',
    siteAdminOf: [],
    licenseIds: [],
    attendeeOf: [],
    rev: 0,
  };
}

/** The existing user with the row's names, where the row gives them. */
function withNames(user: User, row: CsvRow): User {
  return {
    ...user,
    ...(row.displayName !== undefined ? { displayName: row.displayName } : {}),
    ...(row.firstName !== undefined ? { firstName: row.firstName } : {}),
    ...(row.lastName !== undefined ? { lastName: row.lastName } : {}),
  };
}

const namesDiffer = (a: User, b: User): boolean =>
  a.displayName !== b.displayName || a.firstName !== b.firstName || a.lastName !== b.lastName;

function describe(findings: readonly Finding[], locale: Locale): RowMessage[] {
  return findings.map((f) => ({ code: f.code, message: t(locale, f.code, f.params) }));
}

/** Read the file, check every row against the rules; write nothing. Throws CsvFileError for a bad file. */
export function planImport(input: PlanImportInput): ImportPlan {
  const { reader, mode, locale = 'en' } = input;
  const { catalog, parsed } = readWithCatalog(input);
  const licenses = catalog?.licenses ?? reader.licenses();
  const sites = catalog?.sites ?? reader.sites();
  const usage = new RunningUsage(reader);
  const ctx: RulesContext = {
    licenses: new Map<string, License>(licenses.map((l) => [l.id, l])),
    sites: new Map<string, Site>(sites.map((s) => [s.url, s])),
    usedUnits: usage.used,
    locations: new Map(reader.locations().map((l) => [l.id, l])),
    usersWithCalling: () => reader.usersWithCalling(),
  };
  const licenseName = (id: string): string => {
    const license = ctx.licenses.get(id);
    return license ? licenseHeader(license) : id;
  };
  const newId = input.newUserId ?? (() => `u-${randomUUID()}`);

  const locationId = locationResolver(reader.locations());
  // Properties are read only where they can be judged: the file has the columns, the store the locations.
  const readsCalling = parsed.hasCallingColumns && reader.locations().length > 0;
  const recordsWebex = !readsCalling;

  const rows: RowOutcome[] = [];
  const mutations: Mutation[] = catalog && catalogChanges(catalog) ? [catalog.mutation] : [];
  const userChanges: UserLicenseChange[] = [];
  for (const row of parsed.rows) {
    const existing = reader.userByEmail(row.email);
    const base = existing ? withNames(existing, row) : newUser(row, newId(row.email));
    const change = changeFor(base, readsCalling ? row : withoutCalling(row), mode, ctx, locationId);
    const outcome: RowOutcome = { line: row.line, email: row.email, outcome: 'unchanged', reasons: [], notices: [], added: [], removed: [] };
    rows.push(outcome);
    let next = base;
    if (!isEmpty(change)) {
      const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user: base, change, newUser: !existing, recordsWebex });
      const { violations } = verdict;
      if (violations.length > 0 || verdict.autoChanges.length > 0) {
        outcome.outcome = 'refused';
        // An auto change's text says what the rules would do; on an import it is why the row waits.
        const notAsked = describe(verdict.autoChanges, locale).map((m) => ({ ...m, message: `the file must ask for this itself: ${m.message}` }));
        outcome.reasons = [...describe(violations, locale), ...notAsked];
        continue;
      }
      outcome.notices = describe(verdict.notices.filter((n) => !NOTICES_THE_FILE_ANSWERS.has(n.code)), locale);
      outcome.added = [...verdict.diff.addedLicenseIds.map(licenseName), ...verdict.diff.addedAttendeeSites.map((s) => `${s} attendee`)];
      outcome.removed = [...verdict.diff.removedLicenseIds.map(licenseName), ...verdict.diff.removedAttendeeSites.map((s) => `${s} attendee`)];
      next = applied(base, verdict.result, verdict.calling);
      usage.record(base.licenseIds, next.licenseIds);
      userChanges.push({
        userId: next.id,
        email: next.email,
        before: { licenseIds: [...base.licenseIds], attendeeOf: [...base.attendeeOf], ...(base.calling ? { calling: base.calling } : {}) },
        after: { licenseIds: [...next.licenseIds], attendeeOf: [...next.attendeeOf], ...(next.calling ? { calling: next.calling } : {}) },
        change,
        codes: outcome.notices.map((n) => n.code),
      });
    }
    if (!existing) outcome.outcome = 'created';
    else if (next !== base || namesDiffer(existing, base)) outcome.outcome = 'updated';
    if (outcome.outcome === 'unchanged') continue;
    mutations.push(existing ? { type: 'user.put', user: next, expectedRev: existing.rev } : { type: 'user.put', user: next });
  }

  checkCapacity(ctx, licenseName);
  const count = (o: RowOutcome['outcome']) => rows.filter((r) => r.outcome === o).length;
  return {
    mode,
    fileName: input.fileName ?? '(unnamed)',
    ...(catalog && input.licenseCatalog ? { catalog: { ...catalog, fileName: input.licenseCatalog.fileName } } : {}),
    actor: input.actor,
    rows,
    counts: { rows: rows.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), refused: count('refused') },
    unknownColumns: parsed.unknownColumns,
    ignoredColumns: parsed.ignoredColumns,
    mutations,
    userChanges,
  };
}

/**
 * Parse the CSV against the store's catalog, or against the store's catalog merged with the
 * given licenses. New sites' attendee feature follows the CSV's attendee columns, so the file
 * is read against a first merge and the catalog is then planned again with those columns.
 */
function readWithCatalog(input: PlanImportInput): { catalog: CatalogPlan | undefined; parsed: ParsedCsv } {
  const { reader, licenseCatalog } = input;
  if (!licenseCatalog) return { catalog: undefined, parsed: parseUserCsv(input.csvText, { licenses: reader.licenses(), sites: reader.sites() }) };
  const first = planCatalog({ reader, items: licenseCatalog.items });
  const parsed = parseUserCsv(input.csvText, { licenses: first.licenses, sites: first.sites });
  const attendeeSites = new Set(parsed.columns.flatMap((c) => (c.meaning.kind === 'attendee' && !c.meaning.suspended ? [c.meaning.siteUrl] : [])));
  return { catalog: planCatalog({ reader, items: licenseCatalog.items, attendeeSites }), parsed };
}

/** R12 for the whole result: a lowered totalUnits may leave holders the rows did not add. */
function checkCapacity(ctx: RulesContext, licenseName: (id: string) => string): void {
  const over = licensesOverCapacity(ctx);
  if (over.length === 0) return;
  const list = over.map((l) => `${licenseName(l.id)}: ${ctx.usedUnits(l.id)} users, ${l.totalUnits} units`).join('; ');
  throw new ImportRefusedError(
    `the import was refused, nothing changed: more users would hold these licenses than they have units (R12): ${list}. ` +
      'Remove the license from enough users in the file (mode add-and-remove), or add units to the subscription first.',
  );
}

/** Apply every accepted row: one commit, one durable write; the import's audit line plus one per changed user. All or nothing. */
export async function applyImport({ store, plan, extra = [] }: { store: Store; plan: ImportPlan; extra?: Mutation[] }): Promise<{ auditSeq: number | undefined }> {
  const audit = importAuditEntries(plan);
  const mutations = [...plan.mutations, ...extra];
  const result = mutations.length > 0 ? await store.commit({ mutations, audit }) : await store.audit(audit);
  return { auditSeq: result.auditSeqs[0] };
}
