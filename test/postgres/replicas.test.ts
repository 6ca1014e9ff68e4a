// Several replicas on one PostgreSQL: a commit on one is seen by the others (NOTIFY, or the poll
// when a notification is lost); a revision check sees the other replicas' commits; an event id is
// claimed once; the singleton lease has one holder and moves when it stops renewing; and the bot
// on two replicas: a wizard whose steps land on different replicas finishes, a Webex retry of
// the Save on the other replica changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createBot } from '../../src/bot/index.js';
import { ConflictError } from '../../src/store/index.js';
import { openPgStore, type PgStore } from '../../src/store/postgres/index.js';
import { loadDemoOrg } from '../../src/demo/demo-org.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { createDriver } from '../helpers/fake-transport.js';
import { auditFor, buildOrg } from '../helpers/store-fixtures.js';
import { havePostgres, throwawayDatabase } from '../helpers/postgres.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function replicas(count: number, seed = () => buildOrg({ users: 5 }), pollMs = 0): Promise<PgStore[]> {
  const db = await throwawayDatabase();
  cleanups.push(db.drop);
  const stores: PgStore[] = [];
  for (let i = 0; i < count; i++) {
    const store = await openPgStore({ url: db.url, seed, pollMs });
    cleanups.push(() => store.close());
    stores.push(store);
  }
  return stores;
}

describe.skipIf(!havePostgres)('replicas on one PostgreSQL', () => {
  it('a commit on one replica reaches the others by notification; a stale revision there conflicts', async () => {
    const [a, b] = await replicas(2);
    const user = a!.user('user-1')!;
    expect(user.licenseIds).not.toEqual(['lic-call-pro']);
    await a!.commit({ mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: ['lic-call-pro'], attendeeOf: [] }], audit: [auditFor(user.id)] });
    await expect.poll(() => b!.user(user.id)!.licenseIds, { timeout: 2000 }).toEqual(['lic-call-pro']);
    expect(b!.auditHead().seq).toBe(1);
    // b's card still carries the old revision: refused, as on one replica.
    await expect(b!.commit({ mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: [], attendeeOf: [] }] })).rejects.toBeInstanceOf(ConflictError);
    // One audit chain across replicas.
    await b!.audit([auditFor('user-2')]);
    expect((await a!.history('user-2', { offset: 0, limit: 5 })).entries[0]!.seq).toBe(2);
    expect((await b!.verifyAudit()).ok).toBe(true);
  });

  it('commits from two replicas at once are serialized: every one lands once, the chain verifies', async () => {
    const [a, b] = await replicas(2);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a! : b!).audit([auditFor(`user-${(i % 5) + 1}`, `n${i}`)])));
    await a!.refresh();
    await b!.refresh();
    expect(a!.auditHead()).toEqual(b!.auditHead());
    expect(a!.auditHead().seq).toBe(40);
    expect(await a!.verifyAudit()).toEqual({ ok: true, lines: 40 });
  });

  it('an event id is claimed once across replicas; the singleton lease has one holder and moves when it runs out', async () => {
    const [a, b] = await replicas(2);
    expect(await a!.claimEvent('evt-1')).toBe(true);
    expect(await b!.claimEvent('evt-1')).toBe(false);
    expect(await a!.lease('singletons', 'replica-a', 300)).toBe(true);
    expect(await b!.lease('singletons', 'replica-b', 300)).toBe(false);
    expect(await a!.lease('singletons', 'replica-a', 300)).toBe(true); // renewed
    await new Promise((resolve) => setTimeout(resolve, 400)); // a stops renewing (it died)
    expect(await b!.lease('singletons', 'replica-b', 300)).toBe(true);
    expect(await a!.lease('singletons', 'replica-a', 300)).toBe(false);
  });

  it('a notification lost: the poll catches the replica up', async () => {
    const [a, b] = await replicas(2, () => buildOrg({ users: 5 }), 50);
    await (b as unknown as { listener: { query(sql: string): Promise<unknown> } }).listener.query('UNLISTEN desk_commit');
    await a!.audit([auditFor('user-1')]);
    await expect.poll(() => b!.auditHead().seq, { timeout: 2000 }).toBe(1);
  });

  it('the bot on two replicas: the wizard\'s steps land on either one, Save once; a retry of the Save event elsewhere is ignored', async () => {
    const [a, b] = await replicas(2, () => loadDemoOrg());
    const bots = [a!, b!].map((store) => createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' } }));
    const drivers = bots.map((bot) => createDriver(bot));
    const EMMA = 'emma.bakker@acme.example';
    const ADV = 'lic-adv-messaging-100101';
    await drivers[0]!.say(ADMIN, `licenses ${EMMA}`);
    // Each click goes to the other replica than the one that sent the card (round robin behind a load balancer).
    let last = drivers[0]!;
    const step = async (n: number, title: string, inputs: Record<string, string> = {}, eventId?: string) => {
      const next = drivers[n % 2]!;
      // Webex's event ids are unique across the org; the two fake drivers would count alike.
      await next.click(ADMIN, title, inputs, { card: last.outbox.lastCard(), eventId: eventId ?? `evt-step-${n}` });
      last = next;
    };
    await step(1, 'Edit licenses');
    await step(2, 'Choose service', { service: 'messaging' });
    await step(3, 'Apply and review', { [`lic.${ADV}`]: 'true' });
    await step(4, 'Save', {}, 'evt-save');
    expect(JSON.stringify(drivers[0]!.outbox.lastCard().card)).toContain('Saved');
    await b!.refresh();
    expect(b!.userByEmail(EMMA)!.licenseIds).toContain(ADV);
    await a!.refresh();
    const saves = (await a!.history(a!.userByEmail(EMMA)!.id, { offset: 0, limit: 5 })).entries.filter((e) => e.action === 'license.change');
    expect(saves).toHaveLength(1);
    // Webex delivers the same Save event again, to the other replica: claimed already, nothing happens.
    const reviewCard = drivers[1]!.outbox.cards().at(-1)!;
    await drivers[1]!.click(ADMIN, 'Save', {}, { card: reviewCard, eventId: 'evt-save' }).catch(() => undefined);
    await b!.refresh();
    expect((await b!.history(b!.userByEmail(EMMA)!.id, { offset: 0, limit: 5 })).entries.filter((e) => e.action === 'license.change')).toHaveLength(1);
  });

  it('a replica writes a snapshot every N batches; a replica started later starts from it and replays only the rest', async () => {
    const db = await throwawayDatabase();
    cleanups.push(db.drop);
    const a = await openPgStore({ url: db.url, seed: () => buildOrg({ users: 5 }), pollMs: 0, snapshotEvery: 3 });
    for (let i = 0; i < 7; i++) await a.audit([auditFor('user-1', `n${i}`)]);
    await a.settle();
    const pool = new pg.Pool({ connectionString: db.url });
    const snapshotAt = Number((await pool.query<{ batch_id: string }>('SELECT batch_id FROM desk_snapshot')).rows[0]!.batch_id);
    await pool.end();
    expect(snapshotAt).toBeGreaterThanOrEqual(6);
    await a.close();
    const b = await openPgStore({ url: db.url, pollMs: 0 });
    cleanups.push(() => b.close());
    expect(b.auditHead().seq).toBe(7);
    expect((await b.verifyAudit()).ok).toBe(true);
  });
});
