// The Webex side of the org benchmark, in its own process (its JSON pages and PATCH
// handling are Webex's work, not the bot's: they must not land in the bot's event loop or
// RSS). The emulator plays the generated org as the store holds it (orgSeedFromStore),
// with the drift applied outside the desk, served over HTTP on 127.0.0.1. Prints one JSON
// line {port, adminToken, drift}; /bench/* answers the bench's questions about the org.
// Usage: org-emulator-child.ts --users N --drift-every K
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { createEmulator } from '../src/emulator/index.js';
import { openStore } from '../src/store/index.js';
import { orgSeedFromStore } from '../src/transports/org-from-store.js';
import { listen } from '../src/transports/server.js';
import { generateOrg } from './generate-org.js';
import { adminEmailOf, driftOf } from './org-drift.js';
import { silenceLogger } from './submit.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const USERS = Number(arg('users', '10000'));
const DRIFT_EVERY = Number(arg('drift-every', '100'));

silenceLogger();
const document = generateOrg({ users: USERS });
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-org-emulator-'));
const dataFile = path.join(dir, 'db.json');
writeFileSync(dataFile, JSON.stringify(document));
const store = await openStore({ dataFile, auditFile: path.join(dir, 'audit.log') });
const seed = orgSeedFromStore(store, { adminEmail: adminEmailOf(document) });
await store.close();
rmSync(dir, { recursive: true, force: true });

const emulator = createEmulator({ bot: { email: 'license-desk@webex.bot', displayName: 'License Desk' }, people: [], org: seed });
const drift = driftOf(document, DRIFT_EVERY);
for (const change of drift) emulator.org.changeOutsideDesk(change.email, { add: change.add, remove: change.remove });

const root = new Hono({ strict: false });
root.get('/bench/counters', (c) => c.json(emulator.org.counters));
root.post('/bench/rate', async (c) => {
  const { perSecond } = await c.req.json<{ perSecond: number }>();
  emulator.behaviour.orgRateLimitPerSecond = perSecond;
  return c.json({ perSecond });
});
/** What Webex holds for these people: {email: licenses}. */
root.post('/bench/holdings', async (c) => {
  const { emails } = await c.req.json<{ emails: string[] }>();
  return c.json(Object.fromEntries(emails.map((email) => [email, emulator.org.person(email)?.licenses ?? null])));
});
root.route('/v1', emulator.api as unknown as Hono);
const server = await listen(root, { port: 0, hostname: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: server.port, adminToken: emulator.org.adminToken, drift: drift.length })}\n`);
// Stops when the bench closes our stdin (it exits, or is done with us).
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
