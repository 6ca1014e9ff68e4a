// Verifying the audit chain: every line's hash, its link to the line before, and that the
// file reaches the last line the store wrote (the chain alone cannot show a removed tail).
import { createReadStream } from 'node:fs';
import { AuditEntrySchema, type AuditEntry } from '../domain/index.js';
import { GENESIS_HASH, hashEntry, safeJson, type AuditHead } from './audit-log.js';
import { canonicalJson } from './canonical-json.js';
import { describeIssues } from './durable-json-file.js';
import type { AuditVerdict } from './types.js';

export type { AuditVerdict } from './types.js';

export interface VerifyAuditOptions {
  /**
   * Where the store says the log ends. The hash chain alone cannot show that the last
   * lines were deleted; the store's own position can: lines up to it must be there,
   * the one with its seq carrying its hash.
   */
  storeHead?: AuditHead;
}

/** Check every line's hash and its link to the line before; name the first bad line. */
export async function verifyAuditFile(file: string, options: VerifyAuditOptions = {}): Promise<AuditVerdict> {
  const { storeHead } = options;
  let previous: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let lineNumber = 0;
  const stream = createReadStream(file);
  let pending = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending += chunk.toString('latin1');
    let newline: number;
    while ((newline = pending.indexOf('\n')) !== -1) {
      lineNumber += 1;
      const problem = checkLine(Buffer.from(pending.slice(0, newline), 'latin1').toString('utf8'), previous);
      if (typeof problem === 'string') return { ok: false, line: lineNumber, reason: problem };
      if (storeHead && problem.seq === storeHead.seq && problem.hash !== storeHead.hash) {
        return { ok: false, line: lineNumber, reason: `it is not the line the store wrote with seq ${storeHead.seq} (the file was replaced or rewritten)` };
      }
      previous = problem;
      pending = pending.slice(newline + 1);
    }
  }
  if (pending !== '') return { ok: false, line: lineNumber + 1, reason: 'incomplete last line (no newline): a crash during an append?' };
  if (storeHead && previous.seq < storeHead.seq) {
    return {
      ok: false,
      line: lineNumber + 1,
      reason: `the log ends at line ${lineNumber} but the store wrote up to seq ${storeHead.seq}: the last lines were removed`,
      removedTail: { endsAt: lineNumber, storeSeq: storeHead.seq },
    };
  }
  return { ok: true, lines: lineNumber };
}

/** One line against the one before: valid, canonical, its hash, its link and its seq. */
export function checkLine(line: string, previous: AuditHead): AuditHead | string {
  const raw = safeJson(line);
  if (raw === undefined) return 'not valid JSON';
  const parsed = AuditEntrySchema.safeParse(raw);
  if (!parsed.success) return `not an audit entry: ${describeIssues(parsed.error.issues)}`;
  const entry = parsed.data;
  if (line !== canonicalJson(raw)) return 'not in canonical form (the line was edited)';
  const { hash, ...unhashed } = raw as AuditEntry;
  if (hashEntry(unhashed) !== hash) return 'hash does not match the line content (the line was changed)';
  if (entry.prevHash !== previous.hash) return `prevHash does not match the hash of the line before (a line was deleted, inserted or moved)`;
  if (entry.seq !== previous.seq + 1) return `seq ${entry.seq} follows seq ${previous.seq} (a line was deleted or moved)`;
  return { seq: entry.seq, hash };
}
