// lowdb adapter for the snapshot file. Unlike lowdb's JSONFile (steno), a write is
// durable when it resolves (temp file, fsync, rename, fsync of the folder), and a
// read refuses anything that is not a valid OrgDocument instead of ignoring it.
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { OrgDocumentSchema, type OrgDocument } from '../domain/index.js';
import { StoreLoadError } from './types.js';
import { readIfExists, replaceFileDurably, type FileOps } from './file-ops.js';
import { sha256Hex } from './canonical-json.js';

export class DurableJsonFile implements Adapter<OrgDocument> {
  /** sha256 of the bytes last read or written; the journal names the snapshot it follows by it. */
  lastHash: string | undefined;

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
    const document = parseOrgDocument(file, bytes);
    this.lastHash = sha256Hex(bytes);
    return document;
  }

  async write(data: OrgDocument): Promise<void> {
    const bytes = Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
    await replaceFileDurably(this.options.fs, { file: this.options.file, data: bytes, backup: this.options.backupFile });
    this.lastHash = sha256Hex(bytes);
  }
}

/** Parse and validate snapshot bytes; every problem becomes a StoreLoadError naming the file. */
export function parseOrgDocument(file: string, bytes: Buffer): OrgDocument {
  const text = bytes.toString('utf8');
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
