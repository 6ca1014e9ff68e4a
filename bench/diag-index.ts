// Diagnosis: where building the in-memory state (OrgState + search index) spends its time.
// npx tsx bench/diag-index.ts 100000  (add node --cpu-prof via NODE_OPTIONS to profile)
import { OrgState } from '../src/store/org-state.js';
import { generateOrg } from './generate-org.js';

const users = Number(process.argv[2] ?? 100000);
const doc = generateOrg({ users });
for (let run = 0; run < 3; run++) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  new OrgState(doc, 'x');
  const used = process.cpuUsage(cpu);
  console.log(`OrgState(${users}): ${(performance.now() - t).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms cpu`);
}
