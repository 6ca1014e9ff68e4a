// Apply out survives SIGKILL (DESIGN section 8: the outbox entry is written in the same
// commit as the change, so a crash neither loses nor repeats it). The bot runs as a real
// process (src/main.ts, Webex mode, webhooks, WEBEX_ADMIN_TOKEN); this process plays Webex
// and the org. A change saved through chat is killed at three points:
//   (a) committed, not yet in Webex (the PATCH got a 503: queued with attempts=1 and a backoff);
//   (b) during the PATCH (Webex applied it, its answer is held back);
//   (c) right after Webex answered 200 (before or just after the status commit).
// After a restart the change is applied, Webex got exactly the PATCHes needed (a second one
// would be visible in patchCount), the store says applied with one webex.apply audit line,
// and the audit chain verifies against the store's position.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgChange, User } from '../../src/domain/index.js';
import type { LogEntry } from '../../src/emulator/index.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { readStoreAuditHead, readStoreDocument } from '../../src/store/load-store.js';
import { cardOf } from '../e2e/harness.js';
import { cardText } from '../helpers/cards.js';
import { ADMIN, readAuditLines } from '../helpers/demo-org-copy.js';
import { chatClient, freePort, killHard, serveDemoOrgWebex, startBot, until, type BotProcess, type ServedWebex } from './bot-process.js';

const ADV = 'lic-adv-messaging-100101';
const PATCH_PATH = /^\/licenses\/users$/;
const isPatch = (e: LogEntry) => e.kind === 'api' && e.title === 'PATCH /v1/licenses/users';

let webex: ServedWebex | undefined;
const bots: BotProcess[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) await killHard(bot);
  await webex?.close();
  webex = undefined;
});

async function setUp(prefix: string) {
  webex = await serveDemoOrgWebex(prefix);
  const doc = await readStoreDocument({ dataFile: webex.files.dataFile });
  const user = doc.users.find((u) => u.type === 'internal' && u.status === 'active' && !u.licenseIds.includes(ADV) && u.email !== ADMIN.email)!;
  return { webex, user, port: await freePort() };
}

async function start(served: ServedWebex, port: number): Promise<BotProcess> {
  const bot = await startBot(served, port);
  bots.push(bot);
  return bot;
}

/** As the demo admin in a 1:1: open the user, add Advanced Messaging, Save. Returns the room and the saved card. */
async function saveAdvancedMessaging(served: ServedWebex, user: User) {
  const admin = chatClient(served, ADMIN.email);
  const room = await admin.directRoom();
  let card = await admin.nextCard(room, await admin.say(room, `licenses ${user.email}`), user.displayName);
  card = await admin.click(card, 'Edit licenses');
  card = await admin.click(card, 'Choose service', { service: 'messaging' });
  card = await admin.click(card, 'Apply and review', { [`lic.${ADV}`]: 'true' });
  const marker = admin.snapshot(room);
  const saved = await admin.click(card, 'Save');
  expect(cardText(cardOf(saved))).toMatch(/on its way to Webex|Applied in Webex/);
  return { admin, room, marker };
}

const changeOf = async (served: ServedWebex, user: User): Promise<OrgChange | undefined> =>
  (await readStoreDocument({ dataFile: served.files.dataFile })).orgChanges.find((c) => c.userId === user.id);

/** After a clean stop: the store, the audit trail and the org agree that the change was applied once. */
async function expectAppliedOnce(served: ServedWebex, user: User, patchesBefore: number, patchesNeeded: number) {
  const change = await changeOf(served, user);
  expect(change).toMatchObject({ status: 'applied', licenses: [{ id: ADV, operation: 'add' }] });
  expect(served.emulator.org.person(user.email)?.licenses).toContain(ADV);
  expect(served.emulator.org.patchCount).toBe(patchesBefore + patchesNeeded);
  const applyLines = readAuditLines(served.files.auditFile).filter((l) => l.action === 'webex.apply' && (l.details as { changeId?: string } | undefined)?.changeId === change!.id);
  expect(applyLines).toHaveLength(1);
  const doc = await readStoreDocument({ dataFile: served.files.dataFile });
  expect(doc.users.find((u) => u.id === user.id)?.licenseIds).toContain(ADV);
  const head = await readStoreAuditHead({ dataFile: served.files.dataFile });
  expect(await verifyAuditFile(served.files.auditFile, { storeHead: head })).toMatchObject({ ok: true });
}

