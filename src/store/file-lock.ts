// One process per data file, whatever PID namespace, container or host it runs in: a
// lease, not a pid check. proper-lockfile takes `<data>.lock` with mkdir (atomic on any
// local or shared file system) and renews its mtime every `updateMs`; a lock whose mtime
// is older than `staleMs` belongs to a holder that died and is taken over. The folder
// holds owner.json {host, pid, startedAt} so a refusal can say who holds it and since when.
import fs, { promises as fsp } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { lock as takeLease } from 'proper-lockfile';
import { isErrno, PRIVATE_FILE_MODE } from './file-ops.js';
import { StoreLoadError } from './types.js';

export interface FileLock {
  /** Remove the lock (only if it is still ours). */
  release(): Promise<void>;
  /** Rejects when the lease was lost: the folder is gone or is another holder's. One stat. */
  check(): Promise<void>;
  /** Called once when the lease is lost while held (removed, taken over, not renewed in time). */
  onLost(listener: (error: Error) => void): void;
}

export interface LockTimes {
  /** A lock not renewed for this long is taken over (proper-lockfile's minimum is 2000). */
  staleMs?: number;
  /** How often the holder renews it (at most staleMs / 2, at least 1000). */
  updateMs?: number;
}

export interface LockOptions extends LockTimes {
  dataFile: string;
  lockFile: string;
  /** Told once when the opener waits for a lock whose holder may be dead. */
  onWait?: (message: string) => void;
}

export const DEFAULT_LOCK_STALE_MS = 10_000;
export const DEFAULT_LOCK_UPDATE_MS = 2_500;
const OWNER_FILE = 'owner.json';
const POLL_MS = 250;

interface Owner {
  host: string;
  pid: number;
  startedAt: string;
}

