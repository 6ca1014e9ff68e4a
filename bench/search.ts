// User search latency: what the select step and `find` ask the store, from a seeded mix
// of queries: empty (the first page of everyone), and 1-4 character prefixes of emails
// and of name words; a fifth of them as the external users list (type + R9 filter).
import type { Store, UserQuery } from '../src/store/index.js';
import { seededRandom } from './prng.js';
import { cpuMs, percentiles, type Percentiles } from './stats.js';

const PAGE = 25;

export function searchQueries(store: Store, count: number, seed = 7): UserQuery[] {
  const random = seededRandom(seed);
  const sample = store.searchUsers({ limit: 5000 }).users;
  const queries: UserQuery[] = [];
  for (let i = 0; i < count; i++) {
    const user = random.pick(sample);
    const kind = random.next();
    const words = user.displayName.split(/\s+/);
    const source = kind < 0.1 ? '' : kind < 0.55 ? user.email : random.pick(words);
    const text = source.slice(0, 1 + random.int(4));
    const external = random.chance(0.2);
    queries.push({
      text,
      limit: PAGE,
      offset: random.chance(0.1) ? PAGE : 0,
      ...(external ? { type: 'external' as const, withLicensesOnly: true } : {}),
    });
  }
  return queries;
}

export interface SearchResult extends Percentiles {
  queries: number;
  meanMatches: number;
  /** The same queries in CPU time: when wall p99 is far above it, the machine was busy (preemption). */
  cpu: Percentiles;
}

export function benchSearch(store: Store, options: { queries: number }): SearchResult {
  const queries = searchQueries(store, options.queries);
  for (const query of queries.slice(0, 200)) store.searchUsers(query); // warm-up (JIT)
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let matches = 0;
  for (const query of queries) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const page = store.searchUsers(query);
    times.push(performance.now() - started);
    cpuTimes.push(cpuMs(process.cpuUsage(cpu)));
    matches += page.total;
  }
  return { ...percentiles(times), queries: queries.length, meanMatches: Math.round(matches / queries.length), cpu: percentiles(cpuTimes) };
}
