// The bench's figures as a table on stdout, and the targets with PASS/MISS.
import type { SearchResult } from './search.js';
import type { SubmitResult } from './submit.js';
import { sustainedRate, type EdgeRun } from './edge.js';
import type { OrgRun } from './org.js';
import { verdictOf, type TargetCheck } from './targets.js';
import type { ThroughputResult } from './throughput.js';
import { printReplicas, replicaChecks, type ReplicaRun } from './replicas.js';
import type { ScaleRun } from './scale-child.js';

export interface SizeResult {
  users: number;
  generateMs: number;
  load: { loadMs: number; loadCpuMs: number; rssDeltaMb: number; rssAfterMb: number; heapUsedMb: number; fileMb: number; breakdownMs: Record<string, number> };
  search: SearchResult;
  submit: SubmitResult;
}

export interface ThroughputRun {
  users: number;
  durationMs: number;
  ours: ThroughputResult[];
  naive: ThroughputResult;
}

export interface BenchResults {
  when: string;
  mode: 'quick' | 'full';
  command: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  seconds: number;
  definitions: Record<string, string>;
  sizes: SizeResult[];
  /** At 10,000 users: the target's figures. */
  throughput: ThroughputRun;
  /** Full runs: the same at 100,000 users, for information. */
  throughputLarge?: ThroughputRun;
  /** The Webex edge through the emulator at injected round-trip times. */
  edge?: EdgeRun[];
  /** The admin connection: a sync of an emulated org while the bot answers, and the outbox at a rate limit. */
  org?: OrgRun;
  /** The store at 100k / 300k (and 1M in full runs): start, RSS, compaction, open with pending batches. */
  scale?: ScaleRun[];
  /** Several replicas on one PostgreSQL (skipped without a server). */
  replicas?: ReplicaRun;
  targets: Array<TargetCheck & { verdict: string }>;
}

const ms = (n: number) => (n < 10 ? n.toFixed(3) : n.toFixed(1));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ')).join('\n');
}

export function targetChecks(results: BenchResults): TargetCheck[] {
  const at = (users: number) => results.sizes.find((s) => s.users === users);
  const ours50 = results.throughput.ours.find((r) => r.editors === 50);
  const ratio = ours50 ? ours50.perSecond / results.throughput.naive.perSecond : undefined;
  const edge = (rtt: number, edits: EdgeRun['cardEdits']) => results.edge?.find((r) => r.rttMs === rtt && r.cardEdits === edits);
  const slow = edge(150, 'refused');
  const most = (pick: (r: EdgeRun) => number) => (results.edge?.length ? Math.max(...results.edge.map(pick)) : undefined);
  return [
    { name: 'edge: calls before the reply, command', value: most((r) => r.command.callsBeforeReply), limit: 1, unit: 'calls', kind: 'max' },
    { name: 'edge: calls before the reply, card click', value: most((r) => r.click.callsBeforeReply), limit: 1, unit: 'calls', kind: 'max' },
    { name: 'edge: calls before the reply, new space', value: most((r) => r.newSpace.callsBeforeReply), limit: 2, unit: 'calls', kind: 'max' },
    { name: 'edge: calls for a whole edit (card edits accepted)', value: edge(150, 'accepted')?.wholeEdit.calls, limit: 11, unit: 'calls', kind: 'max' },
    { name: 'edge: card click felt p50 at RTT 150 ms', value: slow?.click.p50, limit: 170, unit: 'ms', kind: 'max' },
    { name: 'search p99 at 10k users', value: at(10_000)?.search.p99, cpuValue: at(10_000)?.search.cpu.p99, limit: 2, unit: 'ms', kind: 'max' },
    { name: 'submit p99 at 10k users', value: at(10_000)?.submit.review.p99, cpuValue: at(10_000)?.submit.reviewCpu.p99, limit: 5, unit: 'ms', kind: 'max' },
    { name: 'search p99 at 100k users', value: at(100_000)?.search.p99, cpuValue: at(100_000)?.search.cpu.p99, limit: 10, unit: 'ms', kind: 'max' },
    ...scaleChecks(results.scale ?? []),
    ...replicaChecks(results.replicas),
    { name: 'load at 100k users', value: at(100_000)?.load.loadMs, cpuValue: at(100_000)?.load.loadCpuMs, limit: 1500, unit: 'ms', kind: 'max' },
    { name: 'RSS delta at 100k users', value: at(100_000)?.load.rssDeltaMb, limit: 400, unit: 'MB', kind: 'max' },
    { name: '50 editors vs naive lowdb at 10k', value: ratio, limit: 20, unit: '×', kind: 'min' },
    // Wall clock only; in --quick the sync lasts about a second, so its p99 is the one worst of ~50 answers
    // (a GC pause, or another job on a shared CI machine): reported, gated in the full run only.
    { name: `org: bot answers p99 during a sync of ${(results.org?.sync.users ?? 0).toLocaleString('en')} users`, value: results.org?.sync.duringSync.all.p99, limit: 50, unit: 'ms', kind: 'max', gated: results.mode === 'full' },
    // 1 when the sync recorded one outside change per drifted user and the store holds Webex's view of each.
    { name: 'org: outside changes recorded = drift', value: results.org ? (results.org.sync.result.changed === results.org.sync.drift && results.org.sync.outsideLines === results.org.sync.drift && results.org.sync.driftInStore === results.org.sync.drift ? 1 : 0) : undefined, limit: 1, unit: '', kind: 'min' },
    // 1 when every outbox change ended applied and the emulated org holds it.
    { name: 'org: outbox changes applied and held in the org', value: results.org ? (results.org.outbox.every((o) => o.applied === o.changes && o.heldInOrg === o.changes) ? 1 : 0) : undefined, limit: 1, unit: '', kind: 'min' },
    // 1 when every acknowledged change (at 1, 10 and 50 editors) was fsynced and read back from disk.
    { name: 'acked changes durable', value: [results.throughput, results.throughputLarge].every((t) => !t || t.ours.every((r) => r.durableVerified)) ? 1 : 0, limit: 1, unit: '', kind: 'min' },
  ];
}

