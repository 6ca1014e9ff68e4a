// Grants and marks in the store (issue 17): a grant commits with the change that makes it,
// names that commit's audit line, is guarded by its version, and is kept across a crash
// (journal) and a clean close (snapshot); marks (a schedule's small facts) likewise.
import { afterEach, describe, expect, it } from 'vitest';
import type { Grant } from '../../src/domain/index.js';
import { ConflictError, InvalidCommitError, openStore, type Store } from '../../src/store/index.js';
import { auditFor, buildOrg, filesAfterCrash, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
});

async function open(paths = tempStorePaths(), seed = true) {
  if (seed) writeOrgFile(paths.dataFile, buildOrg({ users: 3 }));
  const store = await openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile });
  stores.push(store);
  return { store, paths };
}

const grant = (id: string, overrides: Partial<Grant> = {}): Grant => ({
  id,
  userId: 'user-1',
  licenseId: 'lic-call-pro',
  until: '2026-12-08',
  grantedBy: { personId: 'p-admin', email: 'admin@acme.example' },
  status: 'active',
  createdAt: '2026-12-01T10:00:00.000Z',
  version: 0,
  ...overrides,
});

describe('grants in the store', () => {
  it('a grant names the seq of its commit\'s audit line; grants() lists soonest end first, by status and user', async () => {
    const { store } = await open();
    const { auditSeqs } = await store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-2'), auditLine: 0 }, { type: 'grant.put', grant: grant('g-1', { until: '2026-12-03' }) }], audit: [auditFor('user-1')] });
    expect(store.grant('g-2')!.auditSeq).toBe(auditSeqs[0]);
    expect(store.grants().map((g) => g.id)).toEqual(['g-1', 'g-2']);
    expect(store.grants({ status: 'kept' })).toEqual([]);
    expect(store.grants({ userId: 'user-2' })).toEqual([]);
  });

  it('a stale version conflicts, an unknown user or license or a bad day is refused, and nothing changes', async () => {
    const { store } = await open();
    await store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-1') }] });
    await expect(store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-1', { status: 'kept', version: 1 }), expectedVersion: 5 }] })).rejects.toBeInstanceOf(ConflictError);
    await expect(store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-2', { userId: 'nobody' }) }] })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-2', { licenseId: 'lic-nope' }) }] })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-2', { until: '8 Dec' }) }] })).rejects.toThrow(/YYYY-MM-DD/);
    expect(store.grants().map((g) => [g.id, g.status])).toEqual([['g-1', 'active']]);
  });

  it('a mark put with the value it expects is refused once it moved on: two runs that meet claim a slot once', async () => {
    const { store } = await open();
    const claim = (value: string, expected: string | null) => store.commit({ mutations: [{ type: 'mark.put', key: 'reclaim.report', value, expected }] });
    const [first, second] = await Promise.allSettled([claim('2026-11-30', null), claim('2026-11-30', null)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason).toBeInstanceOf(ConflictError);
    await expect(claim('2026-12-07', '2026-11-23')).rejects.toBeInstanceOf(ConflictError);
    await claim('2026-12-07', '2026-11-30');
    expect(store.mark('reclaim.report')).toBe('2026-12-07');
  });

  it('grants and marks survive a crash (journal) and a clean close (snapshot)', async () => {
    const { store, paths } = await open();
    await store.commit({ mutations: [{ type: 'grant.put', grant: grant('g-1') }, { type: 'mark.put', key: 'reclaim.report', value: '2026-11-30' }] });
    const crashed = await filesAfterCrash(store, paths);
    const { store: reopened } = await open(crashed, false);
    expect(reopened.grant('g-1')).toMatchObject({ status: 'active', until: '2026-12-08' });
    expect(reopened.mark('reclaim.report')).toBe('2026-11-30');
    await reopened.commit({ mutations: [{ type: 'grant.put', grant: grant('g-1', { status: 'kept', version: 1 }), expectedVersion: 0 }] });
    await reopened.close();
    const { store: again } = await open(crashed, false);
    expect(again.grant('g-1')!.status).toBe('kept');
    expect(again.mark('reclaim.report')).toBe('2026-11-30');
  });
});
