// Diagnosis: only the durable-throughput part (npx tsx bench/diag-throughput.ts [users] [ms]).
import { generateOrg } from './generate-org.js';
import { benchNaive, benchOurs } from './throughput.js';

const users = Number(process.argv[2] ?? 10000);
const durationMs = Number(process.argv[3] ?? 1500);
const document = generateOrg({ users });
for (const editors of [1, 10, 50]) console.log(JSON.stringify(await benchOurs(document, { editors, durationMs })));
console.log(JSON.stringify(await benchNaive(structuredClone(document), { durationMs })));
