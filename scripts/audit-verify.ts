// Verify the audit log's hash chain: `npm run audit:verify` (AUDIT_FILE, default data/audit.log).
// Exits 1 and names the first bad line when a line was changed, deleted, moved or cut.
// The chain alone cannot show that the *last* lines were deleted, so the file is also
// checked against where the store says the log ends (DATA_FILE's journal, read without
// the lock, so this works while the bot runs).
import pg from 'pg';
import { configFromEnvOrExit } from '../src/config.js';
import { safeUrl, verifyPgAudit } from '../src/store/postgres/index.js';
import { verifyAuditFile } from '../src/store/audit-verify.js';
import { readStoreAuditHead } from '../src/store/load-store.js';

// The bot's own reading of AUDIT_FILE and DATA_FILE (.env included, empty = default), so both check the same files.
const config = configFromEnvOrExit();
const file = config.auditFile;

// With DATABASE_URL the audit lines are rows: their chain, and that they reach the head every commit updates.
if (config.databaseUrl) {
  const pool = new pg.Pool({ connectionString: config.databaseUrl });
  try {
    const verdict = await verifyPgAudit(pool);
    if (verdict.ok) console.log(`${safeUrl(config.databaseUrl)}: ${verdict.lines} audit rows, hash chain intact, reaching the desk's last line`);
    else {
      console.error(`${safeUrl(config.databaseUrl)}: row ${verdict.line} is bad: ${verdict.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
  process.exit();
}

/** The store's position, or why it is unknown (then only the chain is checked). */
async function storePosition(): Promise<{ head?: { seq: number; hash: string }; note?: string }> {
  try {
    const head = await readStoreAuditHead({ dataFile: config.dataFile });
    if (head) return { head };
    return { note: `${config.dataFile} does not say where the audit log ends (no data file or journal yet)` };
  } catch (error) {
    return { note: `cannot read ${config.dataFile}: ${(error as Error).message}` };
  }
}

try {
  // The position is read first: lines the running bot appends meanwhile only make the file longer.
  const position = await storePosition();
  const verdict = await verifyAuditFile(file, { storeHead: position.head });
  if (verdict.ok) {
    const tail = position.head
      ? `; it reaches the store's last line (seq ${position.head.seq})`
      : `; deleted LAST lines cannot be detected without the store's position (${position.note})`;
    console.log(`${file}: ${verdict.lines} lines, hash chain intact${tail}`);
  } else if (verdict.removedTail) {
    console.error(`${file}: ${verdict.reason} (the store's position is in ${config.dataFile}.journal)`);
    process.exitCode = 1;
  } else {
    console.error(`${file}: line ${verdict.line} is bad: ${verdict.reason}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`${file}: cannot read it: ${(error as Error).message} (set AUDIT_FILE to the bot's audit log)`);
  process.exitCode = 1;
}
