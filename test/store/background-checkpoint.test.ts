// Issue 13: compaction off the hot path. A snapshot is written while commits go on: they
// are acknowledged from the journal without waiting for it, the journal is then swapped for
// one naming the new snapshot and carrying them, and a crash or a failure at any point of
// that keeps every acknowledged change.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileOps, openStore, readStoreDocument, verifyAuditFile, type FileOps, type Store } from '../../src/store/index.js';
import { planRecovery } from '../../src/store/recover.js';
import { auditFor, buildOrg, filesAfterCrash, tempStorePaths, type StorePaths } from '../helpers/store-fixtures.js';

const journalOf = (p: StorePaths) => `${p.dataFile}.journal`;
const journalLines = (p: StorePaths) => fs.readFileSync(journalOf(p), 'utf8').trim().split('\n');
const assign = (userId: string, rev: number) => ({
  mutations: [{ type: 'user.assign' as const, userId, expectedRev: rev, licenseIds: ['lic-ucm'], attendeeOf: [] }],
  audit: [auditFor(userId, `assign ${userId}`)],
});

/** File operations whose snapshot writes wait until `release()` (a large snapshot being written). */
function slowSnapshotDisk() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let waiting = false;
  let armed = false;
  const ops: FileOps = {
    ...nodeFileOps,
    async open(file, flags) {
      const handle = await nodeFileOps.open(file, flags);
      if (!armed || !/db\.json\.tmp-/.test(file)) return handle;
      return Object.assign(Object.create(handle) as typeof handle, {
        write: async (...args: Parameters<typeof handle.write>) => {
          waiting = true;
          await gate;
          return handle.write(...args);
        },
        read: handle.read.bind(handle),
        sync: handle.sync.bind(handle),
        truncate: handle.truncate.bind(handle),
        stat: handle.stat.bind(handle),
        close: handle.close.bind(handle),
      });
    },
  };
  return { ops, release, arm: () => (armed = true), isWaiting: () => waiting };
}

const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close().catch(() => undefined)));
});