export async function acquireLock(options: LockOptions): Promise<FileLock> {
  const { dataFile, lockFile } = options;
  const staleMs = Math.max(options.staleMs ?? DEFAULT_LOCK_STALE_MS, 2000);
  const updateMs = Math.max(Math.min(options.updateMs ?? DEFAULT_LOCK_UPDATE_MS, staleMs / 2), 1000);
  await refuseOldLockFile(dataFile, lockFile);

  const owner: Owner = { host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  const lockFs = leaseFs(lockFile, owner, staleMs);
  let lost: Error | undefined;
  const listeners: Array<(error: Error) => void> = [];
  const markLost = (error: Error) => {
    if (lost) return;
    lost = error;
    for (const listener of listeners) listener(error);
  };

  const take = () =>
    takeLease(dataFile, {
      lockfilePath: lockFile,
      realpath: false, // the data file may not exist yet
      stale: staleMs,
      update: updateMs,
      fs: lockFs,
      onCompromised: (error) =>
        markLost(new Error(`lost the lock ${lockFile}: it was removed, taken over, or not renewed within ${staleMs / 1000} s (${error.message})`)),
    });

  let releaseLease: () => Promise<void>;
  let seen: { mtimeMs: number; owner: Owner | undefined } | undefined;
  const started = Date.now();
  for (;;) {
    try {
      releaseLease = await take();
      break;
    } catch (error) {
      if (!isErrno(error, 'ELOCKED')) throw new StoreLoadError(dataFile, `cannot take the lock ${lockFile}: ${(error as Error).message}`);
    }
    const holder = await readHolder(lockFile);
    if (!holder) continue; // released meanwhile: try again
    // A live holder renews its lease every updateMs: seeing it renewed means it is alive.
    if (seen && holder.mtimeMs !== seen.mtimeMs) throw refusal(dataFile, lockFile, holder);
    if (!seen) {
      seen = holder;
      const who = holder.owner ? `${holder.owner.host}/${holder.owner.pid}` : 'an unknown holder';
      options.onWait?.(`waiting for the lock of ${who} (last seen ${secondsAgo(holder.mtimeMs)} s ago) to expire (${lockFile}, taken over after ${staleMs / 1000} s)`);
    }
    if (Date.now() - started > staleMs + updateMs + 2000) throw refusal(dataFile, lockFile, holder);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  const own = await fsp.stat(lockFile);
  lockFs.ownIno = own.ino;
  return {
    async release() {
      if (lost) return; // the folder may be someone else's now
      await releaseLease().catch(() => undefined);
    },
    async check() {
      if (lost) throw lost;
      const now = await fsp.stat(lockFile).catch(() => undefined);
      if (now?.ino !== own.ino || now.dev !== own.dev) markLost(new Error(`lost the lock ${lockFile}: it was removed or another process took it`));
      if (lost) throw lost;
    },
    onLost(listener) {
      listeners.push(listener);
    },
  };
}

/** The pid lock file of an older version: it says nothing about whether its holder lives. */
async function refuseOldLockFile(dataFile: string, lockFile: string): Promise<void> {
  const stat = await fsp.lstat(lockFile).catch(() => undefined);
  if (!stat || stat.isDirectory()) return;
  const pid = (await fsp.readFile(lockFile, 'utf8').catch(() => '')).trim();
  throw new StoreLoadError(
    dataFile,
    `${lockFile} is the lock file of an older version of the bot (pid ${pid || 'unknown'}); if no bot of that version runs on these files, delete it and start again`,
  );
}

function refusal(dataFile: string, lockFile: string, holder: { mtimeMs: number; owner: Owner | undefined }): StoreLoadError {
  const who = holder.owner
    ? `already opened by host ${holder.owner.host}, pid ${holder.owner.pid}, since ${holder.owner.startedAt}`
    : 'already opened by another process (its owner record is not written yet)';
  return new StoreLoadError(dataFile, `${who}; it renewed its lock ${secondsAgo(holder.mtimeMs)} s ago: stop it first (lock ${lockFile})`);
}

async function readHolder(lockFile: string): Promise<{ mtimeMs: number; owner: Owner | undefined } | undefined> {
  const stat = await fsp.stat(lockFile).catch(() => undefined);
  if (!stat) return undefined;
  try {
    const owner = JSON.parse(await fsp.readFile(path.join(lockFile, OWNER_FILE), 'utf8')) as Owner;
    return { mtimeMs: stat.mtimeMs, owner: typeof owner.host === 'string' && Number.isInteger(owner.pid) ? owner : undefined };
  } catch {
    return { mtimeMs: stat.mtimeMs, owner: undefined };
  }
}

const secondsAgo = (mtimeMs: number) => Math.max(0, Math.round((Date.now() - mtimeMs) / 1000));

type Callback = (error: NodeJS.ErrnoException | null) => void;

/**
 * The file system proper-lockfile uses, with three changes: the lock folder is created
 * 0700 with its owner record inside before the library stamps its mtime (writing it later
 * would change the mtime and look like a takeover); our own folder is removed only while
 * it is still ours; a stale folder is renamed aside before it is removed and put back if it
 * turns out fresh, so two openers racing for one stale lock cannot both win.
 */
function leaseFs(lockFile: string, owner: Owner, staleMs: number) {
  const ownerFile = path.join(lockFile, OWNER_FILE);
  const done = (callback: Callback, work: Promise<unknown>) => {
    work.then(
      () => callback(null),
      (error: NodeJS.ErrnoException) => callback(error),
    );
  };
  const api = {
    ...fs,
    ownIno: undefined as number | undefined,
    mkdir(dir: string, callback: Callback) {
      done(
        callback,
        (async () => {
          await fsp.mkdir(dir, { mode: 0o700 });
          try {
            await fsp.writeFile(ownerFile, `${JSON.stringify(owner)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
          } catch (error) {
            await fsp.rm(dir, { recursive: true, force: true });
            throw error;
          }
        })(),
      );
    },
    rmdir(dir: string, callback: Callback) {
      done(callback, api.ownIno === undefined ? removeStale(dir, staleMs) : removeOwn(dir, api.ownIno));
    },
    // proper-lockfile's exit handler (signal-exit) removes held locks synchronously.
    rmdirSync(dir: string) {
      const stat = fs.statSync(dir, { throwIfNoEntry: false });
      if (!stat || stat.ino !== api.ownIno) return;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return api;
}

async function removeOwn(dir: string, ino: number): Promise<void> {
  const stat = await fsp.stat(dir).catch(() => undefined);
  if (stat?.ino !== ino) return;
  await fsp.rm(dir, { recursive: true, force: true });
}

async function removeStale(dir: string, staleMs: number): Promise<void> {
  const aside = `${dir}.stale-${randomUUID().slice(0, 8)}`;
  try {
    await fsp.rename(dir, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return; // another opener moved it first
    throw error;
  }
  const stat = await fsp.stat(aside);
  if (stat.mtimeMs >= Date.now() - staleMs) {
    // Another opener took it between our look and the rename: give it back.
    await fsp.rename(aside, dir);
    throw Object.assign(new Error('Lock file is already being held'), { code: 'ELOCKED' });
  }
  await fsp.rm(aside, { recursive: true, force: true });
}
