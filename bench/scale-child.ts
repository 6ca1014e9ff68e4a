// The store at scale, in one fresh process per size (node --expose-gc, heap room for 1M users):
//   1. a generated org is written as the store writes it (openStore with a seed),
//   2. 1,000 commits (user.assign + audit line, one batch each) leave 1,000 pending journal
//      batches; the files are copied aside as they are (store open, nothing in flight),
//   3. the next commit reaches checkpointEvery: while the snapshot is written, a timer
//      measures the event loop (longest gap of a 1 ms timer) and an editor keeps saving
//      one change after another (its longest wait = how long the writer was blocked),
//   4. start-to-ready and RSS are measured by load-child.ts in fresh processes: on the
//      store-written snapshot, and on the copy with 1,000 pending batches.
// Prints one JSON line on stdout. Usage: scale-child.ts --users N
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditInput, User } from '../src/domain/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { BENCH_LICENSES, generateOrg } from './generate-org.js';
import { percentiles, type Percentiles } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const users = Number(arg('--users'));
const PENDING = 1000;
const log = (line: string) => process.stderr.write(`    [${users}] ${line}\n`);

export interface LoadFigures {
  loadMs: number;
  loadCpuMs: number;
  rssReadyMb: number;
  rssAfterMb: number;
  heapUsedMb: number;
}

export interface ScaleRun {
  users: number;
  fileMb: number;
  seedWriteMs: number;
  /** openStore on the store-written snapshot, fresh process. */
  start: LoadFigures;
  /** openStore with PENDING journal batches to replay, fresh process. */
  startPending: LoadFigures & { batches: number };
  compaction: {
    /** From the commit that reached checkpointEvery to the new snapshot in place. */
    ms: number;
    /** Longest gap of a 1 ms timer minus 1 ms, during the compaction. */
    loopStallMs: number;
    /** Longest wait of one commit queued during the compaction (normally one fsync). */
    writerBlockMs: number;
    commitsDuring: number;
    commitWait: Percentiles;
    /** A commit's wait before the compaction, for comparison. */
    commitWaitBefore: Percentiles;
    rssPeakMb: number;
  };
}

const toggled = (user: User): string[] =>
  user.licenseIds.includes(BENCH_LICENSES.adv) ? user.licenseIds.filter((id) => id !== BENCH_LICENSES.adv) : [...user.licenseIds, BENCH_LICENSES.adv];

/** One admin's Save: a user.assign and its audit line. Returns the wait from commit() to its ack. */
async function saveOne(store: Store, userId: string, editor: number): Promise<number> {
  const user = store.user(userId)!;
  const licenseIds = toggled(user);
  const audit: AuditInput = {
    action: 'license.change', actorId: `p-editor-${editor}`, actorEmail: `editor${editor}@globex.example`, targetUserId: user.id, targetEmail: user.email,
    before: { licenseIds: user.licenseIds, attendeeOf: user.attendeeOf }, after: { licenseIds, attendeeOf: user.attendeeOf }, codes: [],
  };
  const started = performance.now();
  await store.commit({ mutations: [{ type: 'user.assign', userId, expectedRev: user.rev, licenseIds, attendeeOf: [...user.attendeeOf] }], audit: [audit] });
  return performance.now() - started;
}

function measureLoad(dataFile: string, auditFile: string): LoadFigures {
  const child = path.join(here, 'load-child.ts');
  const out = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', child, dataFile, auditFile, '--no-breakdown'], {
    encoding: 'utf8',
    cwd: path.join(here, '..'),
  });
  if (out.status !== 0) throw new Error(`load child failed (${out.status}): ${out.stderr}`);
  const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as LoadFigures;
  return { loadMs: result.loadMs, loadCpuMs: result.loadCpuMs, rssReadyMb: result.rssReadyMb, rssAfterMb: result.rssAfterMb, heapUsedMb: result.heapUsedMb };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-scale-${users}-`));
  try {
    const dataFile = path.join(dir, 'db.json');
    const auditFile = path.join(dir, 'audit.log');
    const journalFile = `${dataFile}.journal`;
    let ids: string[] = [];
    const seedStarted = performance.now();
    const store = await openStore({
      dataFile,
      auditFile,
      checkpointEvery: PENDING + 1,
      seed: () => {
        const document = generateOrg({ users });
        ids = document.users.filter((u) => u.status === 'active').map((u) => u.id);
        return document;
      },
    });
    const seedWriteMs = performance.now() - seedStarted;
    const fileMb = statSync(dataFile).size / 2 ** 20;
    log(`snapshot written (${fileMb.toFixed(0)} MB, ${(seedWriteMs / 1000).toFixed(1)} s with the generation); ${PENDING} commits`);

    const before: number[] = [];
    for (let at = 0; at < PENDING; at++) before.push(await saveOne(store, ids[at % ids.length]!, 0));
    const pendingDir = path.join(dir, 'pending');
    mkdirSync(pendingDir);
    for (const file of [dataFile, journalFile, auditFile]) copyFileSync(file, path.join(pendingDir, path.basename(file)));

    log('compaction');
    const snapshotIno = statSync(dataFile).ino;
    let stall = 0;
    let rssPeak = 0;
    let ticking = true;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      stall = Math.max(stall, now - last - 1);
      last = now;
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      if (ticking) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stall = 0;
    const triggered = performance.now();
    await saveOne(store, ids[PENDING % ids.length]!, 1); // batch PENDING + 1: the checkpoint runs after it
    const during: number[] = [];
    let doneAt: number | undefined;
    for (let at = PENDING + 1; doneAt === undefined || performance.now() < doneAt + 50; at++) {
      during.push(await saveOne(store, ids[at % ids.length]!, 2));
      if (doneAt === undefined && statSync(dataFile).ino !== snapshotIno) doneAt = performance.now();
      if (performance.now() - triggered > 120_000) throw new Error('compaction did not finish in 120 s');
    }
    ticking = false;
    const compaction = {
      ms: doneAt - triggered,
      loopStallMs: stall,
      writerBlockMs: Math.max(...during),
      commitsDuring: during.length,
      commitWait: percentiles(during),
      commitWaitBefore: percentiles(before),
      rssPeakMb: rssPeak / 2 ** 20,
    };
    await store.close();

    log('start-to-ready in fresh processes');
    const start = measureLoad(dataFile, auditFile);
    const startPending = { ...measureLoad(path.join(pendingDir, 'db.json'), path.join(pendingDir, 'audit.log')), batches: PENDING };
    const run: ScaleRun = { users, fileMb, seedWriteMs, start, startPending, compaction };
    process.stdout.write(`${JSON.stringify(run)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