describe('a snapshot written in the background', () => {
  it('commits made while it is written are acknowledged without waiting; then the journal names it and carries them', async () => {
    const paths = tempStorePaths('checkpoint-');
    const disk = slowSnapshotDisk();
    const store = await openStore({ ...paths, seed: () => buildOrg(), fs: disk.ops, checkpointEvery: 2 });
    open.push(store);
    disk.arm();
    const seedSnapshot = fs.readFileSync(paths.dataFile);
    await store.commit(assign('user-0', 0));
    await store.commit(assign('user-1', 0)); // the second batch starts the snapshot
    for (const id of ['user-2', 'user-3', 'user-4']) await store.commit(assign(id, 0));
    expect(disk.isWaiting()).toBe(true);
    expect(fs.readFileSync(paths.dataFile).equals(seedSnapshot)).toBe(true); // not written yet
    expect(journalLines(paths)).toHaveLength(1 + 5);

    disk.release();
    await store.settle();
    const snapshot = JSON.parse(fs.readFileSync(paths.dataFile, 'utf8')) as { users: Array<{ id: string; rev: number }>; position: { auditSeq: number } };
    expect(snapshot.users.filter((u) => u.rev === 1).map((u) => u.id)).toEqual(['user-0', 'user-1']);
    expect(snapshot.position.auditSeq).toBe(2);
    const lines = journalLines(paths);
    expect(lines).toHaveLength(1 + 3); // a header naming the new snapshot, and the three commits made meanwhile
    expect(lines.slice(1).map((line) => (JSON.parse(line) as { data: { audit: Array<{ seq: number }> } }).data.audit[0]!.seq)).toEqual([3, 4, 5]);
    expect((await readStoreDocument({ dataFile: paths.dataFile })).users.filter((u) => u.rev === 1)).toHaveLength(5);

    await store.close();
    const reopened = await openStore(paths);
    open.push(reopened);
    expect(['user-0', 'user-1', 'user-2', 'user-3', 'user-4'].map((id) => reopened.user(id)?.rev)).toEqual([1, 1, 1, 1, 1]);
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 5 });
  });

  it('close while it is written waits for it, then leaves one snapshot of everything and an empty journal', async () => {
    const paths = tempStorePaths('checkpoint-');
    const disk = slowSnapshotDisk();
    const store = await openStore({ ...paths, seed: () => buildOrg(), fs: disk.ops, checkpointEvery: 1 });
    disk.arm();
    await store.commit(assign('user-0', 0));
    await store.commit(assign('user-1', 0));
    const closing = store.close();
    disk.release();
    await closing;
    expect(journalLines(paths)).toHaveLength(1);
    const reopened = await openStore(paths);
    open.push(reopened);
    expect([reopened.user('user-0')?.rev, reopened.user('user-1')?.rev]).toEqual([1, 1]);
  });

  it('the snapshot lands but the journal cannot be swapped: commits go on in the old journal, and after a crash every one is there', async () => {
    const paths = tempStorePaths('checkpoint-');
    const failSwap = { on: false };
    const ops: FileOps = {
      ...nodeFileOps,
      open: (file, flags) =>
        failSwap.on && /\.journal\.tmp-/.test(file) ? Promise.reject(Object.assign(new Error('EIO: simulated'), { code: 'EIO' })) : nodeFileOps.open(file, flags),
    };
    const store = await openStore({ ...paths, seed: () => buildOrg(), fs: ops, checkpointEvery: 2 });
    failSwap.on = true;
    await store.commit(assign('user-0', 0));
    await store.commit(assign('user-1', 0));
    await store.settle(); // snapshot written, swap failed
    for (const id of ['user-2', 'user-3']) await store.commit(assign(id, 0)); // each retries the swap, fails, appends to the old journal
    expect(journalLines(paths)).toHaveLength(1 + 4);
    failSwap.on = false; // (the original's close may swap; the copy is the crash)
    const crashed = await filesAfterCrash(store, paths);

    const plan = await planRecovery(crashed);
    expect(plan.steps).toEqual([]); // nothing the rebuild would need to restore
    const reopened = await openStore(crashed);
    open.push(reopened);
    expect(['user-0', 'user-1', 'user-2', 'user-3'].map((id) => reopened.user(id)?.rev)).toEqual([1, 1, 1, 1]);
    const lines = journalLines(crashed);
    expect(lines).toHaveLength(1 + 2); // rewritten at open: a header naming the snapshot, and the two batches it lacks
    await reopened.commit(assign('user-4', 0));
    await reopened.close();
    const again = await openStore(crashed);
    open.push(again);
    expect(again.user('user-4')?.rev).toBe(1);
    expect(await verifyAuditFile(crashed.auditFile)).toEqual({ ok: true, lines: 5 });
  });

  it('the lock was lost while the snapshot was written: it does not replace the file, and nothing more is written', async () => {
    const paths = tempStorePaths('checkpoint-');
    const disk = slowSnapshotDisk();
    const store = await openStore({ ...paths, seed: () => buildOrg(), fs: disk.ops, checkpointEvery: 1 });
    disk.arm();
    await store.commit(assign('user-0', 0)); // the snapshot starts, held up
    const before = fs.readFileSync(paths.dataFile);
    fs.rmSync(`${paths.dataFile}.lock`, { recursive: true, force: true }); // as another process taking over
    disk.release();
    await store.settle();
    expect(fs.readFileSync(paths.dataFile).equals(before)).toBe(true);
    expect(fs.readdirSync(paths.dir).filter((name) => name.includes('.tmp-'))).toEqual([]); // its temp file is gone too
    await expect(store.commit(assign('user-1', 0))).rejects.toThrow(/cannot write any more: lost the lock/);
    await store.close();
  });
});
