// The Webex edge end to end (bench/edge-child.ts, one process per run): Webex calls per
// action and felt latency at an injected round-trip time, with card edits refused (Webex's
// reference) and accepted (what card samples see).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Percentiles } from './stats.js';

export interface EdgeRun {
  rttMs: number;
  cardEdits: 'refused' | 'accepted';
  command: Percentiles & { callsBeforeReply: number };
  click: Percentiles & { callsBeforeReply: number };
  newSpace: Percentiles & { callsBeforeReply: number };
  wholeEdit: Percentiles & { calls: number };
  sustained: Array<{ rate: number; events: number; p50: number; p99: number }>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function runEdge(options: { rttMs: number; cardEdits: 'refused' | 'accepted'; rounds: number; rates: number[]; seconds: number }): EdgeRun {
  const args = ['--import', 'tsx', path.join(here, 'edge-child.ts'), '--rtt', String(options.rttMs), '--edits', options.cardEdits, '--rounds', String(options.rounds), '--rates', options.rates.join(','), '--seconds', String(options.seconds)];
  const out = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: path.join(here, '..'), env: { ...process.env, LOG_LEVEL: 'error' } });
  if (out.status !== 0) throw new Error(`edge child failed (${out.status}): ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as EdgeRun;
}

/** The highest rate whose p99 stayed within 100 ms of the floor (one round trip). */
export const sustainedRate = (run: EdgeRun): number | undefined =>
  run.sustained.filter((s) => s.p99 <= run.rttMs + 100).reduce<number | undefined>((best, s) => Math.max(best ?? 0, s.rate), undefined);
