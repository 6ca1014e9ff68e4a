import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidCommitError, nodeFileOps, openStore, readStoreDocument, type FileOps, type Store } from '../../src/store/index.js';
import type { ChangeRequest, Draft } from '../../src/domain/index.js';
import { auditFor, buildOrg, makeUser, tempStorePaths, type StorePaths } from '../helpers/store-fixtures.js';

let open: Store[] = [];
async function fresh(users = 20): Promise<{ store: Store; paths: StorePaths }> {
  const paths = tempStorePaths();
  const store = await openStore({ ...paths, seed: () => buildOrg({ users }) });
  open.push(store);
  return { store, paths };
}
afterEach(async () => {
  await Promise.all(open.map((store) => store.close()));
  open = [];
});

const assign = (userId: string, expectedRev: number, licenseIds: string[]) => ({
  type: 'user.assign' as const,
  userId,
  expectedRev,
  licenseIds,
  attendeeOf: [],
});

const aDraft = (fields: Pick<Draft, 'id' | 'step'> & Partial<Draft>): Draft => ({
  flow: 'edit', ownerId: 'p-1', ownerEmail: 'admin@acme.example', roomId: 'r', state: {},
  change: { addLicenseIds: [], removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [] },
  status: 'open', createdAt: 'now', expiresAt: 'later', version: 0,
  ...fields,
});

