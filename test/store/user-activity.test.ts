// When Webex last saw a user (issue 17, reclaim): `user.activity` sets lastActivity without a
// rev bump (an open card or a filed request stays current), survives a reopen (journal and
// snapshot), and a data file from before the field loads as it is.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidCommitError, openStore, type Store } from '../../src/store/index.js';
import { buildOrg, tempStorePaths } from '../helpers/store-fixtures.js';

let open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.map((store) => store.close()));
  open = [];
});

const SEEN = '2026-08-01T09:30:00.000Z';

describe('user.activity', () => {
  it('sets lastActivity, keeps rev and licenses, writes no audit line, and is there after a reopen', async () => {
    const paths = tempStorePaths();
    const store = await openStore({ ...paths, seed: () => buildOrg({ users: 3 }) });
    const before = store.user('user-1')!;
    const { auditSeqs } = await store.commit({ mutations: [{ type: 'user.activity', userId: 'user-1', lastActivity: SEEN }] });
    expect(auditSeqs).toEqual([]);
    expect(store.user('user-1')).toEqual({ ...before, lastActivity: SEEN });
    await store.close();
    const reopened = await openStore(paths);
    open.push(reopened);
    expect(reopened.user('user-1')).toMatchObject({ lastActivity: SEEN, rev: before.rev });
  });

  it('skips a user who is gone, and refuses a value that is not an ISO date and time', async () => {
    const store = await openStore({ ...tempStorePaths(), seed: () => buildOrg({ users: 2 }) });
    open.push(store);
    await store.commit({ mutations: [{ type: 'user.activity', userId: 'nobody', lastActivity: SEEN }] });
    expect(store.user('nobody')).toBeUndefined();
    await expect(store.commit({ mutations: [{ type: 'user.activity', userId: 'user-1', lastActivity: 'yesterday' }] })).rejects.toBeInstanceOf(InvalidCommitError);
    expect(store.user('user-1')!.lastActivity).toBeUndefined();
  });

  it('loads a data file written before lastActivity existed', async () => {
    const paths = tempStorePaths();
    const document = { ...buildOrg({ users: 2 }), position: undefined };
    fs.writeFileSync(paths.dataFile, JSON.stringify(document));
    const store = await openStore(paths);
    open.push(store);
    expect(store.user('user-0')).toBeDefined();
    expect(store.user('user-0')!.lastActivity).toBeUndefined();
  });
});
