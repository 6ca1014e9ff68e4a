// Child process for the crash suite: the real bot on the real store, several admins
// editing users' licenses through the wizard and Save, all at once. Each Save the
// person saw confirmed ("Saved: …", audit #N) is printed as an ack line; the parent
// kills this process with SIGKILL at a seeded point and checks every ack survived.
import { createBot } from '../../src/bot/index.js';
import { openStore } from '../../src/store/index.js';
import { Editor, reviewToggle } from './editor.js';

const [dataFile, auditFile, editorsArg, seedArg] = process.argv.slice(2);
if (!dataFile || !auditFile) throw new Error('usage: crash-child <dataFile> <auditFile> [editors] [seed]');
const EDITORS = Number(editorsArg ?? '4');
const MESSAGING = 'lic-messaging-100101'; // 80 units, every demo user holds one: switching it never runs out

const store = await openStore({ dataFile, auditFile, checkpointEvery: 9 });
const admins = Array.from({ length: EDITORS }, (_, i) => ({ personId: `p-crash-${i}`, email: `crash.${i}@acme.example`, displayName: `Crash ${i}` }));
let ids = 0;
const bot = createBot({
  store,
  config: { adminEmails: admins.map((a) => a.email), helpdeskEmails: [], botLocale: 'en' },
  // Draft ids must not repeat across runs: the store keeps the drafts of earlier runs.
  newId: () => `d-${seedArg ?? '0'}-${process.pid}-${++ids}`,
});
// A third of the demo org's users, so editors often meet on the same user.
const targets = store.searchUsers({ type: 'internal', limit: 16 }).users.map((u) => u.id);
process.stdout.write('ready\n');

async function edit(worker: number): Promise<never> {
  const editor = new Editor(bot, admins[worker]!);
  for (let round = 0; ; round++) {
    const user = store.user(targets[(round * 5 + worker * 3) % targets.length]!)!;
    await reviewToggle(editor, { email: user.email, licenseId: MESSAGING, on: !user.licenseIds.includes(MESSAGING) });
    if (!editor.lastAnswer().includes('Ready to save')) continue; // someone changed the user meanwhile
    await editor.click('Save');
    const saved = /Saved: [^\n]*[\s\S]*\(audit #(\d+)\)/.exec(editor.lastAnswer());
    if (saved) process.stdout.write(`ack ${saved[1]} ${user.id}\n`);
  }
}
await Promise.all(admins.map((_, worker) => edit(worker)));
