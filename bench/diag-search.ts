// Diagnosis: search latency by query class (not part of npm run bench).
import { OrgState } from '../src/store/org-state.js';
import { generateOrg } from './generate-org.js';
import { searchQueries } from './search.js';
import { percentiles } from './stats.js';
import type { Store } from '../src/store/index.js';

const users = Number(process.argv[2] ?? 10000);
const doc = generateOrg({ users });
const state = new OrgState(doc, 'x');
const store = { searchUsers: (q: Parameters<Store['searchUsers']>[0]) => state.searchUsers(q) } as unknown as Store;
const queries = searchQueries(store, 5000);
for (const q of queries.slice(0, 300)) state.searchUsers(q);
const byClass = new Map<string, number[]>();
const slow: string[] = [];
for (let rep = 0; rep < 2; rep++)
for (const q of queries) {
  const t = performance.now();
  const page = state.searchUsers(q);
  const d = performance.now() - t;
  const cls = `${q.type ?? 'all'} len${q.text!.length} ${page.total > 2000 ? '>2000' : page.total > 500 ? '>500' : '<=500'}`;
  (byClass.get(cls) ?? byClass.set(cls, []).get(cls)!).push(d);
  if (d > 1) slow.push(`${d.toFixed(2)} ${JSON.stringify(q)} total=${page.total}`);
}
for (const [cls, times] of [...byClass].sort()) { const p = percentiles(times); console.log(cls.padEnd(28), String(p.samples).padStart(5), p.p50.toFixed(3), p.p99.toFixed(3), p.max.toFixed(3)); }
console.log(slow.length, 'slow', slow.slice(0, 15).join('\n'));
