// Issue 13: recovery tells damage from a crash. A torn write can only be an unfinished last
// append, never acknowledged; a complete line with a bad checksum is damage; a line missing
// only its newline is complete. A change whose audit line exists must be there after start,
// or the store does not open, naming the file and `npm run store:recover`; the audit file is
// never cut, and bytes the store drops are kept aside.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore, verifyAuditFile, type Store } from '../../src/store/index.js';
import { auditFor, buildOrg, filesAfterCrash, tempStorePaths, type StorePaths } from '../helpers/store-fixtures.js';

const journalOf = (p: StorePaths) => `${p.dataFile}.journal`;
const lock = (p: StorePaths) => fs.rmSync(`${p.dataFile}.lock`, { force: true, recursive: true }); // as an expired lease of a crashed holder
const auditLines = (p: StorePaths) => fs.readFileSync(p.auditFile, 'utf8').split('\n').filter(Boolean).length;
const asideFiles = (file: string) => fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith(`${path.basename(file)}.torn-`));

/** Three acknowledged changes to user-1, then the files as a SIGKILL leaves them. */
async function crashedAfterChanges(): Promise<StorePaths> {
  const paths = tempStorePaths('recovery-');
  const store = await openStore({ ...paths, seed: () => buildOrg() });
  for (const [rev, licenses] of [[0, ['lic-ucm']], [1, ['lic-msg']], [2, ['lic-msg', 'lic-cx']]] as const) {
    const after = { licenseIds: [...licenses], attendeeOf: [] };
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-1', expectedRev: rev, ...after }], audit: [{ ...auditFor('user-1', `change-${rev}`), after }] });
  }
  return filesAfterCrash(store, paths);
}

async function refused(paths: StorePaths, problem: RegExp): Promise<void> {
  const before = { journal: fs.readFileSync(journalOf(paths)), audit: fs.readFileSync(paths.auditFile), data: fs.readFileSync(paths.dataFile) };
  await expect(openStore(paths)).rejects.toThrow(problem);
  expect(fs.readFileSync(paths.auditFile).equals(before.audit)).toBe(true);
  expect(fs.readFileSync(journalOf(paths)).equals(before.journal)).toBe(true);
  expect(fs.readFileSync(paths.dataFile).equals(before.data)).toBe(true);
  lock(paths);
}

const open = async (paths: StorePaths): Promise<Store> => openStore(paths);

describe('the last journal line', () => {
  it('one byte flipped (it still ends in a newline): damage; the store does not open and changes nothing', async () => {
    const paths = await crashedAfterChanges();
    const bytes = fs.readFileSync(journalOf(paths));
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x01;
    fs.writeFileSync(journalOf(paths), bytes);
    await refused(paths, /journal: line 4, the last, is damaged .*npm run store:recover/);
  });

  it('cut in half after the change was acknowledged (its audit line exists): the store does not open; nothing cut', async () => {
    const paths = await crashedAfterChanges();
    const bytes = fs.readFileSync(journalOf(paths));
    const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    fs.writeFileSync(journalOf(paths), bytes.subarray(0, lastStart + Math.floor((bytes.length - lastStart) / 2)));
    await refused(paths, /audit lines 3–3 whose changes .* do not hold .*npm run store:recover/);
    expect(auditLines(paths)).toBe(3);
  });

  it('missing only its newline: a complete line; the change is there and the next commit continues the file', async () => {
    const paths = await crashedAfterChanges();
    const bytes = fs.readFileSync(journalOf(paths));
    fs.writeFileSync(journalOf(paths), bytes.subarray(0, bytes.length - 1));
    const store = await open(paths);
    expect(store.user('user-1')).toMatchObject({ licenseIds: ['lic-msg', 'lic-cx'], rev: 3 });
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-1', expectedRev: 3, licenseIds: [], attendeeOf: [] }], audit: [auditFor('user-1', 'after')] });
    const crashed = await filesAfterCrash(store, paths);
    const again = await open(crashed);
    expect(again.user('user-1')).toMatchObject({ licenseIds: [], rev: 4 });
    await again.close();
    expect(await verifyAuditFile(crashed.auditFile)).toEqual({ ok: true, lines: 4 });
  });

  it('a crash during an append that was never acknowledged (no audit line yet): the store opens and keeps the torn bytes aside', async () => {
    const paths = await crashedAfterChanges();
    const torn = Buffer.from('{"sum":"0123456789abcdef');
    fs.appendFileSync(journalOf(paths), torn);
    const store = await open(paths);
    expect(store.user('user-1')!.rev).toBe(3);
    await store.commit({ mutations: [], audit: [auditFor('user-1', 'next')] });
    await store.close();
    const [aside] = asideFiles(journalOf(paths));
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(path.dirname(paths.dataFile), aside!)).equals(torn)).toBe(true);
    expect(fs.statSync(path.join(path.dirname(paths.dataFile), aside!)).mode & 0o777).toBe(0o600);
  });
});

