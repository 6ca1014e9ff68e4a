// Crash: the real bot and store in a child process, four admins saving license changes
// through the wizard at once, killed with SIGKILL at 50 seeded points (after a seeded
// number of confirmed Saves, sometimes before the first). After every kill the store
// opens (load + schema validation + journal replay), holds every Save the person saw
// confirmed, agrees with the audit log, and the audit chain verifies.
import { copyFileSync, rmSync, mkdtempSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/index.js';
import { openStore, verifyAuditFile } from '../../src/store/index.js';
import { DEMO_ORG, readAuditLines } from '../helpers/demo-org-copy.js';
import { bundleChild, runUntilKilled, seededRandom } from './child-process.js';

const KILLS = 50;
let bundle: string;
let dir: string;

beforeAll(async () => {
  bundle = await bundleChild('test/reliability/crash-child.ts');
  dir = mkdtempSync(path.join(os.tmpdir(), 'reliability-crash-'));
});
afterAll(() => {
  if (bundle) unlinkSync(bundle);
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
});
