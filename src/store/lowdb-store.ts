// The Store implementation: state in memory, snapshot through lowdb (durable adapter),
// a journal of commit batches, and the audit log. See openStore in index.ts.
import type { Low } from 'lowdb';
import type { AuditEntry, ChangeRequest, OrgChange, OrgDocument } from '../domain/index.js';
import { AuditLog, chainEntries, type AuditHead } from './audit-log.js';
import { AppendOnlyFile } from './append-only-file.js';
import type { DurableJsonFile } from './durable-json-file.js';
import { replaceFileDurably, type FileOps } from './file-ops.js';
import type { FileLock } from './file-lock.js';
import { encodeJournalLine } from './journal.js';
import type { OrgState } from './org-state.js';
import { applyMutation, linkAuditSeq, PendingLayer } from './pending-changes.js';
import { StoreWriteError, type CommitInput, type CommitResult, type Store, type UserQuery } from './types.js';
import { WriteQueue, type QueuedCommit } from './write-queue.js';

export interface LowdbStoreParts {
  fs: FileOps;
  low: Low<OrgDocument>;
  snapshot: DurableJsonFile;
  state: OrgState;
  journalFile: string;
  journal: AppendOnlyFile;
  journalBatches: number;
  audit: AuditLog;
  lock: FileLock;
  now: () => Date;
  checkpointEvery: number;
}

export class LowdbStore implements Store {
  private readonly queue = new WriteQueue(
    (batch) => this.flush(batch),
    () => this.checkpointIfDue(),
  );
  private journalBatches: number;
  private batchCounter: number;
  /** The snapshot was replaced but the journal still names the old one: reset it before appending. */
  private journalNeedsReset = false;
  /** A failed write could not be undone; nothing more is written until the store is reopened. */
  private broken: Error | undefined;
  private closed = false;

  constructor(private readonly parts: LowdbStoreParts) {
    this.journalBatches = parts.journalBatches;
    this.batchCounter = parts.journalBatches;
    // Another process may own the files now: writing on would mix two writers' changes.
    parts.lock.onLost((error) => (this.broken ??= error));
  }

  // ---- reads (memory) ----
  orgName() { return this.parts.state.orgName; }
  sites() { return this.parts.state.sites; }
  site(url: string) { return this.parts.state.site(url); }
  subscriptions() { return this.parts.state.subscriptions; }
  licenses() { return this.parts.state.licenses; }
  license(id: string) { return this.parts.state.license(id); }
  usedUnits(licenseId: string) { return this.parts.state.usedUnits(licenseId); }
  usage() { return this.parts.state.usage(); }
  user(id: string) { return this.parts.state.user(id); }
  userByEmail(email: string) { return this.parts.state.userByEmail(email); }
  searchUsers(query: UserQuery) { return this.parts.state.searchUsers(query); }
  userCount() { return this.parts.state.userCount(); }
  usersWithCalling() { return this.parts.state.usersWithCalling(); }
  roles() { return this.parts.state.roles(); }
  locale(personId: string) { return this.parts.state.locale(personId); }
  draft(id: string) { return this.parts.state.draft(id); }
  expiredDrafts(now: Date) { return this.parts.state.expiredDrafts(now); }
  request(id: string) { return this.parts.state.request(id); }
  requests(filter: { status?: ChangeRequest['status']; requesterId?: string } = {}): ChangeRequest[] {
    const candidates = filter.status === 'open' ? this.parts.state.openRequests() : this.parts.state.requests();
    return [...candidates].filter(
      (request) =>
        (filter.status === undefined || request.status === filter.status) &&
        (filter.requesterId === undefined || request.requesterId === filter.requesterId),
    );
  }

  locations() { return this.parts.state.locations; }
  orgChange(id: string) { return this.parts.state.orgChange(id); }
  orgChanges(filter: { status?: OrgChange['status']; userId?: string } = {}): OrgChange[] {
    const { state } = this.parts;
    const candidates = filter.status === 'queued' ? state.queuedOrgChangeList() : filter.userId !== undefined ? state.orgChangesOf(filter.userId) : state.orgChanges();
    return [...candidates].filter(
      (change) => (filter.status === undefined || change.status === filter.status) && (filter.userId === undefined || change.userId === filter.userId),
    );
  }

  auditHead(): { seq: number; hash: string } {
    return { ...this.parts.audit.head };
  }

  history(userId: string, options: { offset: number; limit: number }): Promise<{ entries: AuditEntry[]; total: number }> {
    return this.parts.audit.history(userId, options);
  }

  // ---- writes ----
  commit(input: CommitInput): Promise<CommitResult> {
    if (this.closed) return Promise.reject(new StoreWriteError('the store is closed'));
    if (input.mutations.length === 0 && (input.audit ?? []).length === 0) return Promise.resolve({ auditSeqs: [] });
    return this.queue.push(input);
  }