/** Issue 13's figures: start-to-ready and RSS at 100k (1.5 s, 300 MB) and 300k (3 s, 700 MB), compaction ≤ 20 ms, 1M starts. */
const SCALE_TARGETS: Record<number, { startMs: number; rssMb: number }> = { 100_000: { startMs: 1500, rssMb: 300 }, 300_000: { startMs: 3000, rssMb: 700 } };

function scaleChecks(runs: ScaleRun[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const run of runs) {
    const k = `${run.users / 1000}k`;
    const target = SCALE_TARGETS[run.users];
    if (target) {
      checks.push(
        { name: `start-to-ready at ${k} users`, value: run.start.loadMs, cpuValue: run.start.loadCpuMs, limit: target.startMs, unit: 'ms', kind: 'max' },
        { name: `RSS after start at ${k} users`, value: run.start.rssReadyMb, limit: target.rssMb, unit: 'MB', kind: 'max' },
        { name: `open with ${run.startPending.batches} pending batches at ${k}`, value: run.startPending.loadMs, cpuValue: run.startPending.loadCpuMs, limit: target.startMs, unit: 'ms', kind: 'max' },
        { name: `compaction: longest event-loop stall at ${k}`, value: run.compaction.loopStallMs, limit: 20, unit: 'ms', kind: 'max' },
        { name: `compaction: writer blocked at ${k}`, value: run.compaction.writerBlockMs, limit: 20, unit: 'ms', kind: 'max' },
      );
    } else {
      // 1 when the store opened the org, answered a search and wrote its snapshot.
      checks.push({ name: `${run.users.toLocaleString('en')} users: starts, serves and compacts`, value: run.start.loadMs > 0 && run.compaction.ms > 0 ? 1 : 0, limit: 1, unit: '', kind: 'min' });
    }
  }
  return checks;
}

