// Every file the store writes holds emails, roles and licenses: created 0600 (owner only),
// with the usual umask 022 that would otherwise leave them world-readable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { auditFor, buildOrg, tempStorePaths } from '../helpers/store-fixtures.js';

let umask: number;
beforeEach(() => {
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
});

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe('file modes', () => {
  it('creates the snapshot, its backup, the journal, the lock and the audit log 0600 under umask 022', async () => {
    const paths = tempStorePaths();
    const store = await openStore({ ...paths, seed: () => buildOrg(), checkpointEvery: 1 });
    expect(modeOf(`${paths.dataFile}.lock`)).toBe('700'); // the lock is a folder with its owner record inside
    expect(modeOf(`${paths.dataFile}.lock/owner.json`)).toBe('600');
    for (let i = 0; i < 2; i++) {
      // checkpointEvery 1: each commit writes a new snapshot and keeps the previous one as .bak
      await store.commit({ mutations: [{ type: 'user.assign', userId: `user-${i}`, expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }], audit: [auditFor(`user-${i}`)] });
    }
    await store.close();
    const files = [paths.dataFile, `${paths.dataFile}.bak`, `${paths.dataFile}.journal`, paths.auditFile];
    expect(Object.fromEntries(files.map((file) => [file.slice(paths.dir.length + 1), modeOf(file)]))).toEqual({
      'db.json': '600',
      'db.json.bak': '600',
      'db.json.journal': '600',
      'audit.log': '600',
    });
  });
});

describe('folders the store makes', () => {
  it('a DATA_FILE and AUDIT_FILE in folders that do not exist yet: the folders are made, 0700, and the store opens', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'store-folders-'));
    const dataFile = path.join(root, 'srv', 'desk', 'db.json');
    const auditFile = path.join(root, 'logs', 'audit.log');
    const store = await openStore({ dataFile, auditFile, seed: () => buildOrg() });
    await store.close();
    for (const dir of [path.dirname(dataFile), path.dirname(auditFile)]) expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.existsSync(dataFile)).toBe(true);
  });
});
