// The store's contract. lowdb (with our durable adapter and journal) is the embedded
// implementation; a Webex Licenses API adapter or a shared database can sit behind
// the same interface later (DESIGN section 8).
import type {
  AuditEntry,
  AuditInput,
  CallingProperties,
  ChangeRequest,
  Draft,
  Grant,
  License,
  Locale,
  Location,
  OrgChange,
  Role,
  Site,
  Subscription,
  User,
} from '../domain/index.js';

/** What checking the audit chain found: ok with the line count, or the first bad line and why. */
export type AuditVerdict =
  | { ok: true; lines: number }
  | {
      ok: false;
      line: number;
      reason: string;
      /** Set when the chain is intact but ends before the store's last line: the tail was removed. */
      removedTail?: { endsAt: number; storeSeq: number };
    };

/** One part of an atomic commit. All parts of a commit apply, or none. */
export type Mutation =
  // calling: the Calling license's location and number (null: the user has none any more; unset: unchanged)
  | { type: 'user.assign'; userId: string; expectedRev: number; licenseIds: string[]; attendeeOf: string[]; calling?: CallingProperties | null }
  | { type: 'user.put'; user: User; expectedRev?: number } // create or replace (import, external add)
  | { type: 'user.delete'; userId: string; expectedRev: number }
  // When Webex last saw the user active (the sync): no rev bump, so open cards and requests stay current; a user gone meanwhile is skipped
  | { type: 'user.activity'; userId: string; lastActivity: string }
  // resultAuditLine: the index of one of this commit's audit lines; the stored draft keeps
  // that line's seq as resultAuditSeq, so a result card can name the line of its own commit.
  | { type: 'draft.put'; draft: Draft; expectedVersion?: number; resultAuditLine?: number }
  | { type: 'draft.delete'; draftId: string }
  | { type: 'request.put'; request: ChangeRequest; expectedVersion?: number }
  // The outbox entry of a change on its way to Webex. auditLine: like draft.put's resultAuditLine.
  | { type: 'orgChange.put'; change: OrgChange; expectedVersion?: number; auditLine?: number }
  | { type: 'grant.put'; grant: Grant; expectedVersion?: number; auditLine?: number }
  // A small fact a schedule keeps (the last weekly report), replaced whole. expected: the value it
  // must hold now (null: unset), so two runs that meet cannot both claim the same slot.
  | { type: 'mark.put'; key: string; value: string; expected?: string | null }
  | { type: 'role.put'; role: Role }
  | { type: 'role.delete'; email: string }
  | { type: 'preference.put'; personId: string; locale: Locale; email?: string }
  // Upsert of the license catalog (a GET /v1/licenses import): records with a known key
  // (site url, subscription id, license id) are replaced, others added; nothing is removed.
  | { type: 'catalog.put'; sites: Site[]; subscriptions: Subscription[]; licenses: License[]; locations?: Location[] };

export interface CommitInput {
  mutations: Mutation[];
  /** Audit lines written with the commit; fsynced before the commit resolves. */
  audit?: AuditInput[];
}

export interface CommitResult {
  /** Seq numbers of the audit lines written, in order. */
  auditSeqs: number[];
}

/** Thrown when an expectedRev/expectedVersion does not match: someone changed it first. */
export class ConflictError extends Error {
  constructor(
    readonly what: string,
    readonly id: string,
    readonly expected: number | string,
    readonly actual: number | string | undefined,
  ) {
    super(`conflict: ${what} ${id} is at ${actual ?? 'deleted'}, the change expected ${expected}`);
    this.name = 'ConflictError';
  }
}

/** Thrown when a commit could not be made durable (disk full, I/O error). Nothing changed. */
export class StoreWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreWriteError';
  }
}

/** Thrown at open when the data file cannot be used. The file is left untouched. */
export class StoreLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`cannot load ${file}: ${problem}`);
    this.name = 'StoreLoadError';
  }
}

export interface UserQuery {
  /** Name or email prefix, case-insensitive; matches any word of the display name too. Empty = all. */
  text?: string;
  type?: 'internal' | 'external';
  /** R9: external users that hold no license are left out when true. */
  withLicensesOnly?: boolean;
  offset?: number;
  limit?: number; // default 25
}

