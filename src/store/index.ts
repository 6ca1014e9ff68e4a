// openStore: the embedded Store (lowdb snapshot + journal + audit log) for one data file.
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { OrgDocumentSchema, type OrgDocument } from '../domain/index.js';
import { AppendOnlyFile } from './append-only-file.js';
import { AuditLog } from './audit-log.js';
import { DurableJsonFile, describeIssues } from './durable-json-file.js';
import { nodeFileOps, readIfExists, replaceFileDurably, type FileOps } from './file-ops.js';
import { acquireLock, type LockTimes } from './file-lock.js';
import { encodeJournalLine } from './journal.js';
import { backupFileOf, journalFileOf, loadStoreFiles, lockFileOf, type LoadedStore } from './load-store.js';
import { LowdbStore } from './lowdb-store.js';
import { OrgState } from './org-state.js';
import { StoreLoadError, type Store } from './types.js';

export * from './types.js';
export { PRIVATE_FILE_MODE } from './file-ops.js';
export { DEFAULT_LOCK_STALE_MS, DEFAULT_LOCK_UPDATE_MS, type LockTimes } from './file-lock.js';
export { verifyAuditFile, type AuditVerdict, type VerifyAuditOptions } from './audit-verify.js';
export { readStoreAuditHead, readStoreDocument } from './load-store.js';
export type { FileOps, FileHandleLike } from './file-ops.js';
export { nodeFileOps } from './file-ops.js';

export interface OpenStoreOptions {
  dataFile: string;
  auditFile: string;
  /** Used only when dataFile does not exist: the new file is created from it. */
  seed?: () => OrgDocument;
  now?: () => Date;
  /** Low-level file operations (tests inject faults here). */
  fs?: FileOps;
  /** Write a new snapshot once the journal holds this many batches. */
  checkpointEvery?: number;
  /** Lease times of the lock (tests shorten them); defaults: stale after 10 s, renewed every 2.5 s. */
  lock?: LockTimes;
  /** The store has no logger: it reports waiting for a lock (warn) and losing it (error) here. */
  log?: (level: 'warn' | 'error', message: string) => void;
}

const DEFAULT_CHECKPOINT_EVERY = 1000;

/**
 * Open the store: take the lock, load and validate the snapshot, replay the journal,
 * restore audit lines a crash kept out of the audit file. Throws StoreLoadError when
 * the files cannot be used; they are then left untouched.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { dataFile, auditFile } = options;
  const fs = options.fs ?? nodeFileOps;
  const log = options.log ?? (() => undefined);
  const lock = await acquireLock({ dataFile, lockFile: lockFileOf(dataFile), ...options.lock, onWait: (message) => log('warn', message) });
  lock.onLost((error) => log('error', `${error.message}; the store writes nothing more: stop this bot, check which one should run, restart it`));
  const opened: Array<{ close(): Promise<void> }> = [];
  try {
    await removeCrashLeftovers(dataFile);
    const loaded = (await loadStoreFiles({ dataFile, fs })) ?? (await createFromSeed(options, fs));
    const audit = await AuditLog.open({ file: auditFile, fs });
    opened.push(audit);
    await restoreAuditLines(loaded, audit, auditFile);

    const journalFile = journalFileOf(dataFile);
    let journalLength = loaded.journalLength;
    if (!loaded.journalHeader) {
      // No journal for this snapshot yet (new, or the old one was folded in): start one.
      const header = encodeJournalLine({ base: loaded.snapshot.lastHash!, auditSeq: audit.head.seq, auditHash: audit.head.hash });
      await replaceFileDurably(fs, { file: journalFile, data: header });
      journalLength = header.length;
    }
    const journal = await AppendOnlyFile.open(fs, journalFile, journalLength);
    opened.push(journal);
    return new LowdbStore({
      fs,
      low: loaded.low,
      snapshot: loaded.snapshot,
      state: loaded.state,
      journalFile,
      journal,
      journalBatches: loaded.journalBatches,
      audit,
      lock,
      now: options.now ?? (() => new Date()),
      checkpointEvery: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    });
  } catch (error) {
    await Promise.all(opened.map((file) => file.close().catch(() => undefined)));
    await lock.release();
    throw error;
  }
}

/** Temp files of writes a crash interrupted (we hold the lock, so no one else is writing them). */
async function removeCrashLeftovers(dataFile: string): Promise<void> {
  const dir = path.dirname(dataFile);
  const base = path.basename(dataFile);
  const leftover = new RegExp(`^${escapeRegExp(base)}(\\.journal)?\\.tmp-\\d+$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => leftover.test(name)).map((name) => unlink(path.join(dir, name)).catch(() => undefined)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function createFromSeed(options: OpenStoreOptions, fs: FileOps): Promise<LoadedStore> {
  const { dataFile } = options;
  if (!options.seed) throw new StoreLoadError(dataFile, 'the file does not exist (and no seed was given to create it)');
  // A journal or backup without its snapshot means the data file was lost, not never made.
  for (const leftover of [backupFileOf(dataFile), journalFileOf(dataFile)]) {
    if ((await readIfExists(fs, leftover))?.length) {
      throw new StoreLoadError(
        dataFile,
        `the file is missing but ${leftover} exists: restore the data (e.g. copy ${backupFileOf(dataFile)} to ${dataFile}) or move the leftovers away to start from the seed`,
      );
    }
  }
  const parsed = OrgDocumentSchema.safeParse(options.seed());
  if (!parsed.success) throw new StoreLoadError(dataFile, `the seed document is invalid: ${describeIssues(parsed.error.issues)}`);
  const state = new OrgState(parsed.data, `${dataFile} (seed)`);
  const snapshot = new DurableJsonFile({ file: dataFile, fs, backupFile: backupFileOf(dataFile) });
  const low = new Low<OrgDocument>(snapshot, parsed.data);
  try {
    await low.write();
  } catch (error) {
    throw new StoreLoadError(dataFile, `cannot create it from the seed (${(error as Error).message})`);
  }
  return { low, snapshot, state, journalHeader: undefined, journalBatches: 0, journalLength: 0, journalAudit: [] };
}

/**
 * A batch is appended to the journal and the audit log in parallel. After a crash the
 * audit file may miss the last batch's lines (they are in the journal and are appended
 * again here) or hold lines of a batch the journal lost (never acknowledged: cut).
 * An audit file shorter than the store remembers means lines were deleted.
 */
async function restoreAuditLines(loaded: LoadedStore, audit: AuditLog, auditFile: string): Promise<void> {
  const header = loaded.journalHeader;
  if (header) {
    // Lines past everything the journal knows are from a batch whose journal line was lost.
    const known = loaded.journalAudit.reduce((max, entry) => Math.max(max, entry.seq), header.auditSeq);
    if (audit.head.seq > known) await audit.truncateAfter(known);
  }
  if (header && audit.head.seq < header.auditSeq) {
    throw new StoreLoadError(
      auditFile,
      `it ends at seq ${audit.head.seq}, but the store had written up to seq ${header.auditSeq}: lines were removed (run npm run audit:verify)`,
    );
  }
  const missing = loaded.journalAudit.filter((entry) => entry.seq > audit.head.seq);
  await audit.trimTail();
  if (missing.length === 0) return;
  if (missing[0]!.seq !== audit.head.seq + 1 || missing[0]!.prevHash !== audit.head.hash) {
    throw new StoreLoadError(auditFile, `its last line (seq ${audit.head.seq}) does not chain to the journal's next entry (seq ${missing[0]!.seq})`);
  }
  await audit.append(missing);
}
