// Disk full / write errors under the bot: an admin's Save that cannot be made durable is
// reported as failed (nothing saved), memory and files stay as they were, the bot keeps
// serving, and the same Save succeeds once the disk has space again.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, verifyAuditFile } from '../../src/store/index.js';
import { ADMIN, startBotOnStore, type BotOnStore } from './bot-on-store.js';
import { submitActions } from '../helpers/fake-transport.js';
import { reviewToggle } from './editor.js';
import { faultyFs, type DiskFault } from './faulty-fs.js';

const EMMA = 'emma.bakker@acme.example';
const ADV = 'lic-adv-messaging-100101';
let b: BotOnStore | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

const filesOf = (bot: BotOnStore) => ({
  data: readFileSync(bot.dataFile),
  journal: readFileSync(`${bot.dataFile}.journal`),
  audit: readFileSync(bot.auditFile),
});
const stateOf = (bot: BotOnStore) => ({
  users: bot.store.searchUsers({ limit: 1000 }).users,
  usage: bot.store.usage().map((u) => [u.license.id, u.used]),
});

describe('a Save when the disk is full', () => {
  const faults: [string, DiskFault][] = [
    ['fsync of the journal', { file: /\.journal$/, on: 'sync' }],
    ['write of the journal', { file: /\.journal$/, on: 'write' }],
    ['fsync of the audit log', { file: /audit\.log$/, on: 'sync' }],
    ['write of the audit log', { file: /audit\.log$/, on: 'write' }],
  ];
  for (const [name, fault] of faults) {
    it(`${name} fails with ENOSPC: the admin is told nothing was saved, nothing changed, the bot keeps serving, a later Save works`, async () => {
      const disk = faultyFs();
      b = await startBotOnStore({ fs: disk.ops });
      const admin = b.editor(ADMIN);
      await reviewToggle(admin, { email: EMMA, licenseId: ADV, on: true });
      const review = admin.lastCard();
      const draftId = String(submitActions(review.card!).find((a) => a.title === 'Save')!.data.draftId);
      const draftBefore = b.store.draft(draftId);
      expect(draftBefore).toMatchObject({ step: 'review', status: 'open' });
      const before = { files: filesOf(b), state: stateOf(b) };

      disk.arm(fault);
      await admin.click('Save', {}, review);
      expect(disk.failures()).toBeGreaterThan(0);
      expect(admin.lastAnswer()).toMatch(/The change could not be stored \(reference /);
      expect(admin.lastAnswer()).toContain('Nothing was changed.');
      expect(admin.lastAnswer()).not.toMatch(/Saved:/);
      // Memory and files as they were: the user, the units, the draft (still at review), every byte.
      expect(stateOf(b)).toEqual(before.state);
      expect(b.store.draft(draftId)).toEqual(draftBefore);
      expect(filesOf(b)).toEqual(before.files);

      // The bot keeps serving while the disk is still full: a read-only command answers.
      await admin.say('usage');
      expect(admin.lastAnswer()).toContain('Advanced Messaging');
      expect(stateOf(b)).toEqual(before.state);

      // Space again: the same review card saves.
      disk.disarm();
      await admin.click('Save', {}, review);
      expect(admin.lastAnswer()).toContain('Saved: Emma Bakker');
      expect(b.store.userByEmail(EMMA)!.licenseIds).toContain(ADV);
      expect(b.auditLines().filter((l) => l.action === 'license.change')).toHaveLength(1);
      expect(await verifyAuditFile(b.auditFile)).toMatchObject({ ok: true });
      await b.store.close();
      const reopened = await openStore({ dataFile: b.dataFile, auditFile: b.auditFile });
      expect(reopened.userByEmail(EMMA)!.licenseIds).toContain(ADV);
      await reopened.close();
      b.store = await openStore({ dataFile: b.dataFile, auditFile: b.auditFile }); // for afterEach
    });
  }

  // Save and reassign are one commit each: the change, its audit line and the finished draft
  // (which names that line) are made durable together, so there is no bookkeeping write after
  // the change that a full disk could fail, and no "audit #0".
  const journalLines = (bot: BotOnStore) => readFileSync(`${bot.dataFile}.journal`, 'utf8').split('\n').filter(Boolean).length;

  it('a Save is one durable commit: one journal batch, and the result names the audit line it wrote', async () => {
    b = await startBotOnStore({});
    const admin = b.editor(ADMIN);
    await reviewToggle(admin, { email: EMMA, licenseId: ADV, on: true });
    const before = journalLines(b);
    await admin.click('Save');
    expect(journalLines(b)).toBe(before + 1);
    const line = b.auditLines().filter((l) => l.action === 'license.change').at(-1)!;
    expect(admin.lastAnswer()).toContain(`audit #${line.seq}`);
  });

  it('a reassign (R10) is one durable commit too, and its card names the audit line', async () => {
    b = await startBotOnStore({});
    const admin = b.editor(ADMIN);
    await admin.say(`reassign ${EMMA}`);
    const before = journalLines(b);
    await admin.click('Remove and assign again');
    expect(journalLines(b)).toBe(before + 1);
    const line = b.auditLines().filter((l) => l.action === 'license.reassign').at(-1)!;
    expect(admin.lastAnswer()).toContain(`#${line.seq}`);
  });

  it('the snapshot (checkpoint) cannot be written after a Save: the Save stands (the journal has it) and survives a restart', async () => {
    const disk = faultyFs();
    b = await startBotOnStore({ fs: disk.ops, checkpointEvery: 1 });
    const admin = b.editor(ADMIN);
    await reviewToggle(admin, { email: EMMA, licenseId: ADV, on: true });
    await b.store.settle(); // the snapshots after the wizard's steps are written: the next one is the Save's
    disk.arm({ file: /db\.json\.tmp/, on: 'write' });
    await admin.click('Save');
    await b.store.settle(); // the snapshot is written in the background
    expect(disk.failures()).toBeGreaterThan(0);
    expect(admin.lastAnswer()).toContain('Saved: Emma Bakker');
    await admin.say('usage');
    expect(admin.lastAnswer()).toMatch(/Advanced Messaging\n8 \/ 11\n/);
    disk.disarm();
    await b.store.close();
    const reopened = await openStore({ dataFile: b.dataFile, auditFile: b.auditFile });
    expect(reopened.userByEmail(EMMA)!.licenseIds).toContain(ADV);
    expect(await verifyAuditFile(b.auditFile)).toMatchObject({ ok: true });
    b.store = reopened; // closed by afterEach
  });
});
