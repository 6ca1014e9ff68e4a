// Verify the audit log's hash chain: `npm run audit:verify` (AUDIT_FILE, default data/audit.log).
// Exits 1 and names the first bad line when a line was changed, deleted, moved or cut.
import { configFromEnvOrExit } from '../src/config.js';
import { verifyAuditFile } from '../src/store/audit-log.js';

// The bot's own reading of AUDIT_FILE (.env included, empty = default), so both check the same file.
const file = configFromEnvOrExit().auditFile;
try {
  const verdict = await verifyAuditFile(file);
  if (verdict.ok) {
    console.log(`${file}: ${verdict.lines} lines, hash chain intact`);
  } else {
    console.error(`${file}: line ${verdict.line} is bad: ${verdict.reason}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`${file}: cannot read it: ${(error as Error).message} (set AUDIT_FILE to the bot's audit log)`);
  process.exitCode = 1;
}
