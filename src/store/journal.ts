// The journal beside the snapshot: one checksummed JSON line per flushed batch of
// commits. The first line names the snapshot it follows (sha256 of its bytes), so a
// journal that was already folded into a newer snapshot is never replayed twice.
import type { AuditEntry } from '../domain/index.js';
import { sha256Hex } from './canonical-json.js';
import { StoreLoadError, type Mutation } from './types.js';

export interface JournalHeader {
  /** sha256 of the snapshot file this journal continues. */
  base: string;
  /** The audit log's last line when the snapshot was written: lines up to it must exist. */
  auditSeq: number;
  auditHash: string;
}

export interface JournalBatch {
  batch: number;
  mutations: Mutation[];
  audit: AuditEntry[];
}

export interface ParsedJournal {
  header: JournalHeader | undefined;
  batches: JournalBatch[];
  /** Byte offset where each batch's line starts. */
  batchStarts: number[];
  /** Bytes up to the end of the last good line. */
  validLength: number;
  /** The last line is complete and good but its newline never made it: the next append writes it first. */
  missingNewline: boolean;
  /** Bytes of an unfinished last append (a crash), past validLength: kept aside before anything is appended. */
  tornTail: Buffer | undefined;
}

/** What to tell an operator whose store will not open (README "Data and durability"). */
export const RECOVER_HINT = 'nothing was changed; `npm run store:recover` shows what it can restore (and keeps every file)';

// A line is {"sum":"<sha256 of the data JSON>","data":<data JSON>}: the checksum covers
// the exact bytes, so checking it needs no re-serialisation.
const LINE_START = '{"sum":"';
const DATA_START = '","data":';
const DATA_OFFSET = LINE_START.length + 64 + DATA_START.length;

export function encodeJournalLine(record: JournalHeader | JournalBatch): Buffer {
  const data = JSON.stringify(record);
  return Buffer.from(`${LINE_START}${sha256Hex(data)}${DATA_START}${data}}\n`);
}

/** One line's record, or undefined when its JSON or checksum is bad. */
export function decodeLine(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith(LINE_START) || text.slice(LINE_START.length + 64, DATA_OFFSET) !== DATA_START || !text.endsWith('}')) {
    return undefined;
  }
  const data = text.slice(DATA_OFFSET, -1);
  if (sha256Hex(data) !== text.slice(LINE_START.length, LINE_START.length + 64)) return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Read journal bytes. Only an unfinished last append can be a crash: a last line without
 * its newline. If it is whole and its checksum good, it is a complete line (only the
 * newline was lost); else it was never acknowledged and is set aside (tornTail). A line
 * that ends in a newline but fails its checksum is damage, wherever it is: a load error.
 */
export function parseJournal(file: string, bytes: Buffer): ParsedJournal {
  const result: ParsedJournal = { header: undefined, batches: [], batchStarts: [], validLength: 0, missingNewline: false, tornTail: undefined };
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    lineNumber += 1;
    const record = decodeLine(bytes.subarray(start, end).toString('utf8'));
    if (!record) {
      if (newline === -1) {
        result.tornTail = bytes.subarray(start);
        break;
      }
      const where = newline === bytes.length - 1 ? `line ${lineNumber}, the last, is damaged (bad JSON or checksum, yet it ends in a newline: not a torn write)` : `line ${lineNumber} is damaged (bad JSON or checksum) and later lines follow`;
      throw new StoreLoadError(file, `${where}; a change it held may be lost; ${RECOVER_HINT}`);
    }
    if (lineNumber === 1) {
      if (typeof record.base !== 'string') throw new StoreLoadError(file, 'line 1 is not a journal header');
      result.header = record as unknown as JournalHeader;
    } else {
      if (!Array.isArray(record.mutations) || !Array.isArray(record.audit)) {
        throw new StoreLoadError(file, `line ${lineNumber} is not a journal batch`);
      }
      result.batches.push(record as unknown as JournalBatch);
      result.batchStarts.push(start);
    }
    if (newline === -1) {
      result.missingNewline = true;
      result.validLength = bytes.length;
      break;
    }
    start = newline + 1;
    result.validLength = start;
  }
  return result;
}
