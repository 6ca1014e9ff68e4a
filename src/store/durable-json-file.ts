// lowdb adapter for the snapshot file. Unlike lowdb's JSONFile (steno), a write is
// durable when it resolves (temp file, fsync, rename, fsync of the folder), and a
// read refuses anything that is not a valid OrgDocument instead of ignoring it.
//
// Format: compact JSON (no indentation), written in slices so no single string holds
// the whole document and the event loop runs between slices (2,000,000 users work).
// Its last key, "storeChecksum", is the sha256 of every byte before it. A file whose
// checksum holds was written by the store from a validated state: it is read with
// JSON.parse alone. Anything else (a hand edit, a file from elsewhere, an older
// indented snapshot) goes through the full zod validation, as before.
import { createHash } from 'node:crypto';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { OrgDocumentSchema, type OrgDocument } from '../domain/index.js';
import { StoreLoadError } from './types.js';
import { readIfExists, replaceFileDurably, type FileOps } from './file-ops.js';
import { sha256Hex } from './canonical-json.js';

export class DurableJsonFile implements Adapter<OrgDocument> {
  /** sha256 of the bytes last read or written; the journal names the snapshot it follows by it. */
  lastHash: string | undefined;
  /** Asked after a write and before it replaces the file: a throw keeps the old one (the store: is the lock still ours?). */
  beforeReplace: (() => Promise<void>) | undefined;

  constructor(
    private readonly options: { file: string; fs: FileOps; backupFile?: string },
  ) {}

  /** The document, or null when the file does not exist. Throws StoreLoadError for anything unusable. */
  async read(): Promise<OrgDocument | null> {
    const { file, fs } = this.options;
    let bytes: Buffer | undefined;
    try {
      bytes = await readIfExists(fs, file);
    } catch (error) {
      throw new StoreLoadError(file, `cannot read it (${(error as Error).message})`);
    }
    if (bytes === undefined) return null;
    const { trusted, fileHash } = inspectSnapshot(bytes);
    const document = trusted ? parseStoreSnapshot(file, bytes) : validateOrgDocument(file, bytes.toString('utf8'));
    this.lastHash = fileHash;
    return document;
  }

  /**
   * Write `data` in slices (see the top of the file). The caller must not change the
   * arrays it passes until this resolves; the records in them are never mutated by
   * the store (replaced, not edited), so shallow copies taken at the call are enough.
   */
  async write(data: OrgDocument): Promise<void> {
    const hash = createHash('sha256');
    let fileHash = '';
    await replaceFileDurably(this.options.fs, {
      file: this.options.file,
      backup: this.options.backupFile,
      syncEvery: SYNC_EVERY,
      beforeRename: this.beforeReplace,
      data: async (append) => {
        for (const chunk of snapshotChunks(data)) {
          const bytes = Buffer.from(chunk);
          hash.update(bytes);
          await append(bytes); // the event loop runs while the chunk is written
        }
        const trailer = Buffer.from(`${TRAILER_START}${hash.copy().digest('hex')}${TRAILER_END}`);
        hash.update(trailer);
        await append(trailer);
        fileHash = hash.digest('hex');
      },
    });
    this.lastHash = fileHash;
  }
}

const CHECKSUM_KEY = 'storeChecksum';
const TRAILER_START = `,"${CHECKSUM_KEY}":"`;
const TRAILER_END = '"}\n';
const SYNC_EVERY = 16 << 20;
const TRAILER_LENGTH = TRAILER_START.length + 64 + TRAILER_END.length;
/** Records per JSON.stringify call (~100 users ≈ 30 KB, well under 1 ms). */
const SLICE_ITEMS = 100;
/**
 * Bytes gathered before one write (each write yields to the event loop). Small pieces and an
 * fsync every SYNC_EVERY bytes keep commits going meanwhile: at 300,000 users 256 KB pieces and
 * one fsync at the end held commits up to ~50 ms; these, under 20 ms (bench: compaction).
 */
const CHUNK_CHARS = 1 << 16;

/**
 * The document as JSON.stringify(doc) would write it (without the closing brace),
 * in pieces of about CHUNK_CHARS: each array is stringified SLICE_ITEMS records at a time.
 */
