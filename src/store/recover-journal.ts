// The journal read for recovery: every good line, damaged ones skipped and named (a load
// refuses them; a rebuild wants whatever can still be read).
import { nodeFileOps, readIfExists } from './file-ops.js';
import { decodeLine, type JournalBatch, type JournalHeader } from './journal.js';

export interface LenientJournal {
  header: JournalHeader | undefined;
  batches: JournalBatch[];
  /** Byte offset where each batch's line starts. */
  batchStarts: number[];
  damagedLines: number[];
}

export async function readJournalLeniently(file: string): Promise<LenientJournal> {
  const bytes = (await readIfExists(nodeFileOps, file)) ?? Buffer.alloc(0);
  const result: LenientJournal = { header: undefined, batches: [], batchStarts: [], damagedLines: [] };
  for (let start = 0, index = 0; start < bytes.length; index += 1) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.toString('utf8', start, end);
    if (line !== '') {
      const record = decodeLine(line);
      if (index === 0 && typeof record?.base === 'string') result.header = record as unknown as JournalHeader;
      else if (index > 0 && Array.isArray(record?.mutations) && Array.isArray(record?.audit)) {
        result.batches.push(record as unknown as JournalBatch);
        result.batchStarts.push(start);
      } else result.damagedLines.push(index + 1);
    }
    start = end + 1;
  }
  return result;
}
