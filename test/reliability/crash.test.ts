// Crash: a child process SIGKILLed at seeded kill points (after a seeded number of
// acknowledged changes, sometimes before the first), two ways: the real bot and store with
// four admins saving through the wizard, and the store alone with eight committers and
// frequent checkpoints. After every kill the store opens (load + schema validation +
// journal replay, the dead child's lock taken over), holds every change that was
// acknowledged, agrees with the audit log, and the audit chain verifies.
import { copyFileSync, readFileSync, rmSync, mkdtempSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/index.js';
import { openStore, verifyAuditFile } from '../../src/store/index.js';
import { DEMO_ORG, readAuditLines } from '../helpers/demo-org-copy.js';
import { expireLockLease } from '../helpers/store-fixtures.js';
import { bundleChild, runUntilKilled, seededRandom } from './child-process.js';

const KILLS = 50;
const STORE_KILLS = 20;
let bundle: string;
let storeBundle: string;
let dir: string;

beforeAll(async () => {
  [bundle, storeBundle] = await Promise.all([bundleChild('test/reliability/crash-child.ts'), bundleChild('test/reliability/store-crash-child.ts')]);
  dir = mkdtempSync(path.join(os.tmpdir(), 'reliability-crash-'));
});
afterAll(() => {
  for (const file of [bundle, storeBundle]) if (file) unlinkSync(file);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('crash safety through the bot', () => {
  it(`keeps every confirmed Save through ${KILLS} SIGKILLs at seeded points, and the audit chain verifies`, async () => {
    const dataFile = path.join(dir, 'db.json');
    const auditFile = path.join(dir, 'audit.log');
    copyFileSync(DEMO_ORG, dataFile);
    const random = seededRandom(20261127);
    const acked = new Map<number, string>(); // audit seq → user id, over all runs
    let killedBeforeAnyAck = 0;

    for (let run = 0; run < KILLS; run++) {
      // Mostly a few Saves in, sometimes right at the start (while the first wizards run).
      const killAfter = random() < 0.15 ? 0 : 1 + Math.floor(random() * 12);
      const { lines } = await runUntilKilled({
        bundle,
        args: [dataFile, auditFile, '4', String(run)],
        killWhen: (printed) => printed.filter((l) => l.startsWith('ack ')).length >= killAfter,
      });
      const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));
      if (acks.length === 0) killedBeforeAnyAck++;
      for (const [, seq, userId] of acks) acked.set(Number(seq), userId!);

      expireLockLease(dataFile); // as if the stale time had passed since the kill
      const store = await openStore({ dataFile, auditFile });
      try {
        expect(await verifyAuditFile(auditFile), `run ${run}`).toMatchObject({ ok: true });
        const audit = readAuditLines(auditFile);
        const bySeq = new Map(audit.map((entry) => [entry.seq, entry]));
        for (const [seq, userId] of acked) {
          expect(bySeq.get(seq), `run ${run}: confirmed Save audit #${seq}`).toMatchObject({ action: 'license.change', targetUserId: userId });
        }
        // The store holds what the last audited change of each user says (no acknowledged change lost, none half-applied).
        const lastChange = new Map<string, AuditEntry>();
        for (const entry of audit) if (entry.action === 'license.change' && entry.targetUserId) lastChange.set(entry.targetUserId, entry);
        for (const [userId, entry] of lastChange) {
          const user = store.user(userId)!;
          expect({ licenseIds: [...user.licenseIds].sort(), attendeeOf: user.attendeeOf }, `run ${run}: ${userId}`).toEqual({
            licenseIds: [...(entry.after as { licenseIds: string[] }).licenseIds].sort(),
            attendeeOf: (entry.after as { attendeeOf: string[] }).attendeeOf,
          });
        }
        // Units are derived from assignments: they match a count over the users.
        const messagingHolders = store.searchUsers({ limit: 1000 }).users.filter((u) => u.licenseIds.includes('lic-messaging-100101')).length;
        expect(store.usedUnits('lic-messaging-100101'), `run ${run}`).toBe(messagingHolders);
      } finally {
        await store.close();
      }
    }
    console.info(`crash suite: ${KILLS} kills, ${acked.size} confirmed Saves checked, ${killedBeforeAnyAck} kills before the first Save of a run`);
    expect(acked.size).toBeGreaterThan(KILLS * 3); // the kills landed while Saves were going on
  }, 110_000);

  it(`keeps every acknowledged commit of the store alone through ${STORE_KILLS} SIGKILLs at seeded points, checkpoints included`, async () => {
    const paths = { dataFile: path.join(dir, 'store.json'), auditFile: path.join(dir, 'store-audit.log') };
    const random = seededRandom(20261201);
    const everAcked = new Map<string, number>(); // userId → highest acknowledged rev
    let totalAcks = 0;
    for (let run = 0; run < STORE_KILLS; run++) {
      const killAfter = random() < 0.15 ? 0 : 1 + Math.floor(random() * 60);
      const { lines, pid } = await runUntilKilled({
        bundle: storeBundle,
        args: [paths.dataFile, paths.auditFile, '8'],
        killWhen: (printed) => printed.filter((l) => l.startsWith('ack ')).length >= killAfter,
      });
      const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));
      totalAcks += acks.length;
      for (const [, , userId, rev] of acks) everAcked.set(userId!, Math.max(everAcked.get(userId!) ?? 0, Number(rev)));
      // The dead child's lock is still there; once its lease expired (aged here instead of
      // waiting the stale time; test/store/lock.test.ts waits for real) opening takes it over.
      expect(JSON.parse(readFileSync(`${paths.dataFile}.lock/owner.json`, 'utf8'))).toMatchObject({ pid });
      expireLockLease(paths.dataFile);
      const store = await openStore(paths);
      try {
        for (const [userId, rev] of everAcked) expect(store.user(userId)?.rev, `run ${run}: ${userId} acknowledged at rev ${rev}`).toBeGreaterThanOrEqual(rev);
        for (const [, changeId, userId] of acks.slice(-5)) {
          const history = await store.history(userId!, { offset: 0, limit: 50 });
          expect(history.entries.some((entry) => entry.codes.includes(changeId!)), `run ${run}: audit of ${changeId}`).toBe(true);
        }
        expect(await verifyAuditFile(paths.auditFile), `run ${run}`).toMatchObject({ ok: true });
      } finally {
        await store.close();
      }
    }
    console.info(`store crash suite: ${STORE_KILLS} kills, ${totalAcks} acknowledged commits`);
    expect(totalAcks).toBeGreaterThan(STORE_KILLS * 10); // the kills landed while commits were going on
  }, 90_000);
});
