// Diagnosis: the parts of a store load, each timed on its own (min of 3, CPU and wall),
// with a GC between them. node --expose-gc --import tsx bench/diag-load.ts <db.json>
import { readFileSync } from 'node:fs';
import { OrgDocumentSchema, type OrgDocument } from '../src/domain/index.js';
import { OrgState } from '../src/store/org-state.js';
import { UserSearchIndex } from '../src/store/user-search.js';
import { cpuMs } from './stats.js';

const file = process.argv[2]!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const best = new Map<string, { wall: number; cpu: number }>();
function time<T>(name: string, fn: () => T): T {
  gc();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = fn();
  const wall = performance.now() - started;
  const used = cpuMs(process.cpuUsage(cpu));
  const prev = best.get(name);
  if (!prev || used < prev.cpu) best.set(name, { wall, cpu: used });
  return result;
}
for (let run = 0; run < 3; run++) {
  const bytes = time('read', () => readFileSync(file));
  const text = time('utf8', () => bytes.toString('utf8'));
  const raw: unknown = time('JSON.parse', () => JSON.parse(text));
  const doc: OrgDocument = time('zod', () => OrgDocumentSchema.parse(raw));
  time('zod users only', () => OrgDocumentSchema.shape.users.parse((raw as OrgDocument).users));
  time('search index', () => new UserSearchIndex(doc.users));
  time('OrgState (maps + units + index)', () => new OrgState(doc, file));
}
for (const [name, { wall, cpu }] of best) console.log(`${name.padEnd(34)} cpu ${cpu.toFixed(0).padStart(5)} ms  wall ${wall.toFixed(0).padStart(5)} ms`);