describe('the journal lost or emptied, the snapshot knows its position', () => {
  for (const [what, damage] of [
    ['deleted', (p: StorePaths) => fs.rmSync(journalOf(p))],
    ['emptied', (p: StorePaths) => fs.writeFileSync(journalOf(p), '')],
  ] as const) {
    it(`${what}: the audit lines past the snapshot are changes the store lacks, so it does not open`, async () => {
      const paths = await crashedAfterChanges();
      damage(paths);
      const audit = fs.readFileSync(paths.auditFile);
      await expect(openStore(paths)).rejects.toThrow(/audit lines 1–3 whose changes .* do not hold .*npm run store:recover/);
      expect(fs.readFileSync(paths.auditFile).equals(audit)).toBe(true);
    });
  }

  it('an older journal (a crash during a checkpoint) with the .bak deleted: the snapshot holds its changes, the store opens', async () => {
    const paths = tempStorePaths('recovery-');
    const store = await openStore({ ...paths, seed: () => buildOrg(), checkpointEvery: 2 });
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-1', expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }], audit: [auditFor('user-1', 'a')] });
    const olderJournal = fs.readFileSync(journalOf(paths));
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-1', expectedRev: 1, licenseIds: ['lic-msg'], attendeeOf: [] }], audit: [auditFor('user-1', 'b')] });
    await store.settle(); // the checkpoint ran after the second batch
    await store.commit({ mutations: [], audit: [auditFor('user-1', 'c')] });
    const crashed = await filesAfterCrash(store, paths);
    const withBatch = Buffer.concat([olderJournal]);
    fs.writeFileSync(journalOf(crashed), withBatch);
    fs.rmSync(`${crashed.dataFile}.bak`, { force: true });
    // Keep only the audit lines the snapshot holds (as right after the checkpoint).
    const kept = fs.readFileSync(crashed.auditFile, 'utf8').split('\n').filter(Boolean).slice(0, 2);
    fs.writeFileSync(crashed.auditFile, `${kept.join('\n')}\n`);
    const reopened = await open(crashed);
    expect(reopened.user('user-1')).toMatchObject({ licenseIds: ['lic-msg'], rev: 2 });
    await reopened.close();
  });
});

describe('the audit file', () => {
  it('an unfinished last line (the journal has its batch): the lines come back from the journal, the torn bytes are kept aside', async () => {
    const paths = await crashedAfterChanges();
    const lines = fs.readFileSync(paths.auditFile, 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(paths.auditFile, `${lines.slice(0, 2).join('\n')}\n${lines[2]!.slice(0, 30)}`);
    const store = await open(paths);
    await store.close();
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 3 });
    expect(asideFiles(paths.auditFile)).toHaveLength(1);
  });

  it('a last line missing only its newline is complete: nothing is cut, the next line starts on a new line', async () => {
    const paths = await crashedAfterChanges();
    const bytes = fs.readFileSync(paths.auditFile);
    fs.writeFileSync(paths.auditFile, bytes.subarray(0, bytes.length - 1));
    const store = await open(paths);
    await store.commit({ mutations: [], audit: [auditFor('user-1', 'next')] });
    expect((await store.history('user-1', { offset: 0, limit: 1 })).entries[0]!.codes).toEqual(['next']);
    await store.close();
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 4 });
    expect(asideFiles(paths.auditFile)).toHaveLength(0);
  });
});

describe('npm run store:recover', () => {
  it('rebuilds what the lost journal line held from its audit line; shows it first, keeps every original, never touches the audit file', async () => {
    const paths = await crashedAfterChanges();
    const bytes = fs.readFileSync(journalOf(paths));
    const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    fs.writeFileSync(journalOf(paths), bytes.subarray(0, lastStart + 10)); // the last change's journal line is gone
    await expect(openStore(paths)).rejects.toThrow(/npm run store:recover/);
    lock(paths);
    const audit = fs.readFileSync(paths.auditFile);
    const env = { ...process.env, DATA_FILE: paths.dataFile, AUDIT_FILE: paths.auditFile };
    const dry = spawnSync('npx', ['tsx', 'scripts/store-recover.ts'], { env, encoding: 'utf8' });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('#3 license.change');
    expect(dry.stdout).toContain('Nothing was changed');
    await expect(openStore(paths)).rejects.toThrow(/npm run store:recover/); // the dry run wrote nothing
    lock(paths);

    const applied = spawnSync('npx', ['tsx', 'scripts/store-recover.ts', '--apply'], { env, encoding: 'utf8' });
    expect(applied.status).toBe(0);
    const folder = /originals are in (\S+)\./.exec(applied.stdout)?.[1];
    expect(folder && fs.readdirSync(folder).sort()).toEqual(['audit.log', 'db.json', 'db.json.journal'].sort());
    expect(fs.readFileSync(paths.auditFile).equals(audit)).toBe(true);
    const store = await open(paths);
    expect(store.user('user-1')!.licenseIds).toEqual(['lic-msg', 'lic-cx']);
    await store.commit({ mutations: [], audit: [auditFor('user-1', 'after recovery')] });
    await store.close();
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 4 });
  });
});
