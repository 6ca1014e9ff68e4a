// The Store implementation: state in memory, snapshot through lowdb (durable adapter),
// a journal of commit batches, and the audit log. See openStore in index.ts.
import type { Low } from 'lowdb';
import type { AuditEntry, OrgDocument } from '../domain/index.js';
import type { AuditLog } from './audit-log.js';
import { checkBatch } from './check-batch.js';
import { AppendOnlyFile } from './append-only-file.js';
import type { DurableJsonFile } from './durable-json-file.js';
import { replaceFileDurably, type FileOps } from './file-ops.js';
import type { FileLock } from './file-lock.js';
import { encodeJournalLine } from './journal.js';
import type { OrgState } from './org-state.js';
import { StoreWriteError, type CommitInput, type CommitResult, type Store } from './types.js';
import { WriteQueue, type QueuedCommit } from './write-queue.js';
import { SWAP_RETRY_MS, captureState, journalAfter, type Capture } from './checkpoint.js';
import { StateReads } from './state-reads.js';

export interface LowdbStoreParts {
  fs: FileOps;
  low: Low<OrgDocument>;
  snapshot: DurableJsonFile;
  state: OrgState;
  journalFile: string;
  journal: AppendOnlyFile;
  journalBatches: number;
  /** sha256 of the snapshot the journal on disk names. */
  journalBase: string;
  audit: AuditLog;
  lock: FileLock;
  now: () => Date;
  checkpointEvery: number;
}

export class LowdbStore extends StateReads implements Store {
  private readonly queue = new WriteQueue(
    (batch) => this.flush(batch),
    () => this.checkpointIfDue(),
  );
  private journalBatches: number;
  private batchCounter: number;
  private journalBase: string;
  /** A snapshot being written, or written but its journal not yet swapped (see checkpointIfDue). */
  private capture: Capture | undefined;
  private background: Promise<void> | undefined;
  /** After a failed swap, not before this (performance.now): each try rewrites every carried line. */
  private nextSwapTry = 0;
  /** A failed write could not be undone; nothing more is written until the store is reopened. */
  private broken: Error | undefined;
  private closed = false;

  constructor(private readonly parts: LowdbStoreParts) {
    super();
    this.journalBatches = parts.journalBatches;
    this.batchCounter = parts.journalBatches;
    this.journalBase = parts.journalBase;
    // Another process may own the files now: writing on would mix two writers' changes.
    parts.lock.onLost((error) => (this.broken ??= error));
    // A snapshot written in the background takes seconds at scale: it replaces the file only if the lock is still ours.
    parts.snapshot.beforeReplace = async () => {
      if (!this.broken) await parts.lock.check().catch((error: Error) => (this.broken ??= error));
      if (this.broken) throw this.broken;
    };
  }

  protected get state(): OrgState {
    return this.parts.state;
  }

  auditHead(): { seq: number; hash: string } {
    return { ...this.parts.audit.head };
  }

  auditEntry(seq: number): Promise<AuditEntry | undefined> {
    return this.parts.audit.entryAboutUser(seq);
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

  async settle(): Promise<void> {
    await this.queue.exclusive(() => Promise.resolve());
    while (this.background) await this.background;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      while (this.background) await this.background;
      await this.queue.exclusive(async () => {
        if (!this.broken) await this.parts.lock.check().catch((error: Error) => (this.broken ??= error));
        if (!this.broken && (this.journalBatches > 0 || this.capture)) {
          // Nothing is appended any more: one snapshot of everything, then an empty journal.
          const capture = this.takeCapture();
          await this.writeSnapshot(capture);
          await this.swapJournal(capture, { required: true });
        }
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
    const { layer: batchLayer, accepted, mutations, entries } = checkBatch(state, batch, audit.head, this.parts.now().toISOString());
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
    this.capture?.carried.push(line);
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
    // A swap that failed after the snapshot was written is tried again; if it fails again the
    // old journal goes on (the snapshot's position says which of its batches it lacks).
    if (this.capture?.written && performance.now() >= this.nextSwapTry) await this.swapJournal(this.capture, { required: false });
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

  /**
   * Every checkpointEvery batches, a new snapshot without holding up commits: the state is
   * captured here, inside the writer (copies of the record lists: records are replaced,
   * never edited); it is written in slices while commits go on appending to the journal;
   * then, as the writer again, the journal is swapped for one that names the new snapshot
   * and carries the batches appended meanwhile. A crash or a failure at any point loses
   * nothing: the old snapshot and journal stay until each replacement is durable.
   */
  private async checkpointIfDue(): Promise<void> {
    if (this.journalBatches < this.parts.checkpointEvery || this.broken || this.closed || this.capture) return;
    const capture = this.takeCapture();
    this.background = this.writeSnapshot(capture)
      .then(() => this.queue.exclusive(() => this.swapJournal(capture, { required: false })))
      .catch(() => undefined)
      .finally(() => (this.background = undefined));
  }

  private takeCapture(): Capture {
    this.capture = captureState(this.parts.state, this.parts.audit.head, { base: this.journalBase, offset: this.parts.journal.length });
    return this.capture;
  }

  /** The new snapshot (previous kept as .bak). On failure the capture is dropped: the next one starts afresh. */
  private async writeSnapshot(capture: Capture): Promise<void> {
    const { low } = this.parts;
    low.data = capture.document;
    try {
      await low.write();
      capture.written = true;
    } catch (error) {
      if (this.capture === capture) this.capture = undefined;
      throw error;
    }
  }

  /**
   * Replace the journal with a header naming the written snapshot plus the batches appended
   * since the capture. If the new file did not take the old one's place, nothing changed and
   * the old journal goes on (`required`: the caller is told). If it did but cannot be opened,
   * appending to the old handle would write into a removed file: the store stops writing.
   */
  private async swapJournal(capture: Capture, options: { required: boolean }): Promise<void> {
    if (this.capture !== capture || !capture.written || this.broken) return;
    const { fs, snapshot, journal, journalFile } = this.parts;
    const data = journalAfter(capture, snapshot.lastHash!);
    try {
      await replaceFileDurably(fs, { file: journalFile, data });
    } catch (error) {
      // Only the folder's fsync comes after the rename: whether the new file is in place decides.
      const replaced = await fs.readFile(journalFile).then((bytes) => bytes.equals(data), () => undefined);
      if (replaced === undefined) {
        // Unknown: appending to a journal that may have been replaced could lose commits.
        this.broken = new Error(`cannot tell whether ${journalFile} was replaced (${(error as Error).message})`);
        throw error;
      }
      if (!replaced) {
        this.nextSwapTry = performance.now() + SWAP_RETRY_MS;
        if (options.required) throw error;
        return;
      }
    }
    try {
      await journal.replaceHandle(fs, journalFile, data.length);
    } catch (error) {
      this.broken = error as Error;
      throw error;
    }
    this.journalBase = snapshot.lastHash!;
    this.journalBatches = capture.carried.length;
    this.capture = undefined;
  }
}
