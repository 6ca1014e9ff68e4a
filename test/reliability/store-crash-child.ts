// Child process for the store's crash test: commits changes as fast as it can (several
// committers at once, so batches form, a checkpoint every 15 batches) and prints each
// acknowledged change. The parent kills it with SIGKILL after a seeded number of acks.
import { openStore } from '../../src/store/index.js';
import { auditFor, buildOrg } from '../helpers/store-fixtures.js';

const [dataFile, auditFile, committersArg] = process.argv.slice(2);
if (!dataFile || !auditFile) throw new Error('usage: store-crash-child.ts <dataFile> <auditFile> [committers]');
const committers = Number(committersArg ?? '8');
const USERS = 40;

const store = await openStore({ dataFile, auditFile, seed: () => buildOrg({ users: USERS }), checkpointEvery: 15 });
process.stdout.write('ready\n');

let changeNo = 0;
async function committer(worker: number): Promise<never> {
  for (;;) {
    const userId = `user-${(changeNo * 7 + worker) % USERS}`;
    const changeId = `${process.pid}-${++changeNo}`;
    const current = store.user(userId)!;
    const licenseIds = current.rev % 2 === 0 ? ['lic-msg', 'lic-call-pro'] : ['lic-msg'];
    try {
      await store.commit({
        mutations: [{ type: 'user.assign', userId, expectedRev: current.rev, licenseIds, attendeeOf: [] }],
        audit: [auditFor(userId, changeId)],
      });
      process.stdout.write(`ack ${changeId} ${userId} ${current.rev + 1}\n`);
    } catch (error) {
      if ((error as Error).name !== 'ConflictError') throw error;
    }
  }
}
await Promise.all(Array.from({ length: committers }, (_, worker) => committer(worker)));
