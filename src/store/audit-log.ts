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

  /**
   * Open for appending; reads only the tail to continue the chain. A last line that is a
   * whole entry without its newline is complete (the newline is written first next time);
   * an unfinished one (a crash mid-append, never acknowledged) is handed to `setAside`
   * before it is cut, so no byte of the file is lost.
   */
  static async open(options: { file: string; fs: FileOps; setAside?: (torn: Buffer) => Promise<void> }): Promise<AuditLog> {
    const { file, fs } = options;
    const tail = await readTail(fs, file);
    if (tail.tornTail && options.setAside) await options.setAside(tail.tornTail);
    const appender = await AppendOnlyFile.open(fs, file, tail.validLength, { missingNewline: tail.missingNewline });
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
    const lines = entries.map(encodeAuditLine);
    const bytes = Buffer.from(lines.join(''));
    await this.appender.append(bytes);
    const offset = this.appender.length - bytes.length; // after a newline the last line had lost, if any
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
    return { entries: await this.read(newestFirst), total: refs.length };
  }

  /** The line with this seq, if it is about a user (`undo <seq>`); undefined otherwise. */
  async entryAboutUser(seq: number): Promise<AuditEntry | undefined> {
    if (!this.historyIndex) this.historyIndex = await this.buildIndex();
    for (const refs of this.historyIndex.values()) {
      const ref = refs.find((r) => r.seq === seq);
      if (ref) return (await this.read([ref]))[0];
    }
    return undefined;
  }

  private async read(refs: ReadonlyArray<{ offset: number; length: number }>): Promise<AuditEntry[]> {
    const handle = await this.ops.open(this.file, 'r');
    try {
      const entries: AuditEntry[] = [];
      for (const ref of refs) {
        const buffer = Buffer.alloc(ref.length);
        await handle.read(buffer, 0, ref.length, ref.offset);
        entries.push(AuditEntrySchema.parse(JSON.parse(buffer.toString('utf8'))));
      }
      return entries;
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

/** Every entry of an audit file, in order (none when it does not exist); a line that is not an entry throws. */
export async function readAuditEntries(file: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const line of readLines(file)) {
    if (!line.trim()) continue;
    const parsed = AuditEntrySchema.safeParse(safeJson(line));
    if (!parsed.success) throw new StoreLoadError(file, `line ${entries.length + 1} is not an audit line: ${describeIssues(parsed.error.issues)}`);
    entries.push(parsed.data);
  }
  return entries;
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

interface Tail {
  head: AuditHead;
  validLength: number;
  missingNewline: boolean;
  tornTail: Buffer | undefined;
}

/** The last line's seq and hash and where the good bytes end; a whole entry missing only its newline counts. */
async function readTail(fs: FileOps, file: string): Promise<Tail> {
  const tail = await readLastNewlineTail(fs, file);
  if (!tail.tornTail) return tail;
  const whole = AuditEntrySchema.safeParse(safeJson(tail.tornTail.toString('utf8')));
  if (!whole.success) return tail;
  return { head: { seq: whole.data.seq, hash: whole.data.hash }, validLength: tail.validLength + tail.tornTail.length, missingNewline: true, tornTail: undefined };
}

/** The last newline-ended line and the bytes after it (if any). */
async function readLastNewlineTail(fs: FileOps, file: string): Promise<Tail> {
  const empty = (size: number, torn?: Buffer): Tail => ({ head: { seq: 0, hash: GENESIS_HASH }, validLength: 0, missingNewline: false, tornTail: size > 0 ? torn : undefined });
  let handle: FileHandleLike;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return empty(0);
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
      if (lastNewline === -1 && start === 0) return empty(size, buffer);
      if (lastNewline !== -1 && (previousNewline !== -1 || start === 0)) {
        const line = buffer.subarray(previousNewline + 1, lastNewline).toString('utf8');
        const parsed = AuditEntrySchema.safeParse(safeJson(line));
        if (!parsed.success) throw new StoreLoadError(file, 'the last complete line is not a valid audit entry (damaged; run npm run audit:verify); nothing was changed');
        const validLength = start + lastNewline + 1;
        return { head: { seq: parsed.data.seq, hash: parsed.data.hash }, validLength, missingNewline: false, tornTail: validLength < size ? buffer.subarray(lastNewline + 1) : undefined };
      }
      chunk *= 4;
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
