import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore, verifyAuditFile, StoreLoadError } from '../../src/store/index.js';
import { auditFor, buildOrg, tempStorePaths } from '../helpers/store-fixtures.js';

/** A store with `count` audit lines, closed; returns the audit file's lines. */
async function auditFileWith(count: number) {
  const paths = tempStorePaths('audit-test-');
  let tick = 0;
  const store = await openStore({ ...paths, seed: () => buildOrg(), now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
  for (let i = 0; i < count; i++) await store.audit([auditFor(`user-${i % 3}`, `note-${i}`)]);
  await store.close();
  const lines = fs.readFileSync(paths.auditFile, 'utf8').split('\n').slice(0, -1);
  const write = (next: string[]) => fs.writeFileSync(paths.auditFile, next.map((l) => `${l}\n`).join(''));
  return { paths, lines, write };
}

describe('audit log', () => {
  it('chains entries: seq, time from now(), prevHash of the line before, genesis of zeros', async () => {
    const { paths, lines } = await auditFileWith(3);
    const entries = lines.map((l) => JSON.parse(l) as { seq: number; prevHash: string; hash: string; time: string });
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe('0'.repeat(64));
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[0]!.time).toBe('2026-01-01T00:00:00.000Z');
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 3 });
  });

  it('names the line when any single byte of a line is changed', async () => {
    const { paths, lines, write } = await auditFileWith(3);
    const target = lines[1]!;
    for (let at = 0; at < target.length; at++) {
      const code = target.charCodeAt(at);
      const changed = target.slice(0, at) + String.fromCharCode(code === 0x61 ? 0x62 : 0x61) + target.slice(at + 1);
      write([lines[0]!, changed, lines[2]!]);
      const verdict = await verifyAuditFile(paths.auditFile);
      expect(verdict, `byte ${at}`).toMatchObject({ ok: false, line: 2 });
    }
  });

  it('names the line after a deleted line, and line 1 when the first is deleted', async () => {
    const { paths, lines, write } = await auditFileWith(4);
    write([lines[0]!, lines[2]!, lines[3]!]);
    expect(await verifyAuditFile(paths.auditFile)).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/prevHash/) });
    write(lines.slice(1));
    expect(await verifyAuditFile(paths.auditFile)).toMatchObject({ ok: false, line: 1 });
  });

  it('names the first moved line when lines are reordered', async () => {
    const { paths, lines, write } = await auditFileWith(4);
    write([lines[0]!, lines[2]!, lines[1]!, lines[3]!]);
    expect(await verifyAuditFile(paths.auditFile)).toMatchObject({ ok: false, line: 2 });
  });

  it('names a line that is not JSON, and an incomplete last line', async () => {
    const { paths, lines, write } = await auditFileWith(3);
    write([lines[0]!, 'not json', lines[2]!]);
    expect(await verifyAuditFile(paths.auditFile)).toMatchObject({ ok: false, line: 2, reason: 'not valid JSON' });
    fs.writeFileSync(paths.auditFile, `${lines[0]}\n${lines[1]!.slice(0, 20)}`);
    expect(await verifyAuditFile(paths.auditFile)).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses to open when lines at the end were deleted since the last snapshot', async () => {
    const { paths, lines, write } = await auditFileWith(4);
    write(lines.slice(0, 2));
    await expect(openStore(paths)).rejects.toSatisfy(
      (e: unknown) => e instanceof StoreLoadError && e.file === paths.auditFile && /ends at seq 2.*up to seq 4/.test(e.problem),
    );
  });

  it('continues the chain after reopening', async () => {
    const { paths } = await auditFileWith(2);
    const store = await openStore(paths);
    const result = await store.audit([auditFor('user-1')]);
    expect(result.auditSeqs).toEqual([3]);
    await store.close();
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 3 });
  });

  it('lists a user\'s history newest first, paged, including lines written after the first read', async () => {
    const { paths } = await auditFileWith(7); // user-0 gets notes 0, 3, 6
    const store = await openStore(paths);
    const first = await store.history('user-0', { offset: 0, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.entries.map((e) => e.codes[0])).toEqual(['note-6', 'note-3']);
    await store.commit({ mutations: [], audit: [auditFor('user-0', 'note-new')] });
    const second = await store.history('user-0', { offset: 1, limit: 10 });
    expect(second.total).toBe(4);
    expect(second.entries.map((e) => e.codes[0])).toEqual(['note-6', 'note-3', 'note-0']);
    expect((await store.history('nobody', { offset: 0, limit: 5 })).total).toBe(0);
    await store.close();
  });

  it('npm run audit:verify exits 1 and names the line; 0 when the chain is intact', async () => {
    const { paths, lines, write } = await auditFileWith(3);
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
        env: { ...process.env, AUDIT_FILE: paths.auditFile, DATA_FILE: paths.dataFile },
        encoding: 'utf8',
      });
    const good = run();
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('3 lines, hash chain intact');
    write([lines[0]!, lines[1]!.replace('note-1', 'note-X'), lines[2]!]);
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('line 2 is bad');
  });

  it('with the store\'s head: deleted last lines and a replaced last line are named', async () => {
    const paths = tempStorePaths('audit-test-');
    const store = await openStore({ ...paths, seed: () => buildOrg() });
    for (let i = 0; i < 4; i++) await store.audit([auditFor('user-1', `note-${i}`)]);
    const storeHead = store.auditHead();
    expect(storeHead.seq).toBe(4);
    expect(await verifyAuditFile(paths.auditFile, { storeHead })).toEqual({ ok: true, lines: 4 });
    const lines = fs.readFileSync(paths.auditFile, 'utf8').split('\n').slice(0, -1);
    fs.writeFileSync(paths.auditFile, lines.slice(0, 2).map((l) => `${l}\n`).join(''));
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 2 }); // the chain alone cannot tell
    expect(await verifyAuditFile(paths.auditFile, { storeHead })).toMatchObject({
      ok: false,
      reason: 'the log ends at line 2 but the store wrote up to seq 4: the last lines were removed',
      removedTail: { endsAt: 2, storeSeq: 4 },
    });
    expect(await verifyAuditFile(paths.auditFile, { storeHead: { seq: 2, hash: 'f'.repeat(64) } })).toMatchObject({ ok: false, line: 2 });
    await store.close().catch(() => undefined);
  });

  it('npm run audit:verify detects deleted last lines from the journal, while the store runs (lock held)', async () => {
    const paths = tempStorePaths('audit-test-');
    const store = await openStore({ ...paths, seed: () => buildOrg() });
    for (let i = 0; i < 3; i++) await store.audit([auditFor('user-1', `note-${i}`)]);
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
        env: { ...process.env, AUDIT_FILE: paths.auditFile, DATA_FILE: paths.dataFile },
        encoding: 'utf8',
      });
    const good = run();
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("3 lines, hash chain intact; it reaches the store's last line (seq 3)");
    const lines = fs.readFileSync(paths.auditFile, 'utf8').split('\n').slice(0, -1);
    fs.writeFileSync(paths.auditFile, `${lines[0]}\n`);
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('the log ends at line 1 but the store wrote up to seq 3: the last lines were removed');
    await store.close().catch(() => undefined);
  });

  it('audit lines whose journal line is gone are damage, not a crash (the journal is written first): the store does not open and cuts nothing; audit lines a crash kept out are restored from the journal', async () => {
    const paths = tempStorePaths('audit-test-');
    const journal = `${paths.dataFile}.journal`;
    const store = await openStore({ ...paths, seed: () => buildOrg() });
    await store.commit({ mutations: [], audit: [auditFor('user-1', 'kept')] });
    const journalBefore = fs.readFileSync(journal);
    const auditBefore = fs.readFileSync(paths.auditFile);
    await store.commit({
      mutations: [{ type: 'user.assign', userId: 'user-1', expectedRev: 0, licenseIds: ['lic-ucm'], attendeeOf: [] }],
      audit: [auditFor('user-1', 'lost-1'), auditFor('user-1', 'lost-2')],
    });
    const journalAfter = fs.readFileSync(journal);
    const auditAfter = fs.readFileSync(paths.auditFile);

    // Damage: the audit lines are there, the journal line is not (a crash cannot do this).
    fs.writeFileSync(journal, journalBefore);
    fs.rmSync(`${paths.dataFile}.lock`, { recursive: true }); // as a crash of the holder and an expired lease leave it
    await expect(openStore(paths)).rejects.toThrow(/audit lines 2–3 whose changes .* do not hold .*npm run store:recover/);
    expect(fs.readFileSync(paths.auditFile).equals(auditAfter)).toBe(true);
    expect(fs.readFileSync(journal).equals(journalBefore)).toBe(true);

    // Crash state 2: the journal line reached the disk, the audit lines did not.
    fs.writeFileSync(journal, journalAfter);
    fs.writeFileSync(paths.auditFile, auditBefore);
    const second = await openStore(paths);
    expect(second.user('user-1')?.rev).toBe(1);
    expect(fs.readFileSync(paths.auditFile).equals(auditAfter)).toBe(true);
    await second.close();
    expect(await verifyAuditFile(paths.auditFile)).toEqual({ ok: true, lines: 3 });
  });
});
