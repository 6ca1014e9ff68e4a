// Store measurements (not a test): open time, commit throughput, search latency.
//   npx tsx test/store/measure.ts
// Prints one line per figure. Uses temp folders; the machine's disk decides fsync cost.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { OrgDocumentSchema, type OrgDocument } from '../../src/domain/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { buildOrg, makeUser, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

function demoOrg(): OrgDocument {
  const file = 'data/demo-org.json';
  if (fs.existsSync(file)) return OrgDocumentSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return buildOrg({ users: 46 });
}

async function openTime(label: string, org: OrgDocument): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const paths = tempStorePaths('measure-');
    writeOrgFile(paths.dataFile, org);
    const start = performance.now();
    const store = await openStore(paths);
    times.push(performance.now() - start);
    await store.close();
  }
  times.sort((a, b) => a - b);
  console.log(`open ${label} (${org.users.length} users, ${(JSON.stringify(org).length / 1024).toFixed(0)} KiB): median ${times[2]!.toFixed(1)} ms`);
}

async function throughput(label: string, org: OrgDocument, committers: number, perCommitter: number): Promise<number> {
  const paths = tempStorePaths('measure-');
  const store: Store = await openStore({ ...paths, seed: () => org });
  const userIds = org.users.map((u) => u.id);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: committers }, async (_, worker) => {
      for (let i = 0; i < perCommitter; i++) {
        const userId = userIds[(worker + i * committers) % userIds.length]!;
        const user = store.user(userId)!;
        await store.commit({
          mutations: [{ type: 'user.assign', userId, expectedRev: user.rev, licenseIds: user.licenseIds.slice(), attendeeOf: user.attendeeOf.slice() }],
          audit: [{ action: 'license.change', actorId: 'm', actorEmail: 'm@acme.example', targetUserId: userId }],
        });
      }
    }),
  ).catch((error: unknown) => console.log(`  (${(error as Error).name}: ${(error as Error).message})`));
  const seconds = (performance.now() - start) / 1000;
  const rate = (committers * perCommitter) / seconds;
  console.log(`commits/s ${label}, ${committers} concurrent: ${rate.toFixed(0)} (${committers * perCommitter} commits in ${seconds.toFixed(2)} s)`);
  await store.close();
  return rate;
}

/** The naive way: lowdb's JSONFile (steno) and one db.write() per change, awaited. No fsync at all. */
async function naiveLowdb(label: string, org: OrgDocument, changes: number): Promise<number> {
  const paths = tempStorePaths('measure-');
  const db = new Low<OrgDocument>(new JSONFile<OrgDocument>(paths.dataFile), structuredClone(org));
  const start = performance.now();
  for (let i = 0; i < changes; i++) {
    const user = db.data.users[i % db.data.users.length]!;
    user.rev += 1;
    await db.write();
  }
  const rate = changes / ((performance.now() - start) / 1000);
  console.log(`naive lowdb db.write() per change, ${label}: ${rate.toFixed(0)} changes/s (no fsync)`);
  return rate;
}

/** Wall time and CPU time per query: on a busy machine wall time includes waiting for a core. */
function searchLatency(store: Store, queries: string[]): void {
  for (const text of queries) store.searchUsers({ text }); // warm up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 40; round++) {
    for (const text of queries) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      store.searchUsers({ text, limit: 25, type: round % 2 === 0 ? undefined : 'internal' });
      const used = process.cpuUsage(cpuStart);
      wall.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const p = (times: number[], q: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(
    `searchUsers at ${store.userCount()} users (${wall.length} queries): wall p50 ${p(wall, 0.5)} / p99 ${p(wall, 0.99)} ms, cpu p50 ${p(cpu, 0.5)} / p99 ${p(cpu, 0.99)} ms`,
  );
}

const QUERIES = ['a', 'al', 'ali', 'alice', 'alice.m', 'de', 'vries', 'x', 'zz', 'g', 'guest', 'emma v', 'mila.jansen.4', ''];

const demo = demoOrg();
const big = buildOrg({ users: 10_000 });
await openTime('demo org', demo);
await openTime('generated org', big);
await throughput('demo org', demo, 1, 300);
const fifty = await throughput("demo org", demo, 50, 200);
await throughput('10k org', big, 1, 300);
const fiftyBig = await throughput("10k org", big, 50, 200);
const naiveDemo = await naiveLowdb('demo org', demo, 300);
const naiveBig = await naiveLowdb('10k org', big, 100);
console.log(`ratio 50 concurrent / naive lowdb: demo org ${(fifty / naiveDemo).toFixed(1)}x, 10k org ${(fiftyBig / naiveBig).toFixed(1)}x`);

const tenKPaths = tempStorePaths('measure-');
const tenK = await openStore({ ...tenKPaths, seed: () => big });
searchLatency(tenK, QUERIES);
await tenK.close();

const hundredK = buildOrg({ users: 100_000 });
const searchPaths = tempStorePaths('measure-');
writeOrgFile(searchPaths.dataFile, hundredK);
const openStart = performance.now();
const searchStore = await openStore(searchPaths);
console.log(`open generated org (${searchStore.userCount()} users): ${(performance.now() - openStart).toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (this process holds other test orgs too)`);
await searchStore.commit({ mutations: [{ type: 'user.put', user: makeUser(200_000, { id: 'late' }) }] });
searchLatency(searchStore, QUERIES);
await searchStore.close();
