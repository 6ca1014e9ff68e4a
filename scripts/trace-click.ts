// Which of our source files one Save click runs: the real bot and store on a temp copy of
// the demo org (fake transport, so the Webex edge is not counted), V8's precise coverage
// taken around the click alone. `npx tsx scripts/trace-click.ts` prints the files by layer.
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// Coverage counts are exact only for code compiled after it starts: start it before our modules load.
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
const { ADMIN, createHarness } = await import('../test/helpers/bot-harness.js');

const h = await createHarness();
await h.say(ADMIN, 'licenses emma.bakker@acme.example');
await h.click(ADMIN, 'Edit licenses');
await h.click(ADMIN, 'Choose service', { service: 'messaging' });
await h.click(ADMIN, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });

await session.post('Profiler.takePreciseCoverage'); // resets the counters
await h.click(ADMIN, 'Save');
const { result } = await session.post('Profiler.takePreciseCoverage');
await session.post('Profiler.stopPreciseCoverage');
await h.close();

const files = result
  .filter((script) => script.url.startsWith('file://') && fileURLToPath(script.url).startsWith(SRC))
  // Counters were reset after the imports, so a module's top level counts 0: a file counts when one of its functions ran.
  .filter((script) => script.functions.some((fn) => (fn.ranges[0]?.count ?? 0) > 0))
  .map((script) => path.relative(SRC, fileURLToPath(script.url)))
  .sort();
const byLayer = new Map<string, string[]>();
for (const file of files) {
  const layer = file.includes(path.sep) ? file.split(path.sep)[0]! : file;
  byLayer.set(layer, [...(byLayer.get(layer) ?? []), file]);
}
const rules = byLayer.get('rules') ?? [];
process.stdout.write(`${files.length} files of src/ ran during one Save click (${files.length - rules.length} outside src/rules, ${rules.length} in it)\n`);
for (const [layer, list] of byLayer) process.stdout.write(`${layer} (${list.length}): ${list.map((f) => path.relative(layer, f) || f).join(', ')}\n`);