function printScale(runs: ScaleRun[]): void {
  console.log('\nThe store at scale (store-written snapshot; start = openStore in a fresh process; RSS at ready, no forced GC; compaction = the checkpoint after 1,001 batches while an editor keeps saving)');
  console.log(
    table([
      ['users', 'file MB', 'start ms', 'cpu', 'RSS MB', 'after GC', 'pending 1,000: start', 'RSS', 'compaction ms', 'loop stall', 'writer block', 'commits during', 'RSS peak'],
      ...runs.map((r) => [
        r.users.toLocaleString('en'),
        r.fileMb.toFixed(0),
        r.start.loadMs.toFixed(0),
        r.start.loadCpuMs.toFixed(0),
        r.start.rssReadyMb.toFixed(0),
        r.start.rssAfterMb.toFixed(0),
        r.startPending.loadMs.toFixed(0),
        r.startPending.rssReadyMb.toFixed(0),
        r.compaction.ms.toFixed(0),
        ms(r.compaction.loopStallMs),
        ms(r.compaction.writerBlockMs),
        String(r.compaction.commitsDuring),
        r.compaction.rssPeakMb.toFixed(0),
      ]),
    ]),
  );
}

function printThroughput({ ours, naive, users }: ThroughputRun): void {
  const throughputRows = [
    ['writer', 'changes', 'seconds', 'changes/s', 'vs naive', 'fsyncs', 'wait p50', 'p99', 'max', 'acked = durable'],
    ...ours.map((r) => [
      `store, ${r.editors} editor${r.editors === 1 ? '' : 's'}`,
      String(r.changes),
      r.seconds.toFixed(1),
      r.perSecond.toFixed(0),
      `${(r.perSecond / naive.perSecond).toFixed(1)}×`,
      String(r.journalFsyncs),
      ms(r.latency.p50),
      ms(r.latency.p99),
      ms(r.latency.max),
      r.durableVerified ? 'yes' : 'NO',
    ]),
    ['naive lowdb write()', String(naive.changes), naive.seconds.toFixed(1), naive.perSecond.toFixed(1), '1×', '0', ms(naive.latency.p50), ms(naive.latency.p99), ms(naive.latency.max), 'no fsync'],
  ];
  console.log(`\nDurable changes per second at ${users.toLocaleString('en')} users (wait = commit to acknowledgement, ms)`);
  console.log(table(throughputRows));
}

function printEdge(runs: EdgeRun[]): void {
  const rows = [
    ['RTT', 'card edits', 'command p50/p99', 'click p50/p99', 'new space p50', 'calls before reply', 'whole edit felt', 'whole edit calls', 'sustained events/s (p99 ≤ RTT+100)'],
    ...runs.map((r) => [
      `${r.rttMs} ms`,
      r.cardEdits,
      `${r.command.p50.toFixed(0)}/${r.command.p99.toFixed(0)}`,
      `${r.click.p50.toFixed(0)}/${r.click.p99.toFixed(0)}`,
      r.newSpace.p50.toFixed(0),
      `${r.command.callsBeforeReply}/${r.click.callsBeforeReply}/${r.newSpace.callsBeforeReply}`,
      r.wholeEdit.p50.toFixed(0),
      String(r.wholeEdit.calls),
      r.sustained.length ? `${sustainedRate(r) ?? '< ' + Math.min(...r.sustained.map((s) => s.rate))} (${r.sustained.map((s) => `${s.rate}/s p99 ${s.p99.toFixed(0)}`).join(', ')})` : '—',
    ]),
  ];
  console.log('\nWebex edge through the emulator (felt ms; calls before the reply: command/click/new space)');
  console.log(table(rows));
}