export function* snapshotChunks(document: OrgDocument): Generator<string> {
  let pending = '{';
  let first = true;
  for (const [key, value] of Object.entries(document) as Array<[string, unknown]>) {
    if (value === undefined || typeof value === 'function') continue; // as JSON.stringify
    pending += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(value) || value.length <= SLICE_ITEMS) {
      pending += JSON.stringify(value);
      continue;
    }
    // One slice a line (see parseStoreSnapshot): "[", then "\n" + records, "\n,"+ records…, "\n]".
    pending += '[';
    for (let at = 0; at < value.length; at += SLICE_ITEMS) {
      const slice = JSON.stringify(value.slice(at, at + SLICE_ITEMS));
      pending += `\n${at === 0 ? '' : ','}${slice.slice(1, -1)}`;
      if (pending.length >= CHUNK_CHARS) {
        yield asciiOnly(pending);
        pending = '';
      }
    }
    pending += '\n]';
  }
  yield asciiOnly(pending);
}

/**
 * Read a snapshot the store wrote (its checksum holds) without one string for the whole
 * file (V8 caps a string at ~512 MB, about 1.6M users): the writer put a line break only
 * around the slices of each large array (JSON.stringify escapes a line break inside a
 * string, so a raw one is always the writer's), so each slice line is parsed alone and the
 * other lines, joined, are the document with those arrays empty.
 */
function parseStoreSnapshot(file: string, bytes: Buffer): OrgDocument {
  try {
    const skeleton: string[] = [];
    const arrays = new Map<string, unknown[][]>();
    let pieces: unknown[][] | undefined;
    for (let start = 0; start < bytes.length; ) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline;
      const line = bytes.toString('latin1', start, end);
      start = end + 1;
      if (pieces && !line.startsWith(']')) {
        pieces.push(JSON.parse(`[${line.startsWith(',') ? line.slice(1) : line}]`) as unknown[]);
        continue;
      }
      pieces = undefined;
      skeleton.push(line);
      const opened = /"((?:[^"\\]|\\.)*)":\[$/.exec(line); // a large array's key, then its slices
      if (opened) arrays.set(JSON.parse(`"${opened[1]}"`) as string, (pieces = []));
    }
    const document = JSON.parse(skeleton.join('')) as Record<string, unknown>;
    delete document[CHECKSUM_KEY];
    for (const [key, slices] of arrays) document[key] = slices.flat();
    return document as OrgDocument;
  } catch (error) {
    // Only a bug in the writer can bring this here (the checksum holds).
    throw new StoreLoadError(file, `cannot parse it: ${(error as Error).message}`);
  }
}

/**
 * Non-ASCII characters as \u escapes (the same JSON value): the file is then ASCII, so
 * its text in memory takes one byte a character at load, not two for the whole file
 * because one name has an accent (~100 MB less at 300,000 users).
 */
function asciiOnly(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * In one pass over the bytes: whether the checksum a store-written snapshot ends with
 * holds (its bytes are what the store wrote), and the sha256 of the whole file.
 */
export function inspectSnapshot(bytes: Buffer): { trusted: boolean; fileHash: string } {
  const trailer = bytes.length > TRAILER_LENGTH ? bytes.subarray(bytes.length - TRAILER_LENGTH).toString('latin1') : '';
  const sum = trailer.slice(TRAILER_START.length, TRAILER_START.length + 64);
  if (!trailer.startsWith(TRAILER_START) || !trailer.endsWith(TRAILER_END) || !/^[0-9a-f]{64}$/.test(sum)) {
    return { trusted: false, fileHash: sha256Hex(bytes) };
  }
  const hash = createHash('sha256').update(bytes.subarray(0, bytes.length - TRAILER_LENGTH));
  const trusted = hash.copy().digest('hex') === sum;
  return { trusted, fileHash: hash.update(bytes.subarray(bytes.length - TRAILER_LENGTH)).digest('hex') };
}

export const hasStoreChecksum = (bytes: Buffer): boolean => inspectSnapshot(bytes).trusted;

/**
 * Parse snapshot bytes; every problem becomes a StoreLoadError naming the file. A file
 * with a valid store checksum is trusted (JSON.parse only); any other is validated in full.
 */
export function parseOrgDocument(file: string, bytes: Buffer): OrgDocument {
  return inspectSnapshot(bytes).trusted ? parseStoreSnapshot(file, bytes) : validateOrgDocument(file, bytes.toString('utf8'));
}

/** Parse and validate a document from outside the store (hand edit, older snapshot, another tool). */
function validateOrgDocument(file: string, text: string): OrgDocument {
  if (text.trim() === '') throw new StoreLoadError(file, 'the file is empty (expected an org document)');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreLoadError(file, `invalid JSON: ${(error as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `${typeof raw} ${JSON.stringify(raw)}`;
    throw new StoreLoadError(file, `expected an org document (a JSON object), got ${got}`);
  }
  // The checksum is the file's, not the document's: a hand edit may leave it in place.
  delete (raw as Record<string, unknown>)[CHECKSUM_KEY];
  const parsed = OrgDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new StoreLoadError(file, `wrong shape: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return shown.join('; ') + more;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
