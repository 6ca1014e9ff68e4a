import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFileOps, openStore, readStoreDocument, StoreWriteError, verifyAuditFile, type FileOps } from '../../src/store/index.js';
import { auditFor, buildOrg, tempStorePaths } from '../helpers/store-fixtures.js';

/** Real file operations, except that writes or fsyncs to files matching `failOn` throw ENOSPC while armed. */
function faultyFs() {
  const faults = { failOn: undefined as RegExp | undefined, what: 'sync' as 'sync' | 'write' };
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  const ops: FileOps = {
    ...nodeFileOps,
    async open(file, flags) {
      const handle = await nodeFileOps.open(file, flags);
      const armed = () => faults.failOn?.test(file) ?? false;
      return {
        write: async (buffer, offset, length, position) => {
          if (armed() && faults.what === 'write') {
            // A partial write, then the error: the tail must be cut off again.
            await handle.write(buffer, offset, Math.min(length, 7), position);
            throw enospc();
          }
          return handle.write(buffer, offset, length, position);
        },
        read: (...args) => handle.read(...args),
        sync: async () => {
          if (armed() && faults.what === 'sync') throw enospc();
          return handle.sync();
        },
        truncate: (length) => handle.truncate(length),
        stat: () => handle.stat(),
        close: () => handle.close(),
      };
    },
  };
  return { ops, faults };
}

const assign = (userId: string, expectedRev: number) => ({
  type: 'user.assign' as const, userId, expectedRev, licenseIds: ['lic-cx'], attendeeOf: [],
});

describe('a failed write', () => {
  for (const [target, what] of [
    [/\.journal$/, 'sync'],
    [/\.journal$/, 'write'],
    [/audit\.log$/, 'sync'],
    [/audit\.log$/, 'write'],
  ] as const) {
    it(`rejects with StoreWriteError and changes nothing (${what} of ${target.source} fails)`, async () => {
      const paths = tempStorePaths();
      const { ops, faults } = faultyFs();
      const store = await openStore({ ...paths, seed: () => buildOrg(), fs: ops });
      await store.commit({ mutations: [assign('user-1', 0)], audit: [auditFor('user-1')] });
      const journalBefore = fs.readFileSync(`${paths.dataFile}.journal`);
      const auditBefore = fs.readFileSync(paths.auditFile);

      faults.failOn = target;
      faults.what = what;
      const failing = [
        store.commit({ mutations: [assign('user-2', 0)], audit: [auditFor('user-2')] }),
        store.commit({ mutations: [assign('user-1', 1)], audit: [auditFor('user-1')] }),
      ];
      for (const outcome of await Promise.allSettled(failing)) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StoreWriteError);
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/ENOSPC/);
      }
      expect(store.user('user-2')?.rev).toBe(0);
      expect(store.user('user-1')?.rev).toBe(1);
      expect(store.usedUnits('lic-cx')).toBe(1);
      expect(fs.readFileSync(`${paths.dataFile}.journal`).equals(journalBefore)).toBe(true);
      expect(fs.readFileSync(paths.auditFile).equals(auditBefore)).toBe(true);
      const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
      expect(onDisk.users.find((u) => u.id === 'user-2')?.rev).toBe(0);

      faults.failOn = undefined;
      const next = await store.commit({ mutations: [assign('user-2', 0)], audit: [auditFor('user-2')] });
      expect(next.auditSeqs).toEqual([2]);
      expect(store.user('user-2')?.rev).toBe(1);
      await store.close();
      expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 2 });
      const reopened = await openStore(paths);
      expect([reopened.user('user-1')?.rev, reopened.user('user-2')?.rev]).toEqual([1, 1]);
      await reopened.close();
    });
  }

  it('keeps every commit when the snapshot cannot be written at close (the journal holds them)', async () => {
    const paths = tempStorePaths();
    const { ops, faults } = faultyFs();
    const store = await openStore({ ...paths, seed: () => buildOrg(), fs: ops });
    await store.commit({ mutations: [assign('user-4', 0)] });
    faults.failOn = /db\.json\.tmp/;
    await expect(store.close()).rejects.toThrow(/ENOSPC/);
    const reopened = await openStore(paths);
    expect(reopened.user('user-4')?.rev).toBe(1);
    await reopened.close();
  });
});