  audit(entries: CommitInput['audit']): Promise<CommitResult> {
    return this.commit({ mutations: [], audit: entries });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.queue.exclusive(async () => {
        if (!this.broken) await this.parts.lock.check().catch((error: Error) => (this.broken ??= error));
        if (!this.broken && (this.journalBatches > 0 || this.journalNeedsReset)) await this.checkpoint();
      });
    } finally {
      await this.parts.journal.close().catch(() => undefined);
      await this.parts.audit.close().catch(() => undefined);
      await this.parts.lock.release();
    }
  }

  /** Validate each commit against the state plus the earlier commits of this batch, then write them together. */
  private async flush(batch: QueuedCommit[]): Promise<void> {
    // The lease is renewed on a timer; one stat per batch also catches a lock removed since.
    if (!this.broken) await this.parts.lock.check().catch((error: Error) => (this.broken ??= error));
    if (this.broken) {
      for (const job of batch) job.reject(new StoreWriteError(`the store cannot write any more: ${this.broken.message}; restart the bot`));
      return;
    }
    const { state, audit } = this.parts;
    const batchLayer = new PendingLayer(state);
    const time = this.parts.now().toISOString();
    const accepted: Array<{ job: QueuedCommit; seqs: number[] }> = [];
    const mutations: CommitInput['mutations'] = [];
    const entries: AuditEntry[] = [];
    let head: AuditHead = audit.head;
    for (const job of batch) {
      try {
        const layer = new PendingLayer(batchLayer);
        const chained = chainEntries(job.input.audit ?? [], head, time);
        const linked = job.input.mutations.map((mutation) => linkAuditSeq(mutation, chained.entries));
        for (const mutation of linked) applyMutation(layer, mutation);
        batchLayer.absorb(layer);
        head = chained.head;
        entries.push(...chained.entries);
        mutations.push(...linked);
        accepted.push({ job, seqs: chained.entries.map((entry) => entry.seq) });
      } catch (error) {
        job.reject(error);
      }
    }
    if (accepted.length === 0) return;
    const line = encodeJournalLine({ batch: this.batchCounter + 1, mutations, audit: entries });
    try {
      await this.writeDurably(line, entries);
    } catch (error) {
      const failure = new StoreWriteError(`could not save the change: ${(error as Error).message}`, { cause: error });
      for (const { job } of accepted) job.reject(failure);
      return;
    }
    state.apply(batchLayer.changes);
    this.batchCounter += 1;
    this.journalBatches += 1;
    for (const { job, seqs } of accepted) job.resolve({ auditSeqs: seqs });
  }

  /**
   * The journal first, then the audit log, each fsynced. So an audit line on disk always
   * has its change in the journal: after a crash the audit file can only lag the journal
   * (the open appends what it misses), and an audit line the store does not hold is damage.
   * On failure both are cut back to where they were (nothing of this batch was acknowledged).
   */
  private async writeDurably(line: Buffer, entries: AuditEntry[]): Promise<void> {
    const { journal, audit } = this.parts;
    if (this.journalNeedsReset) await this.resetJournal();
    const journalLength = journal.length;
    const auditLength = audit.length;
    const auditHead = audit.head;
    try {
      await journal.append(line);
      await audit.append(entries);
    } catch (error) {
      try {
        await audit.rollbackTo(auditLength, auditHead);
        await journal.rollbackTo(journalLength);
      } catch (undoError) {
        this.broken = undoError as Error;
      }
      throw error;
    }
  }

  private async checkpointIfDue(): Promise<void> {
    if (this.journalBatches < this.parts.checkpointEvery || this.broken) return;
    // A failed checkpoint loses nothing: the journal still holds every commit.
    await this.checkpoint().catch(() => undefined);
  }

  /** New snapshot (previous kept as .bak), then an empty journal that names it. */
  private async checkpoint(): Promise<void> {
    const { low, state, audit } = this.parts;
    low.data = { ...state.toDocument(), position: { auditSeq: audit.head.seq, auditHash: audit.head.hash } };
    await low.write();
    this.journalNeedsReset = true;
    await this.resetJournal();
  }

  private async resetJournal(): Promise<void> {
    const { fs, snapshot, audit, journal, journalFile } = this.parts;
    const header = encodeJournalLine({ base: snapshot.lastHash!, auditSeq: audit.head.seq, auditHash: audit.head.hash });
    await replaceFileDurably(fs, { file: journalFile, data: header });
    await journal.replaceHandle(fs, journalFile, header.length);
    this.journalNeedsReset = false;
    this.journalBatches = 0;
  }
}
