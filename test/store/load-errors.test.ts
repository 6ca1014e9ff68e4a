import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFileOps, openStore, readStoreDocument, StoreLoadError, type FileOps } from '../../src/store/index.js';
import { buildOrg, filesAfterCrash, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

async function expectLoadError(contents: string, problem: RegExp): Promise<void> {
  const paths = tempStorePaths();
  fs.writeFileSync(paths.dataFile, contents);
  const before = fs.readFileSync(paths.dataFile);
  const error = await openStore({ ...paths, seed: () => buildOrg() }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreLoadError);
  const loadError = error as StoreLoadError;
  expect(loadError.file).toBe(paths.dataFile);
  expect(loadError.message).toContain(paths.dataFile);
  expect(loadError.problem).toMatch(problem);
  expect(fs.readFileSync(paths.dataFile).equals(before)).toBe(true);
  expect(fs.existsSync(`${paths.dataFile}.lock`)).toBe(false); // a failed open releases the lock
}

describe('loading the data file', () => {
  it('stops on corrupt JSON and leaves the file untouched', async () => {
    await expectLoadError('{"schemaVersion": 1, "users": [', /invalid JSON/);
  });
  it('stops on an empty file', async () => {
    await expectLoadError('', /empty/);
    await expectLoadError('  \n', /empty/);
  });
  it('stops on null and 0', async () => {
    await expectLoadError('null', /got null/);
    await expectLoadError('0', /got number 0/);
    await expectLoadError('[]', /got an array/);
  });
  it('stops on a wrong shape and names the path of the problem', async () => {
    const org = buildOrg();
    const broken = { ...org, users: org.users.map((u, i) => (i === 4 ? { ...u, email: 'nope', rev: -1 } : u)) };
    await expectLoadError(JSON.stringify(broken), /users\[4\]\.email: .*users\[4\]\.rev/);
    await expectLoadError(JSON.stringify({ hello: 'world' }), /wrong shape: schemaVersion/);
  });
  it('stops on duplicate user ids or emails', async () => {
    const org = buildOrg();
    await expectLoadError(JSON.stringify({ ...org, users: [...org.users, { ...org.users[0]!, id: 'other', email: org.users[0]!.email.toUpperCase() }] }), /email .* appears twice/);
  });

  it('refuses a missing file without a seed, and creates it from the seed otherwise', async () => {
    const paths = tempStorePaths();
    await expect(openStore(paths)).rejects.toThrow(/does not exist/);
    expect(fs.existsSync(paths.dataFile)).toBe(false);
    const store = await openStore({ ...paths, seed: () => buildOrg({ users: 5, orgName: 'Seeded' }) });
    expect((await readStoreDocument({ dataFile: paths.dataFile })).orgName).toBe('Seeded');
    expect(store.userCount()).toBe(7);
    await store.close();
  });
});

describe('journal replay', () => {
  async function storeWithJournal() {
    const paths = tempStorePaths();
    const store = await openStore({ ...paths, seed: () => buildOrg() });
    for (let i = 0; i < 3; i++) {
      await store.commit({ mutations: [{ type: 'user.assign', userId: `user-${i}`, expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }] });
    }
    const crashed = await filesAfterCrash(store, paths);
    return { paths: crashed, journal: `${crashed.dataFile}.journal` };
  }

  it('ignores a torn last line (never acknowledged) and cuts it off before the next append', async () => {
    const { paths, journal } = await storeWithJournal();
    const good = fs.readFileSync(journal);
    fs.appendFileSync(journal, '{"batch":4,"mutations":[{"type":"user.ass');
    const store = await openStore(paths);
    expect([0, 1, 2].map((i) => store.user(`user-${i}`)?.rev)).toEqual([1, 1, 1]);
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-3', expectedRev: 0, licenseIds: [], attendeeOf: [] }] });
    expect(fs.readFileSync(journal).subarray(0, good.length).equals(good)).toBe(true);
    expect((await readStoreDocument({ dataFile: paths.dataFile })).users.find((u) => u.id === 'user-3')?.rev).toBe(1);
    await store.close();
  });

  it('stops when a line in the middle is damaged', async () => {
    const { paths, journal } = await storeWithJournal();
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('lic-ucm', 'lic-cx');
    fs.writeFileSync(journal, lines.join('\n'));
    const dataBefore = fs.readFileSync(paths.dataFile);
    await expect(openStore(paths)).rejects.toThrow(/journal: line 3 is damaged/);
    expect(fs.readFileSync(paths.dataFile).equals(dataBefore)).toBe(true);
  });
});

describe('a lost data file', () => {
  it('is not silently replaced by the seed when its journal or backup is still there', async () => {
    const paths = tempStorePaths();
    const store = await openStore({ ...paths, seed: () => buildOrg() });
    await store.close();
    fs.unlinkSync(paths.dataFile);
    await expect(openStore({ ...paths, seed: () => buildOrg() })).rejects.toThrow(/is missing but .*db\.json\.journal exists/);
    expect(fs.existsSync(paths.dataFile)).toBe(false);
  });
});

describe('temp files left by a crash', () => {
  it('are removed at open, other files are kept', async () => {
    const paths = tempStorePaths();
    writeOrgFile(paths.dataFile, buildOrg());
    const leftovers = ['db.json.tmp-12345', 'db.json.journal.tmp-999'];
    for (const name of leftovers) fs.writeFileSync(`${paths.dir}/${name}`, 'half');
    fs.writeFileSync(`${paths.dir}/notes.txt`, 'keep');
    const store = await openStore(paths);
    await store.close();
    expect(leftovers.filter((name) => fs.existsSync(`${paths.dir}/${name}`))).toEqual([]);
    expect(fs.existsSync(`${paths.dir}/notes.txt`)).toBe(true);
  });
});

describe('a journal that names another snapshot', () => {
  it('is folded in already after a crash during a checkpoint, and the store opens with every change', async () => {
    const paths = tempStorePaths();
    const failJournalReset = { on: false };
    const fsOps: FileOps = {
      ...nodeFileOps,
      open: (file, flags) =>
        failJournalReset.on && /\.journal\.tmp-/.test(file)
          ? Promise.reject(Object.assign(new Error('EIO: simulated crash point'), { code: 'EIO' }))
          : nodeFileOps.open(file, flags),
    };
    const store = await openStore({ ...paths, seed: () => buildOrg(), fs: fsOps });
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-2', expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }] });
    failJournalReset.on = true;
    await expect(store.close()).rejects.toThrow(/EIO/); // new snapshot written, old journal left behind
    const reopened = await openStore(paths);
    expect(reopened.user('user-2')?.rev).toBe(1);
    await reopened.commit({ mutations: [{ type: 'user.assign', userId: 'user-2', expectedRev: 1, licenseIds: [], attendeeOf: [] }] });
    expect((await readStoreDocument({ dataFile: paths.dataFile })).users.find((u) => u.id === 'user-2')?.rev).toBe(2);
    await reopened.close();
  });

  it('stops the load when the data file was replaced by hand while unsaved journal batches remain', async () => {
    const original = tempStorePaths();
    const store = await openStore({ ...original, seed: () => buildOrg() });
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-2', expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }] });
    const paths = await filesAfterCrash(store, original); // no closing checkpoint
    writeOrgFile(paths.dataFile, buildOrg({ orgName: 'Edited by hand' }));
    const before = fs.readFileSync(paths.dataFile);
    await expect(openStore(paths)).rejects.toThrow(/1 saved change batch\(es\) made on top of another version/);
    expect(fs.readFileSync(paths.dataFile).equals(before)).toBe(true);
  });
});
