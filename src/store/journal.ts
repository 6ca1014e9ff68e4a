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
  /** Bytes up to the end of the last good line. */
  validLength: number;
}

// A line is {"sum":"<sha256 of the data JSON>","data":<data JSON>}: the checksum covers
// the exact bytes, so checking it needs no re-serialisation.
const LINE_START = '{"sum":"';
const DATA_START = '","data":';
const DATA_OFFSET = LINE_START.length + 64 + DATA_START.length;

export function encodeJournalLine(record: JournalHeader | JournalBatch): Buffer {
  const data = JSON.stringify(record);
  return Buffer.from(`${LINE_START}${sha256Hex(data)}${DATA_START}${data}}\n`);
}

function decodeLine(text: string): Record<string, unknown> | undefined {
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
 * Read journal bytes. A bad or incomplete last line is a crash during an append that
 * was never acknowledged: it is left out. A bad line before a good one is a load error.
 */
export function parseJournal(file: string, bytes: Buffer): ParsedJournal {
  const result: ParsedJournal = { header: undefined, batches: [], validLength: 0 };
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    lineNumber += 1;
    const isLast = end === -1 || end === bytes.length - 1;
    const record = end === -1 ? undefined : decodeLine(bytes.subarray(start, end).toString('utf8'));
    if (!record) {
      if (isLast) break; // torn tail
      throw new StoreLoadError(file, `line ${lineNumber} is damaged (bad JSON or checksum) and later lines follow`);
    }
    if (lineNumber === 1) {
      if (typeof record.base !== 'string') throw new StoreLoadError(file, 'line 1 is not a journal header');
      result.header = record as unknown as JournalHeader;
    } else {
      if (!Array.isArray(record.mutations) || !Array.isArray(record.audit)) {
        throw new StoreLoadError(file, `line ${lineNumber} is not a journal batch`);
      }
      result.batches.push(record as unknown as JournalBatch);
    }
    start = end! + 1;
    result.validLength = start;
  }
  return result;
}
