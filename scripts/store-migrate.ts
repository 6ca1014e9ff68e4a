// Move the desk between a data file and PostgreSQL, with the bot stopped:
//   npm run store:migrate -- --from data/db.json --to postgres://…   (the audit log: --audit, default AUDIT_FILE)
//   npm run store:migrate -- --from postgres://… --to data/db.json   (writes the data file and its audit log)
// Both sides are compared afterwards (every record, and the audit chain); the source is never changed.
import { parseArgs } from 'node:util';
import { configFromEnvOrExit } from '../src/config.js';
import { fileToPostgres, postgresToFile } from '../src/store/postgres/move.js';
import { safeUrl } from '../src/store/postgres/index.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, audit: { type: 'string' } } });
const isUrl = (value: string) => /^postgres(ql)?:\/\//.test(value);
if (!values.from || !values.to || isUrl(values.from) === isUrl(values.to)) {
  console.error('usage: npm run store:migrate -- --from <data file | postgres://…> --to <postgres://… | data file> [--audit <audit log>]');
  process.exit(2);
}
const auditFile = values.audit ?? configFromEnvOrExit().auditFile;
try {
  const report = isUrl(values.from)
    ? await postgresToFile({ url: values.from, dataFile: values.to, auditFile })
    : await fileToPostgres({ dataFile: values.from, auditFile, url: values.to });
  const [from, to] = [values.from, values.to].map((v) => (isUrl(v) ? safeUrl(v) : v));
  console.log(`moved ${from} → ${to}: ${report.users} users, ${report.auditLines} audit lines (up to seq ${report.auditSeq}); both sides compared: the same org, the audit chain verifies`);
} catch (error) {
  console.error(`store:migrate: ${(error as Error).message}`);
  process.exitCode = 1;
}
