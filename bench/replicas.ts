// Several replicas on one PostgreSQL (issue 15): durable changes per second with 50 editors
// spread over 1, 2 and 3 replicas (each its own PgStore and connection pool in this process),
// how long a commit on one replica takes to reach another's read model (NOTIFY, then catch-up),
// and start-to-ready of a replica on a database holding the generated org. Skipped (and said
// so) without a PostgreSQL server (TEST_DATABASE_URL, as the tests use).
import { createThrowawayDatabase } from '../test/helpers/throwaway-db.js';
import type { AuditInput, OrgDocument, User } from '../src/domain/index.js';
import { openPgStore, type PgStore } from '../src/store/postgres/index.js';
import { BENCH_LICENSES, generateOrg } from './generate-org.js';
import { percentiles, type Percentiles } from './stats.js';
import type { TargetCheck } from './targets.js';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://desk:desk@127.0.0.1:5432/postgres';

export interface ReplicaRun {
  users: number;
  editors: number;
  durationMs: number;
  throughput: { replicas: number; perSecond: number; acknowledged: number; durable: boolean; commit: Percentiles }[];
  /** From the commit on replica 1 (the database's commit time) to replica 2 having applied it. */
  lag: Percentiles;
  start: { users: number; readyMs: number };
}

/** A throwaway database, or undefined when there is no server. */
const database = (): Promise<{ url: string; drop(): Promise<void> } | undefined> => createThrowawayDatabase(SERVER_URL, 'desk_bench').catch(() => undefined);

const toggled = (user: User): string[] =>
  user.licenseIds.includes(BENCH_LICENSES.adv) ? user.licenseIds.filter((id) => id !== BENCH_LICENSES.adv) : [...user.licenseIds, BENCH_LICENSES.adv];

async function throughputAt(document: OrgDocument, replicas: number, editors: number, durationMs: number): Promise<ReplicaRun['throughput'][number]> {
  const db = (await database())!;
  const stores: PgStore[] = [];
  try {
    for (let i = 0; i < replicas; i++) stores.push(await openPgStore({ url: db.url, seed: () => document, pollMs: 0, maxConnections: Math.ceil(editors / replicas) + 2 }));
    const ids = document.users.map((u) => u.id);
    const acked = new Map<string, string[]>();
    const latencies: number[] = [];
    const started = performance.now();
    const end = started + durationMs;
    const editor = async (k: number) => {
      const store = stores[k % replicas]!;
      for (let at = k; performance.now() < end; at += editors) {
        const user = store.user(ids[at % ids.length]!)!;
        const licenseIds = toggled(user);
        const audit: AuditInput = { action: 'license.change', actorId: `p-${k}`, actorEmail: `editor${k}@globex.example`, targetUserId: user.id, codes: [] };
        const queued = performance.now();
        try {
          await store.commit({ mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds, attendeeOf: [...user.attendeeOf] }], audit: [audit] });
        } catch {
          await store.refresh(); // another replica's commit this one had not seen: look again
          continue;
        }
        latencies.push(performance.now() - queued);
        acked.set(user.id, licenseIds);
      }
    };
    await Promise.all(Array.from({ length: editors }, (_, k) => editor(k)));
    const seconds = (performance.now() - started) / 1000;
    // Durable: a fresh replica reads every acknowledged change from the database.
    const check = await openPgStore({ url: db.url, pollMs: 0 });
    const durable = [...acked].every(([id, want]) => check.user(id)?.licenseIds.join() === want.join());
    await check.close();
    return { replicas, perSecond: latencies.length / seconds, acknowledged: latencies.length, durable, commit: percentiles(latencies) };
  } finally {
    for (const store of stores) await store.close();
    await db.drop();
  }
}

