// Diagnosis: the Review submit's time distribution at one size (not part of npm run bench).
// node --cpu-prof --import tsx bench/diag-submit.ts 10000
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store/index.js';
import { generateOrg } from './generate-org.js';
import { benchSubmit, silenceLogger } from './submit.js';

silenceLogger();
const users = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'diag-submit-'));
writeFileSync(path.join(dir, 'db.json'), JSON.stringify(generateOrg({ users })));
const store = await openStore({ dataFile: path.join(dir, 'db.json'), auditFile: path.join(dir, 'audit.log') });
const result = await benchSubmit(store, { rounds: Number(process.argv[3] ?? 3000) });
console.log(JSON.stringify(result));
await store.close();
rmSync(dir, { recursive: true, force: true });
