// openStore: the embedded Store (lowdb snapshot + journal + audit log) for one data file.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { OrgDocumentSchema, type OrgDocument } from '../domain/index.js';
import { AppendOnlyFile } from './append-only-file.js';
import { AuditLog, GENESIS_HASH } from './audit-log.js';
import { DurableJsonFile, describeIssues } from './durable-json-file.js';
import { keepAside, nodeFileOps, readIfExists, replaceFileDurably, type FileOps } from './file-ops.js';
import { acquireLock, type LockTimes } from './file-lock.js';
import { encodeJournalLine, RECOVER_HINT } from './journal.js';
import { backupFileOf, freshLoad, journalFileOf, loadStoreFiles, lockFileOf, type LoadedStore } from './load-store.js';
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
  // A first start with DATA_FILE=/srv/desk/db.json: its folders are made, private (0700).
  for (const file of [dataFile, auditFile]) await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const lock = await acquireLock({ dataFile, lockFile: lockFileOf(dataFile), ...options.lock, onWait: (message) => log('warn', message) });
  lock.onLost((error) => log('error', `${error.message}; the store writes nothing more: stop this bot, check which one should run, restart it`));
  const opened: Array<{ close(): Promise<void> }> = [];
  try {
    await removeCrashLeftovers(dataFile);
    const loaded = (await loadStoreFiles({ dataFile, fs })) ?? (await createFromSeed(options, fs));
    const audit = await AuditLog.open({ file: auditFile, fs, setAside: async (torn) => void (await keepAside(fs, auditFile, torn)) });
    opened.push(audit);
    await reconcileAudit(loaded, audit, { dataFile, auditFile });

    const journalFile = journalFileOf(dataFile);
    if (loaded.journalTornTail) await keepAside(fs, journalFile, loaded.journalTornTail);
    let journalLength = loaded.journalLength;
    if (loaded.journalRewrite) await replaceFileDurably(fs, { file: journalFile, data: loaded.journalRewrite });
    else if (!loaded.journalHeader) {
      // No journal for this snapshot yet (new, or the old one was folded in): start one.
      const header = encodeJournalLine({ base: loaded.snapshot.lastHash!, auditSeq: audit.head.seq, auditHash: audit.head.hash });
      await replaceFileDurably(fs, { file: journalFile, data: header });
      journalLength = header.length;
    }
    const journal = await AppendOnlyFile.open(fs, journalFile, journalLength, { missingNewline: loaded.journalMissingNewline });
    opened.push(journal);
    return new LowdbStore({
      fs,
      low: loaded.low,
      snapshot: loaded.snapshot,
      state: loaded.state,
      journalFile,
      journal,
      journalBatches: loaded.journalBatches,
      journalBase: loaded.snapshot.lastHash!,
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
  // A new store holds no audit line yet: audit lines already in AUDIT_FILE are changes it lacks.
  // A seed that names its position (`store:migrate` from PostgreSQL wrote its audit file first) keeps it.
  const seed = options.seed();
  const parsed = OrgDocumentSchema.safeParse({ ...seed, position: seed.position ?? { auditSeq: 0, auditHash: GENESIS_HASH } });
  if (!parsed.success) throw new StoreLoadError(dataFile, `the seed document is invalid: ${describeIssues(parsed.error.issues)}`);
  const state = new OrgState(parsed.data, `${dataFile} (seed)`);
  const snapshot = new DurableJsonFile({ file: dataFile, fs, backupFile: backupFileOf(dataFile) });
  const low = new Low<OrgDocument>(snapshot, parsed.data);
  try {
    await low.write();
  } catch (error) {
    throw new StoreLoadError(dataFile, `cannot create it from the seed (${(error as Error).message})`);
  }
  return freshLoad(low, snapshot, state);
}

/**
 * The journal is written before the audit log (see writeDurably), so after a crash the
 * audit file can only lag: the lines it misses are in the journal and are appended here.
 * Everything else is damage, and the store does not open rather than lose or cut a line:
 * - audit lines past what the store holds (snapshot position + journal): a change whose
 *   audit line exists is missing (a damaged, emptied or lost journal);
 * - fewer lines than the store wrote: lines were removed from the audit file.
 * The audit file is never cut or rewritten here.
 */
async function reconcileAudit(loaded: LoadedStore, audit: AuditLog, files: { dataFile: string; auditFile: string }): Promise<void> {
  const { dataFile, auditFile } = files;
  const header = loaded.journalHeader;
  const journalLast = loaded.journalAudit.at(-1);
  // Where the store's own record ends: its journal, else the snapshot's position (unknown for an older snapshot).
  const base = header ? { seq: header.auditSeq, hash: header.auditHash } : loaded.position && { seq: loaded.position.auditSeq, hash: loaded.position.auditHash };
  const held = journalLast && base && journalLast.seq > base.seq ? journalLast.seq : base?.seq;
  if (held !== undefined && audit.head.seq > held) {
    throw new StoreLoadError(
      auditFile,
      `it holds audit lines ${held + 1}–${audit.head.seq} whose changes ${dataFile} and its journal do not hold (the journal was damaged, emptied or lost); ${RECOVER_HINT}`,
    );
  }
  if (base && audit.head.seq < base.seq) {
    throw new StoreLoadError(auditFile, `it ends at seq ${audit.head.seq}, but the store had written up to seq ${base.seq}: lines were removed (run npm run audit:verify); ${RECOVER_HINT}`);
  }
  const missing = loaded.journalAudit.filter((entry) => entry.seq > audit.head.seq);
  if (missing.length === 0) return;
  if (missing[0]!.seq !== audit.head.seq + 1 || missing[0]!.prevHash !== audit.head.hash) {
    throw new StoreLoadError(auditFile, `its last line (seq ${audit.head.seq}) does not chain to the journal's next entry (seq ${missing[0]!.seq}); ${RECOVER_HINT}`);
  }
  await audit.append(missing);
}
