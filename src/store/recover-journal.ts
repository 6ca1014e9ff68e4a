// The journal read for recovery: every good line, damaged ones skipped and named (a load
// refuses them; a rebuild wants whatever can still be read).
import { nodeFileOps, readIfExists } from './file-ops.js';
import { decodeLine, type JournalBatch, type JournalHeader } from './journal.js';

export interface LenientJournal {
  header: JournalHeader | undefined;
  batches: JournalBatch[];
  damagedLines: number[];
}

export async function readJournalLeniently(file: string): Promise<LenientJournal> {
  const bytes = (await readIfExists(nodeFileOps, file)) ?? Buffer.alloc(0);
  const result: LenientJournal = { header: undefined, batches: [], damagedLines: [] };
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line === '') return;
      const record = decodeLine(line);
      if (index === 0 && typeof record?.base === 'string') result.header = record as unknown as JournalHeader;
      else if (index > 0 && Array.isArray(record?.mutations) && Array.isArray(record?.audit)) result.batches.push(record as unknown as JournalBatch);
      else result.damagedLines.push(index + 1);
    });
  return result;
}
