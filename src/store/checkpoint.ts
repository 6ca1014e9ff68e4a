// What a background checkpoint works with (lowdb-store.ts checkpointIfDue): the state captured
// for the new snapshot, and the journal that replaces the old one once that snapshot is written.
import type { OrgDocument } from '../domain/index.js';
import type { AuditHead } from './audit-log.js';
import { encodeJournalLine } from './journal.js';
import type { OrgState } from './org-state.js';

/** After a failed journal swap, the next try waits this long: each try rewrites every carried line. */
export const SWAP_RETRY_MS = 1000;

/** A snapshot in the making: what it holds, and the journal lines appended since it was taken. */
export interface Capture {
  document: OrgDocument;
  carried: Buffer[];
  written: boolean;
}

/** The state now (copies of the record lists: records are replaced, never edited), and where it was taken. */
export function captureState(state: OrgState, head: AuditHead, journal: { base: string; offset: number }): Capture {
  const position = { auditSeq: head.seq, auditHash: head.hash, journal };
  return { document: { ...state.toDocument(), position }, carried: [], written: false };
}

/** The journal that follows the written snapshot: a header naming it, then the batches appended meanwhile. */
export function journalAfter(capture: Capture, snapshotHash: string): Buffer {
  const { position } = capture.document;
  return Buffer.concat([encodeJournalLine({ base: snapshotHash, auditSeq: position!.auditSeq, auditHash: position!.auditHash }), ...capture.carried]);
}
