// An append-only file written at known offsets: `length` is the durable, valid end.
// A failed or torn append is cut off (truncate back to `length`) before the next one,
// so a half-written line never sits between two good ones.
import path from 'node:path';
import { writeAll, type FileHandleLike, type FileOps } from './file-ops.js';

export class AppendOnlyFile {
  private constructor(
    private handle: FileHandleLike,
    /** Bytes that are valid and durable. */
    public length: number,
    /** True when the file may hold bytes past `length` (torn tail, failed append). */
    private dirty: boolean,
    /** The last good line lacks its newline (only it was lost in a crash): the next append writes it first. */
    private newlineFirst = false,
  ) {}

  /**
   * Open (creating if missing) with `validLength` good bytes; anything after them is cut on
   * the next append (the caller sets aside what it wants to keep first).
   */
  static async open(ops: FileOps, file: string, validLength: number, options: { missingNewline?: boolean } = {}): Promise<AppendOnlyFile> {
    const handle = await ops.open(file, 'a+').then(async (h) => {
      await h.close(); // 'a+' only to create; positioned writes need 'r+'
      return ops.open(file, 'r+');
    });
    // The file may have just been created: make its name durable too.
    await ops.syncDir(path.dirname(file));
    const { size } = await handle.stat();
    return new AppendOnlyFile(handle, validLength, size !== validLength, options.missingNewline ?? false);
  }

  /** Cut anything after the valid end now (crash recovery). */
  async trimTail(): Promise<void> {
    if (!this.dirty) return;
    await this.handle.truncate(this.length);
    this.dirty = false;
    // If this fsync fails (the disk that just failed an append), the next append's fsync
    // makes the cut durable before anything after it is acknowledged.
    await this.handle.sync().catch(() => undefined);
  }

  /** Append and fsync. On failure the file is (best effort) cut back and `length` is unchanged. */
  async append(data: Uint8Array): Promise<void> {
    const bytes = this.newlineFirst ? Buffer.concat([Buffer.from('\n'), data]) : data;
    try {
      await this.trimTail();
      this.dirty = true;
      await writeAll(this.handle, bytes, this.length);
      await this.handle.sync();
      this.length += bytes.length;
      this.dirty = false;
      this.newlineFirst = false;
    } catch (error) {
      await this.trimTail().catch(() => undefined);
      throw error;
    }
  }

  /** Undo the last append(s) back to `length` (another file of the same batch failed). */
  async rollbackTo(length: number): Promise<void> {
    this.length = length;
    this.dirty = true;
    await this.trimTail();
  }

  async replaceHandle(ops: FileOps, file: string, length: number): Promise<void> {
    await this.handle.close().catch(() => undefined);
    this.handle = await ops.open(file, 'r+');
    this.length = length;
    this.dirty = (await this.handle.stat()).size !== length;
    this.newlineFirst = false;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
