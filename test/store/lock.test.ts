// The store's lock is a lease (proper-lockfile), not a pid check: it refuses a second
// opener in any PID namespace, a restart after SIGKILL takes it over once the lease has
// expired (even with the dead holder's pid), and a lost lease stops every write.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore, StoreLoadError, StoreWriteError } from '../../src/store/index.js';
import { auditFor, buildOrg, expireLockLease, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = path.join(ROOT, 'test/store/lock-child.ts');
const SHORT = { staleMs: 2000, updateMs: 1000 }; // proper-lockfile's minimum stale time is 2 s
const lockOf = (dataFile: string) => `${dataFile}.lock`;
const ownerOf = (dataFile: string) => JSON.parse(fs.readFileSync(path.join(lockOf(dataFile), 'owner.json'), 'utf8')) as { host: string; pid: number; startedAt: string };

async function refusal(open: Promise<unknown>): Promise<StoreLoadError> {
  const error = await open.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreLoadError);
  return error as StoreLoadError;
}

describe('the store lock, in one process', () => {
  it('refuses a second open naming host, pid and since, and opens again after close', async () => {
    const paths = tempStorePaths();
    const first = await openStore({ ...paths, seed: () => buildOrg(), lock: SHORT });
    const since = ownerOf(paths.dataFile).startedAt;
    const waits: string[] = [];
    const error = await refusal(openStore({ ...paths, lock: SHORT, log: (_level, message) => waits.push(message) }));
    expect(error.message).toContain(`already opened by host ${os.hostname()}, pid ${process.pid}, since ${since}`);
    expect(error.message).toContain('stop it first');
    expect(waits).toEqual([expect.stringContaining(`waiting for the lock of ${os.hostname()}/${process.pid} (last seen`)]);
    await first.close();
    expect(fs.existsSync(lockOf(paths.dataFile))).toBe(false); // release on close
    const second = await openStore({ ...paths, lock: SHORT });
    await second.close();
  });

  it('takes over an expired lease at once, even when the pid in it belongs to a live process', async () => {
    const paths = tempStorePaths();
    writeOrgFile(paths.dataFile, buildOrg());
    fs.mkdirSync(lockOf(paths.dataFile));
    fs.writeFileSync(path.join(lockOf(paths.dataFile), 'owner.json'), JSON.stringify({ host: 'old-container', pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z' }));
    expireLockLease(paths.dataFile);
    const started = Date.now();
    const store = await openStore({ ...paths, lock: SHORT });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(ownerOf(paths.dataFile)).toMatchObject({ host: os.hostname(), pid: process.pid });
    await store.close();
  });

  it('refuses the pid lock file of an older version, saying what to do', async () => {
    const paths = tempStorePaths();
    writeOrgFile(paths.dataFile, buildOrg());
    fs.writeFileSync(lockOf(paths.dataFile), '4242\n');
    const error = await refusal(openStore(paths));
    expect(error.problem).toMatch(/lock file of an older version of the bot \(pid 4242\); if no bot of that version runs on these files, delete it/);
  });

  it('stops writing once the lock is removed: the next commit rejects and nothing is written; the loss is logged; close leaves the new holder alone', async () => {
    const paths = tempStorePaths();
    const logged: Array<[string, string]> = [];
    const store = await openStore({ ...paths, seed: () => buildOrg(), lock: SHORT, log: (level, message) => logged.push([level, message]) });
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-1', expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }], audit: [auditFor('user-1')] });
    const files = [paths.dataFile, `${paths.dataFile}.journal`, paths.auditFile];
    const before = files.map((file) => fs.readFileSync(file));

    fs.rmSync(lockOf(paths.dataFile), { recursive: true });
    const commit = store.commit({ mutations: [{ type: 'user.assign', userId: 'user-2', expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }], audit: [auditFor('user-2')] });
    await expect(commit).rejects.toBeInstanceOf(StoreWriteError);
    await expect(commit).rejects.toThrow(/cannot write any more: lost the lock .*restart the bot/);
    expect(files.map((file) => fs.readFileSync(file))).toEqual(before);
    expect(store.user('user-2')?.rev).toBe(0);
    expect(logged).toEqual([['error', expect.stringMatching(/^lost the lock .*the store writes nothing more/)]]);

    const next = await openStore({ ...paths, lock: SHORT }); // the files are free: another bot takes them
    const nextOwner = ownerOf(paths.dataFile);
    await store.close(); // must not remove the new holder's lock, nor write a snapshot
    expect(ownerOf(paths.dataFile)).toEqual(nextOwner);
    expect(fs.readFileSync(paths.dataFile).equals(before[0]!)).toBe(true);
    await next.close();
  });

  it('notices a lease it cannot renew without a commit (the renewal timer), and logs it', async () => {
    const paths = tempStorePaths();
    const logged: string[] = [];
    const store = await openStore({ ...paths, seed: () => buildOrg(), lock: SHORT, log: (level, message) => logged.push(`${level} ${message}`) });
    fs.rmSync(lockOf(paths.dataFile), { recursive: true });
    for (let i = 0; i < 40 && logged.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logged).toEqual([expect.stringMatching(/^error lost the lock .*not renewed within 2 s/)]);
    await expect(store.audit([auditFor('user-1')])).rejects.toBeInstanceOf(StoreWriteError);
    await store.close();
  });
});

// ---- across processes and PID namespaces ----

const unshareOk = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  line(prefix: string): Promise<string>;
  exited: Promise<number | null>;
}

/** `node --import tsx lock-child.ts`, in a new PID namespace (it is pid 1 there) when asked. */
function startChild(paths: { dataFile: string; auditFile: string }, options: { namespace: boolean }): Child {
  const node = [process.execPath, '--import', 'tsx', CHILD, paths.dataFile, paths.auditFile];
  const [command, ...args] = options.namespace ? ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child', ...node] : node;
  const child = spawn(command!, args, { cwd: ROOT, env: { ...process.env, STORE_LOCK_STALE_MS: '2000', STORE_LOCK_UPDATE_MS: '1000' } });
  const lines: string[] = [];
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const parts = out.split('\n');
    out = parts.pop()!;
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = async (prefix: string): Promise<string> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = lines.find((l) => l.startsWith(prefix));
      if (found) return found;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no "${prefix}" line from the child: ${lines.join(' | ')} ${err}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  return { process: child, lines, line, exited };
}

describe.skipIf(!unshareOk)('the store lock across processes and PID namespaces', () => {
  it('a holder in its own PID namespace refuses a second bot in another; after SIGKILL a restart in a fresh one, with the same pid 1, starts once the lease expired', async () => {
    const paths = tempStorePaths();
    const holder = startChild(paths, { namespace: true });
    expect(await holder.line('ready ')).toBe('ready 1');
    const since = ownerOf(paths.dataFile).startedAt;

    const second = startChild(paths, { namespace: true }); // pid 1 as well
    expect(await second.line('refused ')).toContain(`already opened by host ${os.hostname()}, pid 1, since ${since}`);
    expect(await second.exited).toBe(2);

    holder.process.kill('SIGKILL'); // unshare dies, --kill-child SIGKILLs the bot
    await holder.exited;
    expect(fs.existsSync(lockOf(paths.dataFile))).toBe(true); // a SIGKILL leaves the lock behind
    const killedAt = Date.now();
    const restart = startChild(paths, { namespace: true });
    expect(await restart.line('wait ')).toMatch(new RegExp(`^wait waiting for the lock of ${os.hostname()}/1 \\(last seen \\d+ s ago\\) to expire`));
    expect(await restart.line('ready ')).toBe('ready 1');
    const waited = Date.now() - killedAt;
    console.info(`restart after SIGKILL (stale 2 s, renewed every 1 s): ready ${waited} ms after the kill`);
    expect(waited).toBeLessThan(8000);
    expect(ownerOf(paths.dataFile).startedAt > since).toBe(true);
    restart.process.kill('SIGKILL');
    await restart.exited;
  }, 40_000);

  it('a plain child holding the store refuses a second one in another PID namespace; SIGTERM releases the lock', async () => {
    const paths = tempStorePaths();
    const holder = startChild(paths, { namespace: false });
    const pid = Number((await holder.line('ready ')).split(' ')[1]);
    expect(pid).toBe(holder.process.pid);
    const second = startChild(paths, { namespace: true });
    expect(await second.line('refused ')).toContain(`already opened by host ${os.hostname()}, pid ${pid}, since `);
    expect(await second.exited).toBe(2);
    holder.process.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
    expect(fs.existsSync(lockOf(paths.dataFile))).toBe(false);
  }, 40_000);
});

if (!unshareOk) it.skip('the PID-namespace lock tests need `unshare --pid --fork --mount-proc` (root or user namespaces), which is not permitted here', () => undefined);