export interface UserPage {
  users: User[];
  total: number;
}

export interface LicenseUsage {
  license: License;
  used: number;
  total: number;
  free: number;
}

export interface StoreReader {
  orgName(): string;
  sites(): readonly Site[];
  site(url: string): Site | undefined;
  subscriptions(): readonly Subscription[];
  licenses(): readonly License[];
  license(id: string): License | undefined;
  /** Derived from assignments, never stored (R12). O(1). */
  usedUnits(licenseId: string): number;
  usage(): LicenseUsage[];
  user(id: string): User | undefined;
  userByEmail(email: string): User | undefined;
  searchUsers(query: UserQuery): UserPage;
  userCount(): number;
  /** Users that hold Calling properties (location, extension, number). */
  usersWithCalling(): readonly User[];
  roles(): readonly Role[];
  locale(personId: string): Locale | undefined;
  /** The language of the person with this email, when they chose one. */
  localeOfEmail(email: string): Locale | undefined;
  draft(id: string): Draft | undefined;
  /** Drafts whose expiresAt is at or before `now` (nobody can use them any more). */
  expiredDrafts(now: Date): Draft[];
  request(id: string): ChangeRequest | undefined;
  /** By its short number. */
  requestByNumber(number: number): ChangeRequest | undefined;
  /** With status 'open' or 'asked' only the undecided requests are looked at (an index), not every request ever filed. */
  requests(filter?: { status?: ChangeRequest['status']; requesterId?: string }): ChangeRequest[];
  /** Webex Calling locations, as last synced. */
  locations(): readonly Location[];
  orgChange(id: string): OrgChange | undefined;
  /** Outbox entries, oldest first. status 'queued' reads an index, not every change ever made. */
  orgChanges(filter?: { status?: OrgChange['status']; userId?: string }): OrgChange[];
  grant(id: string): Grant | undefined;
  /** Licenses granted until a date, soonest end first. */
  grants(filter?: { status?: Grant['status']; userId?: string }): Grant[];
  mark(key: string): string | undefined;
}

export interface Store extends StoreReader {
  /** Validate, apply in memory, make durable (journal + audit, fsynced), then resolve. One writer queue. */
  commit(input: CommitInput): Promise<CommitResult>;
  /** Audit lines without a data change (refusals), fsynced before resolving. */
  audit(entries: AuditInput[]): Promise<CommitResult>;
  /** The last audit line the store wrote (seq 0 = none yet): the audit file must reach it. */
  auditHead(): { seq: number; hash: string };
  /** The audit line with this seq when it is about a user (what `undo <seq>` reverses). */
  auditEntry(seq: number): Promise<AuditEntry | undefined>;
  /** Audit lines about one user, newest first. */
  history(userId: string, opts: { offset: number; limit: number }): Promise<{ entries: AuditEntry[]; total: number }>;
  /**
   * Several replicas on one database (PostgreSQL): bring this replica's read model up to what
   * the others committed (before an event is handled, so a card from another replica is not
   * taken for stale); claim an event id once across replicas (Webex retries, to any replica);
   * hold a lease so one replica at a time runs a singleton (the outbox worker, the sync, the
   * schedule). The embedded store has one process per data file and needs none of them.
   */
  refresh?(): Promise<void>;
  /** A store that keeps the audit lines itself checks their chain (the embedded store's are in AUDIT_FILE). */
  verifyAudit?(): Promise<AuditVerdict>;
  claimEvent?(eventId: string): Promise<boolean>;
  lease?(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Called after this replica applied batches other replicas committed (e.g. an outbox entry to send). */
  onRemoteCommit?(listener: () => void): void;
  /** Resolves once queued writes and a snapshot being written in the background are done (tests, tools). */
  settle(): Promise<void>;
  /** Finish queued writes, write a snapshot, release the lock. */
  close(): Promise<void>;
}

/** Thrown when a commit would make the document invalid (bad record, unknown license, duplicate email). Nothing changed. */
export class InvalidCommitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCommitError';
  }
}
