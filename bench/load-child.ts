// Runs in its own process (node --expose-gc), so resident memory is measured on a clean
// heap: RSS before and after openStore, both after a full GC, with the store still open.
// Then, for diagnosis, the same load split into its parts (read, JSON.parse, zod, index).
// Prints one JSON line on stdout.
import { readFile } from 'node:fs/promises';
import { OrgDocumentSchema } from '../src/domain/index.js';
import { openStore } from '../src/store/index.js';
import { OrgState } from '../src/store/org-state.js';
import { hasStoreChecksum } from '../src/store/durable-json-file.js';

const [dataFile, auditFile] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
/** --no-breakdown: only the open (the scale runs, where re-parsing a 1M-user file twice adds seconds). */
const breakdown = !process.argv.includes('--no-breakdown');
if (!dataFile || !auditFile) throw new Error('usage: load-child <dataFile> <auditFile>');

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const settle = () => {
  gc();
  gc();
};

settle();
const rssBefore = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const store = await openStore({ dataFile, auditFile });
const loadMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
/** RSS as the OS sees it when the store is ready, before any forced GC (what a running bot holds). */
const rssReadyMb = process.memoryUsage().rss / 2 ** 20;
settle();
const memory = process.memoryUsage();
const users = store.userCount();
// A search keeps the index warm and proves the store is usable.
const probe = store.searchUsers({ text: 'a', limit: 25 }).total;
await store.close();

const parts = breakdown ? await loadBreakdown(dataFile) : undefined;

/** Where the load time goes (not counted above): the same parts again, a GC before each. */
async function loadBreakdown(dataFile: string) {
  settle();
  const t0 = performance.now();
  const bytes = await readFile(dataFile);
  const text = bytes.toString('utf8');
  const t1 = performance.now();
  settle();
  const t1b = performance.now();
  const raw = JSON.parse(text) as Record<string, unknown>;
  delete raw.storeChecksum;
  const t2 = performance.now();
  settle();
  const t2a = performance.now();
  const trusted = hasStoreChecksum(bytes);
  const t2c = performance.now();
  settle();
  // zod is timed either way; openStore skips it for a store-written snapshot (trusted).
  const t2b = performance.now();
  const document = OrgDocumentSchema.parse(raw);
  const t3 = performance.now();
  settle();
  const t3b = performance.now();
  new OrgState(document, dataFile);
  const t4 = performance.now();

  return { bytes, trusted, breakdownMs: { read: t1 - t0, jsonParse: t2 - t1b, checksum: t2c - t2a, validate: t3 - t2b, index: t4 - t3b } };
}

process.stdout.write(
  `${JSON.stringify({
    users,
    probe,
    loadMs,
    /** CPU time of the load (all threads, GC included): close to loadMs on an idle machine. */
    loadCpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeMb: rssBefore / 2 ** 20,
    rssAfterMb: memory.rss / 2 ** 20,
    rssDeltaMb: (memory.rss - rssBefore) / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
    rssReadyMb,
    fileMb: (parts?.bytes.length ?? 0) / 2 ** 20,
    trusted: parts?.trusted,
    breakdownMs: parts?.breakdownMs ?? {},
  })}\n`,
);
