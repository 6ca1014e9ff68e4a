// Durable changes per second. Ours: the real store (journal group commit, audit log,
// fsync on a temp folder on the real disk) with 1, 10 and 50 editors saving at once,
// each on its own users, each change one user.assign + one audit line like an admin's
// Save. Every acknowledged change is then checked twice: a journal fsync and an audit
// fsync that started after it was queued had finished before it was acknowledged, and
// the files on disk (read back without the store) hold it.
// The naive baseline: lowdb Low + JSONFile, db.write() after each change, one at a time.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { AuditInput, OrgDocument, User } from '../src/domain/index.js';
import { nodeFileOps, openStore, readStoreDocument, type FileOps } from '../src/store/index.js';
import { BENCH_LICENSES } from './generate-org.js';
import { percentiles, type Percentiles } from './stats.js';

export interface ThroughputResult {
  editors: number;
  changes: number;
  seconds: number;
  perSecond: number;
  /** Every acknowledged change had its journal and audit fsync, and is on disk. */
  durableVerified: boolean;
  journalFsyncs: number;
  /** Time from commit() to its acknowledgement, as an editor waits for it (ms). */
  latency: Percentiles;
}

/** FileOps that count fsyncs of the journal and the audit log (started and finished). */
function countingFileOps(journalFile: string, auditFile: string) {
  const counts = { journalStarted: 0, journalDone: 0, auditStarted: 0, auditDone: 0 };
  const ops: FileOps = {
    ...nodeFileOps,
    async open(file, flags) {
      const handle = await nodeFileOps.open(file, flags);
      const kind = file === journalFile ? 'journal' : file === auditFile ? 'audit' : undefined;
      if (!kind) return handle;
      return {
        write: (...args) => handle.write(...args),
        read: (...args) => handle.read(...args),
        truncate: (length) => handle.truncate(length),
        stat: () => handle.stat(),
        close: () => handle.close(),
        async sync() {
          counts[`${kind}Started`] += 1;
          await handle.sync();
          counts[`${kind}Done`] += 1;
        },
      };
    },
  };
  return { ops, counts };
}

const toggled = (user: User): string[] =>
  user.licenseIds.includes(BENCH_LICENSES.adv) ? user.licenseIds.filter((id) => id !== BENCH_LICENSES.adv) : [...user.licenseIds, BENCH_LICENSES.adv];

function tempFiles(document: OrgDocument) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  const dataFile = path.join(dir, 'db.json');
  writeFileSync(dataFile, `${JSON.stringify(document, null, 2)}\n`);
  return { dir, dataFile, auditFile: path.join(dir, 'audit.log') };
}

export async function benchOurs(document: OrgDocument, options: { editors: number; durationMs: number }): Promise<ThroughputResult> {
  const { dir, dataFile, auditFile } = tempFiles(document);
  const { ops, counts } = countingFileOps(`${dataFile}.journal`, auditFile);
  const store = await openStore({ dataFile, auditFile, fs: ops });
  try {
    const ids = document.users.map((u) => u.id);
    const lastAcked = new Map<string, { rev: number; licenseIds: string[] }>();
    let acknowledged = 0;
    let unsynced = 0;
    const latencies: number[] = [];
    const started = performance.now();
    const end = started + options.durationMs;
    const editor = async (k: number) => {
      for (let at = k; performance.now() < end; at += options.editors) {
        const user = store.user(ids[at % ids.length]!)!;
        const licenseIds = toggled(user);
        const audit: AuditInput = {
          action: 'license.change', actorId: `p-editor-${k}`, actorEmail: `editor${k}@globex.example`, targetUserId: user.id, targetEmail: user.email,
          before: { licenseIds: user.licenseIds, attendeeOf: user.attendeeOf }, after: { licenseIds, attendeeOf: user.attendeeOf }, codes: [],
        };
        const journalBefore = counts.journalStarted;
        const auditBefore = counts.auditStarted;
        const queued = performance.now();
        await store.commit({ mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds, attendeeOf: [...user.attendeeOf] }], audit: [audit] });
        latencies.push(performance.now() - queued);
        if (counts.journalDone <= journalBefore || counts.auditDone <= auditBefore) unsynced += 1;
        lastAcked.set(user.id, { rev: user.rev + 1, licenseIds });
        acknowledged += 1;
      }
    };
    await Promise.all(Array.from({ length: options.editors }, (_, k) => editor(k)));
    const seconds = (performance.now() - started) / 1000;
    // Read back what is on disk (snapshot + journal) without the store, before close() writes a snapshot.
    const onDisk = new Map((await readStoreDocument({ dataFile })).users.map((u) => [u.id, u]));
    const allOnDisk = [...lastAcked].every(([id, want]) => {
      const got = onDisk.get(id);
      return got?.rev === want.rev && got.licenseIds.join() === want.licenseIds.join();
    });
    const auditLines = readFileSync(auditFile, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
    return {
      editors: options.editors,
      changes: acknowledged,
      seconds,
      perSecond: acknowledged / seconds,
      durableVerified: unsynced === 0 && allOnDisk && auditLines >= acknowledged,
      journalFsyncs: counts.journalDone,
      latency: percentiles(latencies),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** lowdb as its README shows it: change db.data, await db.write(), one change at a time. */
export async function benchNaive(document: OrgDocument, options: { durationMs: number }): Promise<ThroughputResult> {
  const { dir, dataFile } = tempFiles(document);
  try {
    const db = new Low<OrgDocument>(new JSONFile<OrgDocument>(dataFile), document);
    await db.read();
    const users = db.data.users;
    let changes = 0;
    const latencies: number[] = [];
    const started = performance.now();
    const end = started + options.durationMs;
    for (let at = 0; performance.now() < end; at++) {
      const queued = performance.now();
      const user = users[at % users.length]!;
      user.licenseIds = toggled(user);
      user.rev += 1;
      await db.write();
      latencies.push(performance.now() - queued);
      changes += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    return { editors: 1, changes, seconds, perSecond: changes / seconds, durableVerified: false, journalFsyncs: 0, latency: percentiles(latencies) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
