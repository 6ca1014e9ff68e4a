// Issue 15 end to end: three bot processes (src/main.ts, Webex mode, DATABASE_URL) behind a small
// round-robin proxy, the emulator playing Webex and the org, 20 admins editing at once. The
// replica holding the singleton lease is SIGKILLed mid-edit. Every acknowledged Save is in the
// store once, every wizard finishes on the survivors (a click that died with the replica is
// clicked again, as a person would), the audit chain verifies, the singletons move to a survivor
// and the changes saved after the kill reach Webex.
import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import { openPgStore } from '../../src/store/postgres/index.js';
import { fileToPostgres } from '../../src/store/postgres/move.js';
import { cardOf } from '../e2e/harness.js';
import { cardText } from '../helpers/cards.js';
import { havePostgres, throwawayDatabase } from '../helpers/postgres.js';
import { chatClient, freePort, killHard, serveDemoOrgWebex, startBot, until, type BotProcess, type ServedWebex } from '../org/bot-process.js';

const ADV = 'lic-adv-messaging-100101';
const EDITORS = 20;
const LEADS = 'this replica runs the outbox worker';

/** A load balancer: each webhook goes to the next replica; one that does not answer is skipped. */
function roundRobin(ports: number[]): { server: Server; port: Promise<number> } {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      for (let tries = 0; tries < ports.length; tries++) {
        const port = ports[next++ % ports.length]!;
        try {
          const answer = await fetch(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json'), 'x-spark-signature': String(req.headers['x-spark-signature'] ?? '') }, body });
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          res.end(Buffer.from(await answer.arrayBuffer()));
          return;
        } catch {
          // that replica is down: the next one
        }
      }
      res.writeHead(502).end();
    });
  });
  return { server, port: new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))) };
}

let served: ServedWebex | undefined;
const bots: BotProcess[] = [];
let proxy: Server | undefined;
let drop: (() => Promise<void>) | undefined;
afterAll(async () => {
  for (const bot of bots) await killHard(bot);
  proxy?.close();
  await served?.close();
  await drop?.();
});

describe.skipIf(!havePostgres)('three replicas on one PostgreSQL behind a load balancer', () => {
  it('20 admins save at once; the lease holder is killed mid-edit; every acknowledged Save lands once, the chain verifies, the singletons move', { timeout: 180_000 }, async () => {
    served = await serveDemoOrgWebex('replicas-e2e-');
    const db = await throwawayDatabase();
    drop = db.drop;
    await fileToPostgres({ dataFile: served.files.dataFile, auditFile: served.files.auditFile, url: db.url });
    // 20 admins, each editing their own user.
    const setup = await openPgStore({ url: db.url, pollMs: 0 });
    const internal = setup.searchUsers({ type: 'internal', limit: 200 }).users.filter((u) => u.status === 'active');
    const admins = internal.slice(0, EDITORS);
    const targets = internal.filter((u) => !u.licenseIds.includes(ADV)).slice(-EDITORS);
    await setup.commit({ mutations: admins.map((u) => ({ type: 'role.put' as const, role: { email: u.email, role: 'admin' as const, addedBy: 'test', addedAt: '2026-12-01T00:00:00.000Z' } })) });
    // The org bought units for everyone (in Control Hub, and the desk's catalog as a sync would read it).
    const adv = setup.license(ADV)!;
    await setup.commit({ mutations: [{ type: 'catalog.put', sites: [], subscriptions: [], licenses: [{ ...adv, totalUnits: 100 }] }] });
    served.emulator.org.model.licenses.get(ADV)!.totalUnits = 100;
    await setup.close();
    expect(targets).toHaveLength(EDITORS);

    const ports = [await freePort(), await freePort(), await freePort()];
    const lb = roundRobin(ports);
    proxy = lb.server;
    const url = `http://127.0.0.1:${await lb.port}/webhook`;
    const env = { DATABASE_URL: db.url, WEBHOOK_URL: url, REPLICA_LEASE_SECONDS: '3' };
    for (const port of ports) bots.push(await startBot(served, port, env, false));
    const leader = await until('one replica to take the singleton lease', () => bots.find((b) => b.output().includes(LEADS)), 20_000);

    const acknowledged = new Set<string>();
    let killed = false;
    const edit = async (index: number) => {
      const admin = chatClient(served!, admins[index]!.email);
      const target = targets[index]!;
      const room = await admin.directRoom();
      /** A click whose replica died is clicked again, as the person would. */
      const click = async (card: Message, title: string, inputs: Record<string, string> = {}): Promise<Message> => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await Promise.race([admin.click(card, title, inputs), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), 6000))]);
          } catch (error) {
            if (attempt >= 3) throw error;
          }
        }
      };
      let card = await admin.nextCard(room, await admin.say(room, `licenses ${target.email}`), target.displayName, 20_000);
      card = await click(card, 'Edit licenses');
      card = await click(card, 'Choose service', { service: 'messaging' });
      card = await click(card, 'Apply and review', { [`lic.${ADV}`]: 'true' });
      if (index === EDITORS / 2 && !killed) {
        killed = true;
        await killHard(leader); // mid-edit: half the admins have saved, the others are on their way
      }
      const saved = await click(card, 'Save');
      expect(cardText(cardOf(saved))).toContain('Saved:');
      acknowledged.add(target.id);
    };
    await Promise.all(admins.map((_, i) => edit(i)));
    expect(acknowledged.size).toBe(EDITORS);

    const survivors = bots.filter((b) => b !== leader);
    await until('a survivor to take over the singletons', () => survivors.some((b) => b.output().includes(LEADS)), 20_000);
    // Every Save reached the org, the ones after the kill too (the new lease holder's outbox worker).
    await until('every change applied in Webex', () => targets.every((t) => served!.emulator.org.person(t.email)?.licenses.includes(ADV)), 30_000).catch(async (error: unknown) => {
      const s = await openPgStore({ url: db.url, pollMs: 0 });
      console.log(targets.filter((t) => !served!.emulator.org.person(t.email)?.licenses.includes(ADV)).map((t) => JSON.stringify(s.orgChanges({ userId: t.id }))));
      for (const b of survivors) console.log(b.output().split('\n').filter((l) => /warn|error|lease|outbox/i.test(l)).slice(-15).join('\n'));
      await s.close();
      throw error;
    });

    const check = await openPgStore({ url: db.url, pollMs: 0 });
    try {
      for (const target of targets) {
        expect(check.user(target.id)!.licenseIds).toContain(ADV);
        const { entries } = await check.history(target.id, { offset: 0, limit: 50 });
        expect(entries.filter((e) => e.action === 'license.change')).toHaveLength(1);
      }
      expect((await check.verifyAudit()).ok).toBe(true);
    } finally {
      await check.close();
    }
  });
});