describe('store commits', () => {
  it('keeps all of 200 concurrent commits to different users after close and reopen (read from the file)', async () => {
    const { store, paths } = await fresh(200);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        store.commit({ mutations: [assign(`user-${i}`, 0, ['lic-call-pro'])], audit: [auditFor(`user-${i}`)] }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await store.close();
    const onDisk = JSON.parse(fs.readFileSync(paths.dataFile, 'utf8')) as { users: Array<{ id: string; rev: number; licenseIds: string[] }> };
    for (let i = 0; i < 200; i++) {
      const user = onDisk.users.find((u) => u.id === `user-${i}`);
      expect(user, `user-${i}`).toMatchObject({ rev: 1, licenseIds: ['lic-call-pro'] });
    }
    const reopened = await openStore(paths);
    open.push(reopened);
    expect(reopened.usedUnits('lic-call-pro')).toBe(200);
    expect((await reopened.history('user-7', { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('applies exactly one of two commits carrying the same stale revision', async () => {
    const { store, paths } = await fresh();
    const [a, b] = await Promise.allSettled([
      store.commit({ mutations: [assign('user-1', 0, ['lic-call-pro'])] }),
      store.commit({ mutations: [assign('user-1', 0, ['lic-call-std'])] }),
    ]);
    const outcomes = [a!, b!];
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(store.user('user-1')?.rev).toBe(1);
    const winner = a!.status === 'fulfilled' ? ['lic-call-pro'] : ['lic-call-std'];
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.users.find((u) => u.id === 'user-1')).toMatchObject({ rev: 1, licenseIds: winner });
  });

  it('has a change on disk as soon as the commit resolves (fresh reader, store still open)', async () => {
    const { store, paths } = await fresh();
    await store.commit({ mutations: [assign('user-3', 0, ['lic-ucm', 'lic-call-pro'])] });
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.users.find((u) => u.id === 'user-3')).toMatchObject({ rev: 1, licenseIds: ['lic-ucm', 'lic-call-pro'] });
  });

  it('applies all mutations of a commit or none', async () => {
    const { store, paths } = await fresh();
    await expect(
      store.commit({ mutations: [assign('user-1', 0, ['lic-cx']), assign('user-2', 5, ['lic-cx'])] }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(store.user('user-1')?.rev).toBe(0);
    expect(store.usedUnits('lic-cx')).toBe(0);
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.users.find((u) => u.id === 'user-1')?.rev).toBe(0);
  });

  it('refuses a commit that would make the document invalid, and changes nothing', async () => {
    const { store } = await fresh();
    await expect(store.commit({ mutations: [assign('user-1', 0, ['no-such-license'])] })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(
      store.commit({ mutations: [{ type: 'user.put', user: makeUser(500, { id: 'new', email: 'not-an-email' }) }] }),
    ).rejects.toThrow(/email/);
    const taken = store.user('user-2')!.email.toUpperCase();
    await expect(
      store.commit({ mutations: [{ type: 'user.put', user: makeUser(501, { id: 'dup', email: taken }) }] }),
    ).rejects.toThrow(/already belongs to user user-2/);
    expect(store.user('user-1')?.rev).toBe(0);
    expect(store.user('new')).toBeUndefined();
    // A later valid commit still goes through.
    await store.commit({ mutations: [assign('user-1', 0, ['lic-cx'])] });
    expect(store.usedUnits('lic-cx')).toBe(1);
  });

  it('creates, replaces and deletes users with revision checks and keeps the email index right', async () => {
    const { store, paths } = await fresh();
    const newUser = makeUser(900, { id: 'u-new', email: 'New.Person@Acme.example', displayName: 'New Person', rev: 0 });
    await store.commit({ mutations: [{ type: 'user.put', user: newUser }] });
    expect(store.userByEmail('new.person@acme.example')?.id).toBe('u-new');
    await store.commit({ mutations: [{ type: 'user.put', user: { ...newUser, email: 'renamed@acme.example' }, expectedRev: 0 }] });
    expect(store.user('u-new')?.rev).toBe(1);
    expect(store.userByEmail('new.person@acme.example')).toBeUndefined();
    expect(store.userByEmail('RENAMED@acme.example')?.id).toBe('u-new');
    await expect(store.commit({ mutations: [{ type: 'user.delete', userId: 'u-new', expectedRev: 0 }] })).rejects.toBeInstanceOf(ConflictError);
    await store.commit({ mutations: [{ type: 'user.delete', userId: 'u-new', expectedRev: 1 }] });
    expect(store.user('u-new')).toBeUndefined();
    expect(store.searchUsers({ text: 'renamed' }).total).toBe(0);
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.users.some((u) => u.id === 'u-new')).toBe(false);
  });

  it('decides a request once even when two admins approve at the same moment', async () => {
    const { store } = await fresh();
    const request: ChangeRequest = {
      id: 'req-1', requesterId: 'hd-1', requesterEmail: 'hd@acme.example', roomId: 'room', targetUserId: 'user-1', baseRev: 0,
      change: { addLicenseIds: ['lic-cx'], removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [] },
      reason: 'new starter', status: 'open', createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-08T00:00:00Z', version: 0,
    };
    await store.commit({ mutations: [{ type: 'request.put', request }] });
    const approve = (admin: string) =>
      store.commit({
        mutations: [
          { type: 'request.put', request: { ...request, status: 'approved', decidedBy: admin, version: 1 }, expectedVersion: 0 },
          assign('user-1', 0, ['lic-msg', 'lic-cx']),
        ],
      });
    const outcomes = await Promise.allSettled([approve('admin-a'), approve('admin-b')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(store.request('req-1')?.version).toBe(1);
    expect(store.requests({ status: 'approved' })).toHaveLength(1);
    expect(store.user('user-1')?.rev).toBe(1);
  });

  it('stores drafts, roles and preferences', async () => {
    const { store, paths } = await fresh();
    const draft = aDraft({ id: 'd-1', step: 'pick' });
    await store.commit({
      mutations: [
        { type: 'draft.put', draft },
        { type: 'role.put', role: { email: 'Helpdesk@Acme.example', role: 'helpdesk', addedBy: 'admin', addedAt: 'now' } },
        { type: 'preference.put', personId: 'p-1', locale: 'nl' },
      ],
    });
    await expect(store.commit({ mutations: [{ type: 'draft.put', draft: { ...draft, version: 2 }, expectedVersion: 1 }] })).rejects.toBeInstanceOf(ConflictError);
    await store.commit({ mutations: [{ type: 'draft.put', draft: { ...draft, step: 'review', version: 1 }, expectedVersion: 0 }, { type: 'role.delete', email: 'admin@ACME.example' }] });
    expect(store.draft('d-1')?.step).toBe('review');
    expect(store.roles().map((r) => r.email)).toEqual(['Helpdesk@Acme.example']);
    expect(store.locale('p-1')).toBe('nl');
    await store.commit({ mutations: [{ type: 'draft.delete', draftId: 'd-1' }] });
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.drafts).toEqual([]);
    expect(onDisk.preferences).toEqual([{ personId: 'p-1', locale: 'nl' }]);
  });

  it('a draft linked to an audit line of its commit keeps that line\'s seq, also after a restart; a link to no line refuses the commit', async () => {
    const { store, paths } = await fresh();
    const draft = aDraft({ id: 'd-2', step: 'result', status: 'done' });
    await store.audit([auditFor('user-2', 'earlier')]);
    const { auditSeqs } = await store.commit({
      mutations: [assign('user-1', 0, ['lic-call-pro']), { type: 'draft.put', draft, resultAuditLine: 1 }],
      audit: [auditFor('user-3', 'first'), auditFor('user-1', 'the change')],
    });
    expect(auditSeqs).toEqual([2, 3]);
    expect(store.draft('d-2')?.resultAuditSeq).toBe(3);
    await expect(
      store.commit({ mutations: [{ type: 'draft.put', draft: { ...draft, id: 'd-3' }, resultAuditLine: 0 }] }),
    ).rejects.toBeInstanceOf(InvalidCommitError);
    expect(store.draft('d-3')).toBeUndefined();
    await store.close();
    const reopened = await openStore(paths);
    open.push(reopened);
    expect(reopened.draft('d-2')?.resultAuditSeq).toBe(3);
  });

  it('writes a snapshot and empties the journal every checkpointEvery batches, keeping a .bak', async () => {
    const paths = tempStorePaths();
    const store = await openStore({ ...paths, seed: () => buildOrg(), checkpointEvery: 3 });
    open.push(store);
    for (let i = 0; i < 4; i++) await store.commit({ mutations: [assign(`user-${i}`, 0, ['lic-ucm'])] });
    await store.settle(); // the snapshot is written in the background
    expect(fs.existsSync(`${paths.dataFile}.bak`)).toBe(true);
    const snapshot = JSON.parse(fs.readFileSync(paths.dataFile, 'utf8')) as { users: Array<{ id: string; rev: number }> };
    expect(snapshot.users.filter((u) => u.rev === 1).map((u) => u.id)).toEqual(['user-0', 'user-1', 'user-2']);
    const journalLines = fs.readFileSync(`${paths.dataFile}.journal`, 'utf8').trim().split('\n');
    expect(journalLines).toHaveLength(2); // header + the 4th batch
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.users.find((u) => u.id === 'user-3')?.rev).toBe(1);
  });

  it('group-commits: 50 concurrent commits share a few fsyncs, each still durable and audited', async () => {
    const paths = tempStorePaths();
    const syncs = new Map<string, number>();
    const countingFs: FileOps = {
      ...nodeFileOps,
      async open(file, flags) {
        const handle = await nodeFileOps.open(file, flags);
        const name = file.endsWith('.journal') ? 'journal' : file.endsWith('audit.log') ? 'audit' : 'other';
        return Object.assign(Object.create(handle) as typeof handle, {
          sync: () => {
            syncs.set(name, (syncs.get(name) ?? 0) + 1);
            return handle.sync();
          },
          write: handle.write.bind(handle),
          read: handle.read.bind(handle),
          truncate: handle.truncate.bind(handle),
          stat: handle.stat.bind(handle),
          close: handle.close.bind(handle),
        });
      },
    };
    const store = await openStore({ ...paths, seed: () => buildOrg({ users: 60 }), fs: countingFs });
    open.push(store);
    syncs.clear();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.commit({ mutations: [assign(`user-${i}`, 0, ['lic-ucm'])], audit: [auditFor(`user-${i}`)] })),
    );
    expect(results.flatMap((r) => r.auditSeqs).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(syncs.get('journal')).toBeLessThanOrEqual(3);
    expect(syncs.get('audit')).toBeLessThanOrEqual(3);
    const onDisk = await readStoreDocument({ dataFile: paths.dataFile });
    expect(onDisk.users.filter((u) => u.rev === 1)).toHaveLength(50);
  });
});
