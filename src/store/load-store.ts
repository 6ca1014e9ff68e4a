// Loading: snapshot (validated), then the journal replayed on top. Used by openStore
// and by readers that must not take the lock (tests, tools checking what is on disk).
import { Low } from 'lowdb';
import type { AuditEntry, OrgDocument } from '../domain/index.js';
import { DurableJsonFile } from './durable-json-file.js';
import { nodeFileOps, readIfExists, type FileOps } from './file-ops.js';
import { encodeJournalLine, parseJournal, type JournalHeader, type ParsedJournal } from './journal.js';
import { sha256Hex } from './canonical-json.js';
import { OrgState } from './org-state.js';
import { applyMutation, PendingLayer } from './pending-changes.js';
import { StoreLoadError } from './types.js';

export const journalFileOf = (dataFile: string): string => `${dataFile}.journal`;
export const backupFileOf = (dataFile: string): string => `${dataFile}.bak`;
export const lockFileOf = (dataFile: string): string => `${dataFile}.lock`;

export interface LoadedStore {
  low: Low<OrgDocument>;
  snapshot: DurableJsonFile;
  state: OrgState;
  /** Header of a journal that continues this snapshot, or undefined (none, or stale). */
  journalHeader: JournalHeader | undefined;
  journalBatches: number;
  /** Valid bytes of the journal (a torn last line is past this). */
  journalLength: number;
  /** Audit entries carried by the replayed batches (to restore lines a crash kept from the audit file). */
  journalAudit: AuditEntry[];
  /** The journal's last good line lost only its newline. */
  journalMissingNewline: boolean;
  /** An unfinished last append of the journal (set aside before the next append). */
  journalTornTail: Buffer | undefined;
  /** The journal to write before appending (its batches carried over from the journal the snapshot was taken from). */
  journalRewrite: Buffer | undefined;
  /** The last audit line the snapshot holds (snapshots written before positions existed have none). */
  position: { auditSeq: number; auditHash: string } | undefined;
}

/**
 * Read snapshot + journal into memory. Never writes. Returns undefined when the data
 * file does not exist. Any problem is a StoreLoadError naming the file.
 */
export async function loadStoreFiles(options: { dataFile: string; fs?: FileOps }): Promise<LoadedStore | undefined> {
  const { dataFile } = options;
  const fs = options.fs ?? nodeFileOps;
  const snapshot = new DurableJsonFile({ file: dataFile, fs, backupFile: backupFileOf(dataFile) });
  const document = await snapshot.read();
  if (document === null) return undefined;
  const low = new Low<OrgDocument>(snapshot, document);
  const state = new OrgState(document, dataFile);

  const journalFile = journalFileOf(dataFile);
  const bytes = await readIfExists(fs, journalFile).catch((error: unknown) => {
    throw new StoreLoadError(journalFile, `cannot read it (${(error as Error).message})`);
  });
  const journal = bytes ? parseJournal(journalFile, bytes) : undefined;
  const loaded = freshLoad(low, snapshot, state);
  if (!journal?.header) return { ...loaded, journalTornTail: journal?.tornTail ?? (bytes?.length ? bytes : undefined) };
  if (journal.header.base === snapshot.lastHash) {
    loaded.journalHeader = journal.header;
    loaded.journalLength = journal.validLength;
    loaded.journalMissingNewline = journal.missingNewline;
    loaded.journalTornTail = journal.tornTail;
    replay(loaded, journalFile, journal.batches);
    return loaded;
  }
  const taken = document.position?.journal;
  if (taken?.base === journal.header.base) return carryOn(loaded, { journalFile, bytes: bytes!, journal, offset: taken.offset });
  await checkStaleJournal({ dataFile, journalFile, fs, journal, position: document.position });
  return loaded;
}

function replay(loaded: LoadedStore, journalFile: string, batches: ParsedJournal['batches']): void {
  for (const batch of batches) {
    const layer = new PendingLayer(loaded.state);
    try {
      for (const mutation of batch.mutations) applyMutation(layer, mutation);
    } catch (error) {
      throw new StoreLoadError(journalFile, `batch ${batch.batch} cannot be replayed: ${(error as Error).message}`);
    }
    loaded.state.apply(layer.changes);
    loaded.journalAudit.push(...batch.audit);
    loaded.journalBatches += 1;
  }
}

