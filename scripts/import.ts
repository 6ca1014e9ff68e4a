// npm run import -- <file.csv> [--licenses <licenses.json>] [--mode add-only|add-and-remove] [--dry-run] [--verbose]
// Reads a Control Hub user CSV into the store at DATA_FILE (audit at AUDIT_FILE); --licenses
// adds the org's license catalog (the body of Webex's GET /v1/licenses) in the same commit.
// Exit 0: every row applied (or would be, with --dry-run). Exit 1: some rows refused (the
// accepted ones are applied; the report lists the rest). Exit 2: nothing imported (bad file,
// bad licenses file, a license over its units, bad arguments, store problem).
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { configFromEnvOrExit } from '../src/config.js';
import { IMPORT_MODES, ImportRefusedError, type ImportMode } from '../src/csv/import.js';
import { LicenseFileError, parseWebexLicenses } from '../src/csv/license-catalog.js';
import { CsvFileError, decodeCsvBytes } from '../src/csv/parse.js';
import { formatImportReport } from '../src/csv/report.js';
import { runImport } from '../src/csv/run-import.js';
import type { ImportPlan } from '../src/csv/import.js';
import { importOutbox } from '../src/flows/org/changes.js';
import { randomUUID } from 'node:crypto';
import { openStore, StoreLoadError } from '../src/store/index.js';

const USAGE = 'usage: npm run import -- <file.csv> [--licenses <licenses.json>] [--mode add-only|add-and-remove] [--dry-run] [--verbose]';

const ArgsSchema = z.object({
  file: z.string().min(1),
  licenses: z.string().min(1, { message: '--licenses needs a file' }).optional(),
  mode: z.enum(IMPORT_MODES as [ImportMode, ...ImportMode[]], { message: `--mode must be one of ${IMPORT_MODES.join(', ')}` }),
  dryRun: z.boolean(),
  verbose: z.boolean(),
});

function readArgs(): z.infer<typeof ArgsSchema> {
  const { values, positionals } = parseArgs({
    options: {
      mode: { type: 'string', default: 'add-only' },
      'dry-run': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      licenses: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error(`give exactly one CSV file\n${USAGE}`);
  const parsed = ArgsSchema.safeParse({
    file: positionals[0],
    licenses: values.licenses,
    mode: values.mode,
    dryRun: values['dry-run'],
    verbose: values.verbose,
  });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
  return parsed.data;
}

async function main(): Promise<number> {
  const args = readArgs();
  const config = configFromEnvOrExit();
  const csvText = decodeCsvBytes(await readFile(args.file));
  const licenseCatalog = args.licenses ? await readLicenseFile(args.licenses) : undefined;
  const store = await openStore({
    dataFile: config.dataFile,
    auditFile: config.auditFile,
    log: (level, message) => process.stderr.write(`${level}: ${message}\n`),
  });
  try {
    const result = await runImport({
      store,
      csvText,
      fileName: path.basename(args.file),
      mode: args.mode,
      dryRun: args.dryRun,
      actor: `cli:${os.userInfo().username}`,
      ...(licenseCatalog ? { licenseCatalog } : {}),
      // The bot sends them when it runs with its admin connection (local mode: the emulated org).
      ...(config.adminConnection || config.mode === 'local'
        ? { toWebex: (plan: ImportPlan) => importOutbox(store, { newId: randomUUID, now: () => new Date() }, plan.userChanges) }
        : {}),
    });
    console.log(formatImportReport(result.plan, { dryRun: args.dryRun, verbose: args.verbose }));
    const { planMs, writeMs } = result.timings;
    const history = result.plan.userChanges.length;
    const written = `, written in ${writeMs.toFixed(0)} ms as one commit (audit line ${result.auditSeq}, then ${history} license.change lines for the users' history)`;
    console.log(`Checked in ${planMs.toFixed(0)} ms${result.applied ? written : ''}.`);
    const queued = result.applied ? store.orgChanges({ status: 'queued' }).filter((c) => c.source === 'import').length : 0;
    if (queued > 0) console.log(`${queued} change(s) queued for Webex: the bot applies them when it runs with its admin connection (see \`pending\`).`);
    else if (result.applied && !config.adminConnection && config.mode === 'webex') console.log('Saved in the desk only: without an admin connection nothing is sent to Webex.');
    return result.plan.counts.refused > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function readLicenseFile(file: string) {
  try {
    return { fileName: path.basename(file), items: parseWebexLicenses(await readFile(file, 'utf8')) };
  } catch (error) {
    if (error instanceof LicenseFileError) throw new LicenseFileError(`${file}: ${error.message}`);
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CsvFileError) console.error(`The file was not imported; nothing changed.\n${error.message}`);
    else if (error instanceof LicenseFileError) console.error(`The licenses file cannot be used; nothing changed.\n${error.message}`);
    else if (error instanceof ImportRefusedError) console.error(error.message);
    else if (error instanceof StoreLoadError) console.error(`${error.message}\n(DATA_FILE is created when the bot first starts: npm start)`);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
