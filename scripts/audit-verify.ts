// Verify the audit log's hash chain: `npm run audit:verify` (AUDIT_FILE, default data/audit.log).
// Exits 1 and names the first bad line when a line was changed, deleted, moved or cut.
import { verifyAuditFile } from '../src/store/audit-log.js';

const file = process.env.AUDIT_FILE ?? 'data/audit.log';
try {
  const verdict = await verifyAuditFile(file);
  if (verdict.ok) {
    console.log(`${file}: ${verdict.lines} lines, hash chain intact`);
  } else {
    console.error(`${file}: line ${verdict.line} is bad: ${verdict.reason}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`${file}: cannot read it: ${(error as Error).message}`);
  process.exitCode = 1;
}
