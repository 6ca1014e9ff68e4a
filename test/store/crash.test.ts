import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore, verifyAuditFile } from '../../src/store/index.js';
import { tempStorePaths } from '../helpers/store-fixtures.js';
import { seededRandom as prng } from '../../bench/prng.js';

/** The benchmark's seeded PRNG (mulberry32): the same sequence on every run. */
const seededRandom = (seed: number): (() => number) => prng(seed).next;

interface Ack {
  changeId: string;
  userId: string;
  rev: number;
}

/** Start the child, wait until it is ready, let it run `delayMs`, then SIGKILL it. Returns the acks it printed. */
function runAndKill(paths: { dataFile: string; auditFile: string }, delayMs: number): Promise<{ acks: Ack[]; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/store/crash-child.ts', paths.dataFile, paths.auditFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' || !out.startsWith('ready\n')) {
        reject(new Error(`child ended without our kill (signal ${signal}): ${err}`));
        return;
      }
      // Only complete lines count: a line cut by the kill was not fully printed.
      const lines = out.split('\n').slice(0, -1).filter((line) => line.startsWith('ack '));
      const acks = lines.map((line) => {
        const [, changeId, userId, rev] = line.split(' ');
        return { changeId: changeId!, userId: userId!, rev: Number(rev) };
      });
      resolve({ acks, pid: child.pid! });
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged change through 20 SIGKILLs at random moments', async () => {
    const paths = tempStorePaths('store-crash-');
    const random = seededRandom(20261127);
    let totalAcks = 0;
    const everAcked = new Map<string, number>(); // userId → highest acknowledged rev
    for (let run = 0; run < 20; run++) {
      const delay = 20 + Math.floor(random() * 300);
      const { acks, pid } = await runAndKill(paths, delay);
      totalAcks += acks.length;
      for (const ack of acks) everAcked.set(ack.userId, Math.max(everAcked.get(ack.userId) ?? 0, ack.rev));
      // The dead child's lock is still there; opening takes it over.
      expect(fs.readFileSync(`${paths.dataFile}.lock`, 'utf8').trim()).toBe(String(pid));

      const store = await openStore(paths);
      for (const [userId, rev] of everAcked) {
        expect(store.user(userId)?.rev, `run ${run}: ${userId} acknowledged at rev ${rev}`).toBeGreaterThanOrEqual(rev);
      }
      for (const ack of acks.slice(-5)) {
        const history = await store.history(ack.userId, { offset: 0, limit: 50 });
        expect(history.entries.some((entry) => entry.codes.includes(ack.changeId)), `run ${run}: audit of ${ack.changeId}`).toBe(true);
      }
      expect(await verifyAuditFile(paths.auditFile), `run ${run}`).toMatchObject({ ok: true });
      await store.close();
    }
    expect(totalAcks).toBeGreaterThan(100); // the kills landed while work was going on
  }, 90_000);
});
