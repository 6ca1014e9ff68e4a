// npm run export -- <file.csv> [--control-hub-only]
// Writes the users in DATA_FILE as a Control Hub user CSV. Reads the files without taking
// the store's lock, so it also works while the bot runs.
import { rename, writeFile } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../src/store/index.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnvOrExit } from '../src/config.js';
import { exportDocumentCsvFiles } from '../src/csv/export.js';
import { MAX_ROWS } from '../src/csv/parse.js';
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
  const parts = exportDocumentCsvFiles(document, { controlHubOnly: values['control-hub-only'] });
  // More users than one file may hold: users-1.csv, users-2.csv, ... each importable again.
  const { dir, name, ext } = path.parse(file);
  const names = parts.length === 1 ? [file] : parts.map((_, i) => path.join(dir, `${name}-${i + 1}${ext || '.csv'}`));
  for (const [i, csvText] of parts.entries()) {
    const target = names[i]!;
    // Write beside the target, then rename: a half-written file never has the target's name.
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, csvText, { mode: PRIVATE_FILE_MODE });
    await rename(temp, target);
  }
  const split = parts.length > 1 ? ` (split in ${parts.length} files of at most ${MAX_ROWS} users)` : '';
  console.log(`Wrote ${document.users.length} users and ${document.licenses.length} license columns to ${names.join(', ')}${split}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