async function stopCleanly(bot: BotProcess) {
  bot.child.kill('SIGTERM');
  expect(await bot.exited).toMatchObject({ code: 0 });
}

describe('SIGKILL during apply out (src/main.ts in Webex mode against the emulated org)', () => {
  it('(a) killed after the commit, before the PATCH reached Webex: the restart sends it once and says "Applied in Webex"', async () => {
    const { webex: served, user, port } = await setUp('kill-a-');
    served.emulator.faults.inject({ method: 'PATCH', path: PATCH_PATH, status: 503 });
    const first = await start(served, port);
    const patches = served.emulator.org.patchCount;
    const { admin, room, marker } = await saveAdvancedMessaging(served, user);

    // The 503 came back: the change waits on disk with attempts=1 and a backoff.
    const queued = await until('the change queued again after the 503', async () => {
      const change = await changeOf(served, user);
      return change?.attempts === 1 ? change : undefined;
    });
    expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
    expect(queued.notBefore).toBeDefined();
    await killHard(first);
    expect(served.emulator.org.person(user.email)?.licenses).not.toContain(ADV);
    expect(served.emulator.org.patchCount).toBe(patches); // the 503 was answered before the org saw it

    const second = await start(served, port);
    const applied = await admin.nextCard(room, marker, 'Applied in Webex', 20_000);
    expect(cardText(cardOf(applied))).toContain('✓ + Advanced Messaging');
    await stopCleanly(second);
    await expectAppliedOnce(served, user, patches, 1);
  });

  it('(b) killed while Webex holds the answer to a PATCH it applied: the restart re-reads the person and sends nothing again', async () => {
    const { webex: served, user, port } = await setUp('kill-b-');
    served.emulator.faults.inject({ method: 'PATCH', path: PATCH_PATH, kind: 'timeout', holdMs: 20_000 });
    const first = await start(served, port);
    const patches = served.emulator.org.patchCount;
    const { admin, room, marker } = await saveAdvancedMessaging(served, user);

    await until('Webex to apply the PATCH (its answer held)', () => served.emulator.org.person(user.email)?.licenses.includes(ADV));
    await killHard(first);
    expect(served.emulator.org.patchCount).toBe(patches + 1);
    expect(await changeOf(served, user)).toMatchObject({ status: 'queued', attempts: 0 }); // the answer never came

    const second = await start(served, port);
    const applied = await admin.nextCard(room, marker, 'Applied in Webex', 20_000);
    expect(cardText(cardOf(applied))).toContain('✓ + Advanced Messaging');
    await stopCleanly(second);
    await expectAppliedOnce(served, user, patches, 1);
  });

  // 2 ms after the answer the status commit has not landed (seen every time here); 25 ms
  // after, it has. Both must end with the change applied once.
  it.each([2, 25])('(c) killed %i ms after Webex answered 200: applied once whether or not the status commit landed', async (delayMs) => {
    const { webex: served, user, port } = await setUp('kill-c-');
    const first = await start(served, port);
    const patches = served.emulator.org.patchCount;
    // Kill as soon as the emulator has answered (the answer is on its way or just read).
    const killedAfterAnswer = new Promise<void>((resolve) => {
      const unsubscribe = served.emulator.log.subscribe((entry) => {
        if (!isPatch(entry) || entry.status !== 200) return;
        unsubscribe();
        setTimeout(() => {
          first.child.kill('SIGKILL');
          resolve();
        }, delayMs);
      });
    });
    const { admin, room, marker } = await saveAdvancedMessaging(served, user);
    await killedAfterAnswer;
    await first.exited;
    const afterKill = await changeOf(served, user);
    console.log(`(c) ${delayMs} ms: after the kill the store says ${afterKill?.status} (attempts ${afterKill?.attempts})`);
    expect(['queued', 'applied']).toContain(afterKill?.status);

    const second = await start(served, port);
    // Whether the card went out before the kill or not, the admin hears it: a change answered
    // but not yet told is told by the restart.
    await admin.nextCard(room, marker, 'Applied in Webex', 20_000);
    await until('the restarted worker to be done', async () => (await changeOf(served, user))?.told === true);
    await stopCleanly(second);
    await expectAppliedOnce(served, user, patches, 1);
  });
});
