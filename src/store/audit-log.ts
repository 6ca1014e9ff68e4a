// The append-only audit log: one JSON object a line, each carrying the hash of the
// line before, so changing, deleting or reordering a line is detected (audit-verify.ts).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AuditEntrySchema, AuditInputSchema, type AuditEntry, type AuditInput } from '../domain/index.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { AppendOnlyFile } from './append-only-file.js';
import { describeIssues } from './durable-json-file.js';
import { isErrno, type FileHandleLike, type FileOps } from './file-ops.js';
import { InvalidCommitError, StoreLoadError } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHead {
  seq: number;
  hash: string;
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(entry.prevHash + canonicalJson(entry));
}

export function encodeAuditLine(entry: AuditEntry): string {
  return `${canonicalJson(entry)}\n`;
}

/** Turn callers' inputs into chained entries after `head`. Pure: nothing is written. */
export function chainEntries(inputs: readonly AuditInput[], head: AuditHead, time: string): { entries: AuditEntry[]; head: AuditHead } {
  const entries: AuditEntry[] = [];
  let current = head;
  for (const input of inputs) {
    const parsed = AuditInputSchema.safeParse(input);
    if (!parsed.success) throw new InvalidCommitError(`invalid audit entry: ${describeIssues(parsed.error.issues)}`);
    const unhashed = { ...parsed.data, seq: current.seq + 1, time, prevHash: current.hash };
    const entry = { ...unhashed, hash: hashEntry(unhashed) };
    entries.push(entry);
    current = { seq: entry.seq, hash: entry.hash };
  }
  return { entries, head: current };
}

export class AuditLog {
  private historyIndex: Map<string, Array<{ offset: number; length: number; seq: number }>> | undefined;

  private constructor(
    private readonly file: string,
    private readonly ops: FileOps,
    private readonly appender: AppendOnlyFile,
    public head: AuditHead,
  ) {}

  /** Open for appending; reads only the tail to continue the chain. An incomplete last line is cut off. */
  static async open(options: { file: string; fs: FileOps }): Promise<AuditLog> {
    const { file, fs } = options;
    const tail = await readTail(fs, file);
    const appender = await AppendOnlyFile.open(fs, file, tail.validLength);
    return new AuditLog(file, fs, appender, tail.head);
  }

  get length(): number {
    return this.appender.length;
  }

  /** Cut a torn last line left by a crash (it was never acknowledged). */
  async trimTail(): Promise<void> {
    await this.appender.trimTail();
  }

  /** Append entries made by chainEntries and fsync; the head moves only on success. */
  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const first = entries[0]!;
    if (first.seq !== this.head.seq + 1 || first.prevHash !== this.head.hash) {
      throw new Error(`audit entries start at seq ${first.seq}, the log is at ${this.head.seq}`);
    }
    const offset = this.appender.length;
    const lines = entries.map(encodeAuditLine);
    await this.appender.append(Buffer.from(lines.join('')));
    const last = entries[entries.length - 1]!;
    this.head = { seq: last.seq, hash: last.hash };
    if (this.historyIndex) {
      let at = offset;
      entries.forEach((entry, index) => {
        const length = Buffer.byteLength(lines[index]!);
        if (entry.targetUserId) addToIndex(this.historyIndex!, entry.targetUserId, { offset: at, length, seq: entry.seq });
        at += length;
      });
    }
  }

  /**
   * Cut the lines after `seq`: they belong to a batch whose journal line never became
   * durable (a crash between the two parallel appends), so that change never happened.
   */
  async truncateAfter(seq: number): Promise<void> {
    if (seq >= this.head.seq) return;
    const found = await locateLineEnd(this.ops, this.file, this.appender.length, seq);
    await this.appender.rollbackTo(found.length);
    this.head = found.head;
    this.historyIndex = undefined;
  }

  /** Undo an append whose batch failed elsewhere. */
  async rollbackTo(length: number, head: AuditHead): Promise<void> {
    await this.appender.rollbackTo(length);
    this.head = head;
    this.historyIndex = undefined; // rebuilt on next use
  }

  /** Entries about one user, newest first. The index is built on first use, then kept up to date. */
  async history(userId: string, options: { offset: number; limit: number }): Promise<{ entries: AuditEntry[]; total: number }> {
    if (!this.historyIndex) this.historyIndex = await this.buildIndex();
    const refs = this.historyIndex.get(userId) ?? [];
    const newestFirst = refs.slice().reverse().slice(options.offset, options.offset + options.limit);
    const handle = await this.ops.open(this.file, 'r');
    try {
      const entries: AuditEntry[] = [];
      for (const ref of newestFirst) {
        const buffer = Buffer.alloc(ref.length);
        await handle.read(buffer, 0, ref.length, ref.offset);
        entries.push(AuditEntrySchema.parse(JSON.parse(buffer.toString('utf8'))));
      }
      return { entries, total: refs.length };
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    await this.appender.close();
  }

  /** Build from the file; if lines were appended meanwhile (they skipped the missing index), read again. */
  private async buildIndex(): Promise<HistoryIndex> {
    for (;;) {
      const length = this.appender.length;
      const index = await buildHistoryIndex(this.file, length);
      if (this.appender.length === length) return index;
    }
  }
}

