// One process per data file: a lock file holding the owner's pid. It is created
// complete (written to a temp file, then hard-linked into place, which fails if the
// lock exists), so nobody ever sees a lock without a pid. A dead owner's lock is taken over.
import { promises as fsp } from 'node:fs';
import { isErrno, PRIVATE_FILE_MODE } from './file-ops.js';
import { StoreLoadError } from './types.js';

export interface FileLock {
  release(): Promise<void>;
}

export async function acquireLock(options: { dataFile: string; lockFile: string }): Promise<FileLock> {
  const { dataFile, lockFile } = options;
  const temp = `${lockFile}.${process.pid}.tmp`;
  await fsp.writeFile(temp, `${process.pid}\n`, { mode: PRIVATE_FILE_MODE });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await fsp.link(temp, lockFile);
        return { release: () => fsp.unlink(lockFile).catch(() => undefined) };
      } catch (error) {
        if (!isErrno(error, 'EEXIST')) throw error;
      }
      const owner = await readOwner(lockFile);
      if (owner !== undefined && isAlive(owner)) {
        throw new StoreLoadError(dataFile, `already opened by process ${owner}; stop it first (lock file ${lockFile})`);
      }
      // Stale lock: its owner is gone. Remove it and try again (a racing opener may win).
      await fsp.unlink(lockFile).catch(() => undefined);
    }
    throw new StoreLoadError(dataFile, `another process keeps taking the lock ${lockFile}; stop it first`);
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
  }
}

async function readOwner(lockFile: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await fsp.readFile(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM'); // exists, owned by someone else
  }
}
