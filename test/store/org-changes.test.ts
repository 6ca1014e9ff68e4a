// The outbox in the store (issue 12): an entry written in the same commit as the change it
// carries to Webex, linked to that commit's audit line, guarded by its version, kept across
// a crash (journal) and a clean close (snapshot), and read by id, by user and as the queue.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgChange } from '../../src/domain/index.js';
import { ConflictError, InvalidCommitError, openStore, type Store } from '../../src/store/index.js';
import { auditFor, filesAfterCrash, buildOrg, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
});

async function open(paths = tempStorePaths()) {
  writeOrgFile(paths.dataFile, buildOrg({ users: 3 }));
  const store = await openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile });
  stores.push(store);
  return { store, paths };
}

const entry = (id: string, userId: string, overrides: Partial<OrgChange> = {}): OrgChange => ({
  id,
  userId,
  email: `${userId}@acme.example`,
  source: 'save',
  licenses: [{ id: 'lic-call-pro', operation: 'add', properties: { locationId: 'loc-1', extension: '4101' } }],
  siteUrls: [],
  status: 'queued',
  parts: [],
  attempts: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  version: 0,
  ...overrides,
});

describe('the outbox in the store', () => {
  it('an entry commits with the change and names the seq of the audit line it points to', async () => {
    const { store } = await open();
    const user = store.user('user-1')!;
    const { auditSeqs } = await store.commit({
      mutations: [
        { type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: [...user.licenseIds, 'lic-call-pro'], attendeeOf: [], calling: { locationId: 'loc-1', extension: '4101' } },
        { type: 'orgChange.put', change: entry('oc-1', user.id), auditLine: 0 },
      ],
      audit: [auditFor(user.id)],
    });
    expect(store.orgChange('oc-1')).toMatchObject({ auditSeq: auditSeqs[0], status: 'queued' });
    expect(store.user(user.id)!.calling).toEqual({ locationId: 'loc-1', extension: '4101' });
    expect(store.orgChanges({ status: 'queued' }).map((c) => c.id)).toEqual(['oc-1']);
    expect(store.orgChanges({ userId: user.id }).map((c) => c.id)).toEqual(['oc-1']);
    expect(store.orgChanges({ userId: 'user-2' })).toEqual([]);
  });

  it('a status update with a stale version is a conflict and changes nothing; a good one leaves the queue', async () => {
    const { store } = await open();
    await store.commit({ mutations: [{ type: 'orgChange.put', change: entry('oc-1', 'user-1') }] });
    await store.commit({ mutations: [{ type: 'orgChange.put', change: entry('oc-1', 'user-1', { status: 'applied', version: 1 }), expectedVersion: 0 }] });
    await expect(store.commit({ mutations: [{ type: 'orgChange.put', change: entry('oc-1', 'user-1', { status: 'failed', version: 1 }), expectedVersion: 0 }] })).rejects.toBeInstanceOf(ConflictError);
    expect(store.orgChange('oc-1')!.status).toBe('applied');
    expect(store.orgChanges({ status: 'queued' })).toEqual([]);
  });

  it('a malformed entry or an audit link past the commit is refused whole', async () => {
    const { store } = await open();
    const bad = { ...entry('oc-1', 'user-1'), licenses: [{ id: 'x', operation: 'grant' }] } as unknown as OrgChange;
    await expect(store.commit({ mutations: [{ type: 'orgChange.put', change: bad }] })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(store.commit({ mutations: [{ type: 'orgChange.put', change: entry('oc-2', 'user-1'), auditLine: 3 }], audit: [auditFor('user-1')] })).rejects.toBeInstanceOf(InvalidCommitError);
    expect(store.orgChanges()).toEqual([]);
  });

  it('entries survive a crash (journal) and a clean close (snapshot), in order, with the queue rebuilt', async () => {
    const { store, paths } = await open();
    for (const [id, user] of [['oc-a', 'user-1'], ['oc-b', 'user-2'], ['oc-c', 'user-1']] as const) {
      await store.commit({ mutations: [{ type: 'orgChange.put', change: entry(id, user) }] });
    }
    await store.commit({ mutations: [{ type: 'orgChange.put', change: entry('oc-b', 'user-2', { status: 'applied', version: 1 }), expectedVersion: 0 }] });
    const crashed = await filesAfterCrash(store, paths);
    const reopened = await openStore({ dataFile: crashed.dataFile, auditFile: crashed.auditFile });
    stores.push(reopened);
    expect(reopened.orgChanges().map((c) => `${c.id}:${c.status}`)).toEqual(['oc-a:queued', 'oc-b:applied', 'oc-c:queued']);
    expect(reopened.orgChanges({ status: 'queued', userId: 'user-1' }).map((c) => c.id)).toEqual(['oc-a', 'oc-c']);
    await reopened.close();
    const again = await openStore({ dataFile: crashed.dataFile, auditFile: crashed.auditFile });
    stores.push(again);
    expect(again.orgChanges({ status: 'queued' }).map((c) => c.id)).toEqual(['oc-a', 'oc-c']);
  });
});
