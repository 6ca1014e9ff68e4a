// Child process for the lock tests: opens the store (short lease times from
// STORE_LOCK_STALE_MS / STORE_LOCK_UPDATE_MS) and holds it until SIGTERM or SIGKILL.
// Prints "wait <line>" for the store's waiting line, then "ready <pid>" or "refused <message>".
import { openStore, StoreLoadError } from '../../src/store/index.js';
import { buildOrg } from '../helpers/store-fixtures.js';

const [dataFile, auditFile] = process.argv.slice(2);
if (!dataFile || !auditFile) throw new Error('usage: lock-child.ts <dataFile> <auditFile>');
const lock = { staleMs: Number(process.env.STORE_LOCK_STALE_MS ?? 2000), updateMs: Number(process.env.STORE_LOCK_UPDATE_MS ?? 1000) };

try {
  const store = await openStore({ dataFile, auditFile, seed: () => buildOrg({ users: 3 }), lock, log: (level, message) => process.stdout.write(`${level === 'warn' ? 'wait' : 'error'} ${message}\n`) });
  process.stdout.write(`ready ${process.pid}\n`);
  const keepAlive = setInterval(() => undefined, 60_000);
  process.on('SIGTERM', () => {
    clearInterval(keepAlive);
    void store.close().then(() => process.exit(0));
  });
} catch (error) {
  if (!(error instanceof StoreLoadError)) throw error;
  process.stdout.write(`refused ${error.message}\n`);
  process.exit(2);
}
