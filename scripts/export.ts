// npm run export -- <file.csv> [--control-hub-only]
// Writes the users in DATA_FILE as a Control Hub user CSV. Reads the files without taking
// the store's lock, so it also works while the bot runs.
import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { configFromEnvOrExit } from '../src/config.js';
import { exportDocumentCsv } from '../src/csv/export.js';
import { readStoreDocument } from '../src/store/index.js';

const USAGE = 'usage: npm run export -- <file.csv> [--control-hub-only]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { 'control-hub-only': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (positionals.length !== 1 || !file) throw new Error(`give exactly one output file\n${USAGE}`);
  const config = configFromEnvOrExit();
  const document = await readStoreDocument({ dataFile: config.dataFile });
  const csvText = exportDocumentCsv(document, { controlHubOnly: values['control-hub-only'] });
  // Write beside the target, then rename: a half-written file never has the target's name.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, csvText);
  await rename(temp, file);
  console.log(`Wrote ${document.users.length} users and ${document.licenses.length} license columns to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