function printOrg({ sync, outbox }: OrgRun): void {
  const p = (x: { p50: number; p99: number; max: number; samples: number }) => `${ms(x.p50)}/${ms(x.p99)}/${ms(x.max)} (${x.samples})`;
  console.log(`\nSync of an emulated org over HTTP (${sync.users.toLocaleString('en')} users, ${sync.drift} changed outside the desk)`);
  console.log(
    table([
      ['sync ms', 'cpu ms', 'commit ms', 'changed', 'audit lines', 'RSS before MB', 'peak MB', 'loop max ms', 'loop p99 ms'],
      [sync.syncMs.toFixed(0), sync.syncCpuMs.toFixed(0), sync.commitMs.toFixed(0), String(sync.result.changed), String(sync.outsideLines), sync.rssBeforeMb.toFixed(0), sync.rssPeakMb.toFixed(0), ms(sync.eventLoop.maxMs), ms(sync.eventLoop.p99Ms)],
    ]),
  );
  console.log('Bot answers (command + Edit licenses click, felt ms p50/p99/max (events))');
  console.log(
    table([
      ['', 'all', 'command', 'click'],
      ['without a sync', p(sync.withoutSync.all), p(sync.withoutSync.command), p(sync.withoutSync.click)],
      ['during the sync', p(sync.duringSync.all), p(sync.duringSync.command), p(sync.duringSync.click)],
    ]),
  );
  if (sync.blocks.length) console.log(`loop stalls > 30 ms during the sync (at ms: length): ${sync.blocks.map((b) => `${b.atMs}: ${b.ms}`).join(', ')}; pages ${sync.phases.firstPageMs ?? '-'}–${sync.phases.lastPageMs ?? '-'} ms, commit from ${sync.phases.commitStartMs ?? '-'} ms`);
  console.log('\nOutbox changes applied through the emulator (OutboxWorker, 4 users in parallel)');
  console.log(
    table([
      ['rate limit', 'changes', 'seconds', 'applied/s', 'applied', 'held in org', 'PATCHes', '429s'],
      ...outbox.map((o) => [o.rateLimitPerSecond ? `${o.rateLimitPerSecond}/s` : 'none', String(o.changes), o.seconds.toFixed(1), o.perSecond.toFixed(1), String(o.applied), String(o.heldInOrg), String(o.patches), String(o.rateLimited)]),
    ]),
  );
}

export function printReport(results: BenchResults): Array<TargetCheck & { verdict: string }> {
  const sizeRows = [
    ['users', 'file MB', 'load', 'load cpu', 'parse/zod/index', 'RSS Δ MB', 'RSS MB', 'search p50', 'p99', 'cpu p99', 'submit p50', 'p99', 'cpu p99', 'step p99'],
    ...results.sizes.map((s) => {
      const b = s.load.breakdownMs;
      return [
        s.users.toLocaleString('en'),
        s.load.fileMb.toFixed(1),
        s.load.loadMs.toFixed(0),
        s.load.loadCpuMs.toFixed(0),
        `${b.jsonParse!.toFixed(0)}/${b.validate!.toFixed(0)}/${b.index!.toFixed(0)}`,
        s.load.rssDeltaMb.toFixed(0),
        s.load.rssAfterMb.toFixed(0),
        ms(s.search.p50),
        ms(s.search.p99),
        ms(s.search.cpu.p99),
        ms(s.submit.review.p50),
        ms(s.submit.review.p99),
        ms(s.submit.reviewCpu.p99),
        ms(s.submit.choose.p99),
      ];
    }),
  ];
  console.log(`\nStore and bot (${results.mode}; times in ms, wall clock unless "cpu"; submit = Review click through createBot without disk; step = choose-service click)`);
  console.log(table(sizeRows));

  for (const run of [results.throughput, results.throughputLarge]) if (run) printThroughput(run);
  if (results.edge?.length) printEdge(results.edge);
  if (results.org) printOrg(results.org);
  if (results.scale?.length) printScale(results.scale);
  printReplicas(results.replicas, table);

  const checks = targetChecks(results).map((check) => ({ ...check, verdict: verdictOf(check) }));
  console.log('\nTargets');
  console.log(
    table([
      ['target', 'measured', 'limit', 'verdict'],
      ...checks.map((c) => [
        c.name,
        c.value === undefined ? '-' : c.unit === '' ? (c.value === 1 ? 'all' : 'NOT ALL') : `${c.unit === 'ms' ? ms(c.value) : c.value.toFixed(1)} ${c.unit}`,
        c.unit === '' ? 'all' : `${c.kind === 'max' ? '≤' : '≥'} ${c.limit} ${c.unit}`,
        c.verdict,
      ]),
    ]),
  );
  return checks;
}
