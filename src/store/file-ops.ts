// Low-level file operations the store uses, behind an interface so tests can inject
// faults (disk full, I/O errors) without touching the real disk's behaviour.
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export interface FileHandleLike {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/** Mode of every file the store, the audit log and the exports create. */
export const PRIVATE_FILE_MODE = 0o600;

export interface FileOps {
  readFile(file: string): Promise<Buffer>;
  /** Node open flags: 'r', 'r+', 'w', 'wx', 'a+'… */
  open(file: string, flags: string): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** fsync a directory so a rename or create in it survives a power loss. */
  syncDir(dir: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
  readFile: (file) => fsp.readFile(file),
  // A file the store creates holds emails, roles and licenses: only its owner reads it, whatever the umask allows.
  open: (file, flags) => fsp.open(file, flags, PRIVATE_FILE_MODE),
  rename: (from, to) => fsp.rename(from, to),
  link: (existing, newPath) => fsp.link(existing, newPath),
  unlink: (file) => fsp.unlink(file),
  async syncDir(dir) {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** write() may write fewer bytes than asked; loop until all are written. */
export async function writeAll(handle: FileHandleLike, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

/**
 * Replace `file` with `data` so that after a crash it holds either the old or the
 * new bytes, never a mix: temp file, fsync, rename over, fsync the folder.
 * With `backup`, the previous file is kept under that name (a hard link, so no copy).
 */
/** Bytes to write, or a producer that hands them over in pieces (a large snapshot, written as it is serialized). */
export type FileContent = Uint8Array | ((append: (chunk: Uint8Array) => Promise<void>) => Promise<void>);

export async function replaceFileDurably(
  ops: FileOps,
  /**
   * syncEvery: fsync after this many bytes of a producer's data, so a last fsync of a large file
   * does not hold up other files' fsyncs. beforeRename: a last check (still the owner?); a throw keeps the old file.
   */
  options: { file: string; data: FileContent; backup?: string; syncEvery?: number; beforeRename?: () => Promise<void> },
): Promise<void> {
  const { file, data, backup } = options;
  const temp = `${file}.tmp-${process.pid}`;
  const handle = await ops.open(temp, 'w');
  try {
    try {
      if (typeof data === 'function') {
        let position = 0;
        let unsynced = 0;
        await data(async (chunk) => {
          await writeAll(handle, chunk, position);
          position += chunk.length;
          unsynced += chunk.length;
          if (options.syncEvery !== undefined && unsynced >= options.syncEvery) {
            unsynced = 0;
            await handle.sync();
          }
        });
      } else {
        await writeAll(handle, data, 0);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    if (backup) await keepBackup(ops, file, backup);
    await ops.rename(temp, file);
  } catch (error) {
    // Nothing replaced: the half-made temp file goes (a large snapshot's would fill the disk).
    await ops.unlink(temp).catch(() => undefined);
    throw error;
  }
  await ops.syncDir(path.dirname(file));
}

async function keepBackup(ops: FileOps, file: string, backup: string): Promise<void> {
  await ops.unlink(backup).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error;
  });
  await ops.link(file, backup).catch(async (error: unknown) => {
    if (isErrno(error, 'ENOENT')) return; // first snapshot: nothing to keep
    // File systems without hard links: fall back to a copy.
    const bytes = await ops.readFile(file);
    await replaceFileDurably(ops, { file: backup, data: bytes });
  });
}

/** Read a whole file, or undefined when it does not exist. */
export async function readIfExists(ops: FileOps, file: string): Promise<Buffer | undefined> {
  try {
    return await ops.readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Keep bytes the store is about to cut (an unfinished last append) in `<file>.torn-<time>`,
 * durably, so recovery never deletes evidence. Returns the name it wrote.
 */
export async function keepAside(ops: FileOps, file: string, bytes: Uint8Array, now = new Date()): Promise<string> {
  const aside = `${file}.torn-${now.toISOString().replace(/[:.]/g, '-')}`;
  await replaceFileDurably(ops, { file: aside, data: bytes });
  return aside;
}