async function lagOf(document: OrgDocument, commits: number): Promise<Percentiles> {
  const db = (await database())!;
  const [a, b] = [await openPgStore({ url: db.url, seed: () => document, pollMs: 0 }), await openPgStore({ url: db.url, seed: () => document, pollMs: 0 })];
  try {
    const start = b.applied.length;
    for (let i = 0; i < commits; i++) {
      await a.audit([{ action: 'license.change', actorId: 'p', actorEmail: 'a@globex.example', targetUserId: document.users[i % document.users.length]!.id, codes: [] }]);
      await new Promise((resolve) => setTimeout(resolve, 5)); // one at a time, as people click
    }
    const deadline = Date.now() + 5000;
    while (b.applied.length - start < commits && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return percentiles(b.applied.slice(start).map((x) => Math.max(0, x.seenAt - x.committedAt)));
  } finally {
    await a.close();
    await b.close();
    await db.drop();
  }
}

async function startAt(users: number): Promise<ReplicaRun['start']> {
  const db = (await database())!;
  try {
    const document = generateOrg({ users });
    await (await openPgStore({ url: db.url, seed: () => document, pollMs: 0 })).close();
    const started = performance.now();
    const store = await openPgStore({ url: db.url, pollMs: 0 });
    const readyMs = performance.now() - started;
    await store.close();
    return { users, readyMs };
  } finally {
    await db.drop();
  }
}

export async function runReplicas(options: { users: number; editors: number; durationMs: number; startUsers: number; log: (line: string) => void }): Promise<ReplicaRun | undefined> {
  const probe = await database();
  if (!probe) {
    options.log(`  replicas: skipped, no PostgreSQL at ${SERVER_URL.replace(/:[^:@/]*@/, ':***@')} (set TEST_DATABASE_URL)`);
    return undefined;
  }
  await probe.drop();
  const document = generateOrg({ users: options.users });
  const throughput = [];
  for (const replicas of [1, 2, 3]) {
    options.log(`  replicas: ${options.editors} editors on ${replicas} replica(s), ${options.users.toLocaleString('en')} users, ${options.durationMs} ms`);
    throughput.push(await throughputAt(document, replicas, options.editors, options.durationMs));
  }
  options.log('  replicas: read-model lag, 300 commits');
  const lag = await lagOf(document, 300);
  options.log(`  replicas: start-to-ready at ${options.startUsers.toLocaleString('en')} users`);
  const start = await startAt(options.startUsers);
  return { users: options.users, editors: options.editors, durationMs: options.durationMs, throughput, lag, start };
}

export function replicaChecks(run: ReplicaRun | undefined): TargetCheck[] {
  if (!run) return [];
  return [
    { name: 'replicas: read-model lag p99', value: run.lag.p99, limit: 100, unit: 'ms', kind: 'max' },
    { name: 'replicas: acked changes durable at 1, 2, 3 replicas', value: run.throughput.every((t) => t.durable) ? 1 : 0, limit: 1, unit: '', kind: 'min' },
  ];
}

export function printReplicas(run: ReplicaRun | undefined, table: (rows: string[][]) => string): void {
  if (!run) return;
  console.log(`\nReplicas on one PostgreSQL (${run.editors} editors, ${run.users.toLocaleString('en')} users, ${run.durationMs} ms each; commit = user.assign + audit line; each replica writes the commits queued meanwhile in one transaction)`);
  console.log(table([['replicas', 'changes/s', 'acked', 'commit p50', 'p99', 'durable'], ...run.throughput.map((t) => [String(t.replicas), t.perSecond.toFixed(0), String(t.acknowledged), t.commit.p50.toFixed(1), t.commit.p99.toFixed(1), t.durable ? 'yes' : 'NO'])]));
  console.log(`read-model lag (commit on one replica → applied on another): p50 ${run.lag.p50.toFixed(1)} ms, p99 ${run.lag.p99.toFixed(1)} ms (${run.lag.samples} commits); start-to-ready of a replica at ${run.start.users.toLocaleString('en')} users: ${run.start.readyMs.toFixed(0)} ms`);
}
