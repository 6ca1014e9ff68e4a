// The sync carries the People API's lastActivity into the store (issue 17, reclaim), through
// the real admin client over HTTP against the emulator playing the org: first seen and moved
// by a day or more it is stored, without a rev bump and without an audit line; a smaller move
// is not written; a license drift carries it in the same user record and audits the licenses only.
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { syncFromOrg } from '../../src/flows/org/sync.js';
import { openStore, type Store } from '../../src/store/index.js';
import { orgSeedFromStore } from '../../src/transports/org-from-store.js';
import { listen, type RunningServer } from '../../src/transports/server.js';
import { createAdminClient } from '../../src/transports/webex-admin/client.js';
import { buildOrg, tempStorePaths } from '../helpers/store-fixtures.js';

let server: RunningServer | undefined;
let store: Store | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  server = store = undefined;
});

async function setUp(): Promise<{ store: Store; emulator: Emulator; sync: () => ReturnType<typeof syncFromOrg>; auditCount: () => Promise<number> }> {
  const paths = tempStorePaths('sync-activity-');
  store = await openStore({ ...paths, seed: () => buildOrg({ users: 4 }) });
  const opened = store;
  const emulator = createEmulator({ bot: { email: 'desk@webex.bot', displayName: 'License Desk' }, people: [], org: orgSeedFromStore(opened, { adminEmail: 'admin@acme.example' }) });
  const root = new Hono({ strict: false });
  root.route('/v1', emulator.api as unknown as Hono);
  server = await listen(root, { port: 0, hostname: '127.0.0.1' });
  const apiBase = `http://127.0.0.1:${server.port}/v1`;
  emulator.setPublicBase(apiBase);
  const org = createAdminClient({ credentials: { kind: 'token', token: emulator.org.adminToken! }, apiBase });
  const auditCount = async () => (await Promise.all(['user-0', 'user-1', 'user-2', 'user-3'].map((id) => opened.history(id, { offset: 0, limit: 50 })))).reduce((n, h) => n + h.total, 0);
  return { store: opened, emulator, sync: () => syncFromOrg({ store: opened, org, now: () => new Date() }), auditCount };
}

describe('the sync and lastActivity', () => {
  it('stores a first-seen lastActivity without a rev bump or an audit line; a move under a day is not written, one of a day is', async () => {
    const { store, emulator, sync, auditCount } = await setUp();
    const user = store.user('user-1')!;
    emulator.org.setLastActivity(user.email, '2026-06-01T08:00:00.000Z');
    const first = await sync();
    expect(first).toMatchObject({ changed: 0, activity: 1 }); // the admin, no desk user yet, is added
    expect(store.user(user.id)).toEqual({ ...user, lastActivity: '2026-06-01T08:00:00.000Z' });
    expect(await auditCount()).toBe(0);

    emulator.org.setLastActivity(user.email, '2026-06-01T20:00:00.000Z');
    expect((await sync()).activity).toBe(0);
    expect(store.user(user.id)!.lastActivity).toBe('2026-06-01T08:00:00.000Z');

    emulator.org.setLastActivity(user.email, '2026-06-03T09:00:00.000Z');
    expect((await sync()).activity).toBe(1);
    expect(store.user(user.id)).toMatchObject({ lastActivity: '2026-06-03T09:00:00.000Z', rev: user.rev });
    expect(await auditCount()).toBe(0);
  });

  it('keeps what it knew when Webex shows no lastActivity, and a license drift carries it with one audit line about the licenses', async () => {
    const { store, emulator, sync, auditCount } = await setUp();
    const user = store.user('user-2')!;
    emulator.org.setLastActivity(user.email, '2026-03-01T10:00:00.000Z');
    await sync();
    emulator.org.setLastActivity(user.email, undefined);
    await sync();
    expect(store.user(user.id)!.lastActivity).toBe('2026-03-01T10:00:00.000Z');

    emulator.org.setLastActivity(user.email, '2026-04-01T10:00:00.000Z');
    emulator.org.changeOutsideDesk(user.email, { add: ['lic-call-pro'] });
    const result = await sync();
    expect(result).toMatchObject({ changed: 1, activity: 0 });
    expect(store.user(user.id)).toMatchObject({ lastActivity: '2026-04-01T10:00:00.000Z', rev: user.rev + 1 });
    const { entries } = await store.history(user.id, { offset: 0, limit: 5 });
    expect(entries.map((e) => e.action)).toEqual(['webex.outside']);
    expect(await auditCount()).toBe(1);
  });
});
