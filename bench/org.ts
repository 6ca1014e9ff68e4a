// The admin connection under load (bench/org-child.ts, one fresh process, with the emulated
// org in a second one): a sync of a large org with drift while the bot answers clicks, and
// outbox changes applied through the emulator's rate limit.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncResult } from '../src/flows/org/sync.js';
import type { Percentiles } from './stats.js';

export interface ProbeRun {
  all: Percentiles;
  command: Percentiles;
  click: Percentiles;
  commits: number;
}

export interface OrgSyncRun {
  users: number;
  drift: number;
  result: SyncResult;
  outsideLines: number;
  driftInStore: number;
  syncMs: number;
  syncCpuMs: number;
  commitMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  maxRssMb: number;
  eventLoop: { maxMs: number; p99Ms: number; meanMs: number };
  phases: Record<string, number>;
  blocks: Array<{ atMs: number; ms: number }>;
  withoutSync: ProbeRun;
  duringSync: ProbeRun;
}

export interface OutboxRun {
  rateLimitPerSecond: number;
  changes: number;
  seconds: number;
  perSecond: number;
  applied: number;
  statuses: Record<string, number>;
  heldInOrg: number;
  patches: number;
  rateLimited: number;
  workerAttempts: number;
}

export interface OrgRun {
  sync: OrgSyncRun;
  outbox: OutboxRun[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function runOrg(options: { users: number; driftEvery: number; changes: number; rates: number[]; baselineMs: number }): OrgRun {
  const args = [
    '--expose-gc', '--import', 'tsx', path.join(here, 'org-child.ts'),
    '--users', String(options.users), '--drift-every', String(options.driftEvery), '--changes', String(options.changes),
    '--rates', options.rates.join(','), '--baseline-ms', String(options.baselineMs),
  ];
  const out = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: path.join(here, '..'), env: { ...process.env, LOG_LEVEL: 'error' }, maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`org child failed (${out.status}): ${out.stderr}`);
  process.stderr.write(out.stderr);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as OrgRun;
}