type HistoryIndex = Map<string, Array<{ offset: number; length: number; seq: number }>>;

function addToIndex(
  index: Map<string, Array<{ offset: number; length: number; seq: number }>>,
  userId: string,
  ref: { offset: number; length: number; seq: number },
): void {
  const list = index.get(userId);
  if (list) list.push(ref);
  else index.set(userId, [ref]);
}

async function buildHistoryIndex(file: string, validLength: number) {
  const index = new Map<string, Array<{ offset: number; length: number; seq: number }>>();
  let offset = 0;
  for await (const line of readLines(file)) {
    const length = Buffer.byteLength(line) + 1;
    if (offset + length > validLength) break;
    const entry = JSON.parse(line) as Partial<AuditEntry>;
    if (entry.targetUserId && typeof entry.seq === 'number') addToIndex(index, entry.targetUserId, { offset, length, seq: entry.seq });
    offset += length;
  }
  return index;
}

async function* readLines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  try {
    yield* createInterface({ input: stream, crlfDelay: Infinity });
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  } finally {
    stream.destroy();
  }
}

/** The last complete line's seq and hash, and where the good bytes end. */
async function readTail(fs: FileOps, file: string): Promise<{ head: AuditHead; validLength: number }> {
  let handle: FileHandleLike;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { head: { seq: 0, hash: GENESIS_HASH }, validLength: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    let chunk = 64 * 1024;
    for (;;) {
      const start = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lastNewline = buffer.lastIndexOf(0x0a);
      const previousNewline = lastNewline <= 0 ? -1 : buffer.lastIndexOf(0x0a, lastNewline - 1);
      if (lastNewline === -1 && start === 0) return { head: { seq: 0, hash: GENESIS_HASH }, validLength: 0 };
      if (lastNewline !== -1 && (previousNewline !== -1 || start === 0)) {
        const line = buffer.subarray(previousNewline + 1, lastNewline).toString('utf8');
        const parsed = AuditEntrySchema.safeParse(safeJson(line));
        if (!parsed.success) throw new StoreLoadError(file, 'the last complete line is not a valid audit entry (run npm run audit:verify)');
        return { head: { seq: parsed.data.seq, hash: parsed.data.hash }, validLength: start + lastNewline + 1 };
      }
      chunk *= 4;
    }
  } finally {
    await handle.close();
  }
}

/** Where the line with `seq` ends (reading backwards from `end`, a line end). */
async function locateLineEnd(fs: FileOps, file: string, end: number, seq: number): Promise<{ head: AuditHead; length: number }> {
  if (seq === 0) return { head: { seq: 0, hash: GENESIS_HASH }, length: 0 };
  const handle = await fs.open(file, 'r');
  try {
    for (let chunk = 64 * 1024; ; chunk *= 4) {
      const start = Math.max(0, end - chunk);
      const buffer = Buffer.alloc(end - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n');
      let lineEnd = end;
      let passed = false; // a bad line or a lower seq: the wanted line is not there
      // lines[0] may be cut by the chunk start, so it is read only from the file's start.
      for (let at = lines.length - 2; at >= (start === 0 ? 0 : 1) && !passed; at--) {
        const entry = AuditEntrySchema.safeParse(safeJson(lines[at]!));
        if (entry.success && entry.data.seq === seq) return { head: { seq, hash: entry.data.hash }, length: lineEnd };
        passed = !entry.success || entry.data.seq < seq;
        lineEnd -= Buffer.byteLength(lines[at]!) + 1;
      }
      if (passed || start === 0) {
        throw new StoreLoadError(file, `no intact line with seq ${seq} near its end (run npm run audit:verify)`);
      }
    }
  } finally {
    await handle.close();
  }
}

/** The parsed line, or undefined when it is not JSON. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