/**
 * The snapshot was taken while this journal was being written (a crash or a failed
 * write before the journal was swapped): the batches from `offset` on are not in it.
 * They are replayed, and openStore writes them under a header naming this snapshot.
 */
function carryOn(loaded: LoadedStore, from: { journalFile: string; bytes: Buffer; journal: ParsedJournal; offset: number }): LoadedStore {
  const { journal, offset } = from;
  const first = journal.batchStarts.findIndex((start) => start >= offset);
  const carried = first === -1 ? [] : journal.batches.slice(first);
  const position = loaded.position!;
  const header: JournalHeader = { base: loaded.snapshot.lastHash!, auditSeq: position.auditSeq, auditHash: position.auditHash };
  const rewrite = Buffer.concat([encodeJournalLine(header), first === -1 ? Buffer.alloc(0) : from.bytes.subarray(journal.batchStarts[first], journal.validLength)]);
  loaded.journalHeader = header;
  loaded.journalRewrite = rewrite;
  loaded.journalLength = rewrite.length;
  loaded.journalMissingNewline = carried.length > 0 && journal.missingNewline;
  loaded.journalTornTail = journal.tornTail;
  replay(loaded, from.journalFile, carried);
  return loaded;
}

/** A snapshot with no journal replayed (yet). */
export function freshLoad(low: Low<OrgDocument>, snapshot: DurableJsonFile, state: OrgState): LoadedStore {
  return {
    low,
    snapshot,
    state,
    journalHeader: undefined,
    journalBatches: 0,
    journalLength: 0,
    journalAudit: [],
    journalMissingNewline: false,
    journalTornTail: undefined,
    journalRewrite: undefined,
    position: low.data.position,
  };
}

/** The document as it is on disk now (snapshot + journal), without taking the lock. */
export async function readStoreDocument(options: { dataFile: string; fs?: FileOps }): Promise<OrgDocument> {
  const loaded = await loadStoreFiles(options);
  if (!loaded) throw new StoreLoadError(options.dataFile, 'the file does not exist');
  return loaded.state.toDocument();
}

/**
 * Where the audit log should end according to the files on disk (journal header plus
 * replayed batches), without taking the lock. Undefined when the files do not say:
 * no data file, or no journal continuing this snapshot (e.g. a checkpoint in progress).
 */
export async function readStoreAuditHead(options: { dataFile: string; fs?: FileOps }): Promise<{ seq: number; hash: string } | undefined> {
  const loaded = await loadStoreFiles(options);
  const header = loaded?.journalHeader;
  if (loaded && !header && loaded.position) return { seq: loaded.position.auditSeq, hash: loaded.position.auditHash };
  if (!loaded || !header) return undefined;
  const last = loaded.journalAudit.at(-1);
  return last && last.seq > header.auditSeq ? { seq: last.seq, hash: last.hash } : { seq: header.auditSeq, hash: header.auditHash };
}

/**
 * A journal naming another snapshot is normal after a crash during a checkpoint: it
 * names the previous snapshot (now the .bak) and is already folded in, which the .bak's
 * hash or the snapshot's position (its audit lines reach past the journal's) shows.
 * Anything else means the data file was replaced by hand; its batches would be lost silently.
 */
async function checkStaleJournal(options: { dataFile: string; journalFile: string; fs: FileOps; journal: ParsedJournal; position: LoadedStore['position'] }) {
  const { dataFile, journalFile, fs, journal, position } = options;
  const batches = journal.batches.length;
  if (batches === 0) return;
  const last = journal.batches.flatMap((b) => b.audit).at(-1) ?? { seq: journal.header!.auditSeq, hash: journal.header!.auditHash };
  if (position && (last.seq < position.auditSeq || (last.seq === position.auditSeq && last.hash === position.auditHash))) return;
  const backup = await readIfExists(fs, backupFileOf(dataFile)).catch(() => undefined);
  if (backup && sha256Hex(backup) === journal.header!.base) return;
  throw new StoreLoadError(
    journalFile,
    `it holds ${batches} saved change batch(es) made on top of another version of ${dataFile} (was the file replaced by hand?). ` +
      `To keep them, put that version back; to drop them, move ${journalFile} away`,
  );
}
