// The outbox worker on its own, with a scripted org: the person who saved a change hears
// Webex's answer once it is durable, and a start tells whoever was not told yet (the bot
// stopped in between); after maxAttempts of Webex being away the change fails with Retry.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgChange } from '../../src/domain/index.js';
import { OrgUnavailableError, type LicensePatchResult, type OrgConnection } from '../../src/flows/org/port.js';
import { OutboxWorker } from '../../src/flows/org/worker.js';
import { openStore, type Store } from '../../src/store/index.js';
import { buildOrg, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function storeWith(change: OrgChange): Promise<Store> {
  const paths = tempStorePaths('worker-');
  writeOrgFile(paths.dataFile, buildOrg({ users: 2 }));
  const store = await openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile });
  stores.push(store);
  await store.commit({ mutations: [{ type: 'orgChange.put', change }] });
  return store;
}

const queued = (): OrgChange => ({
  id: 'oc-1',
  userId: 'user-1',
  email: 'user-1@acme.example',
  source: 'save',
  licenses: [{ id: 'lic-cx', operation: 'add' }],
  siteUrls: [],
  status: 'queued',
  parts: [],
  attempts: 0,
  notify: { roomId: 'room-1', personId: 'admin-1' },
  createdAt: '2026-12-01T10:00:00.000Z',
  version: 0,
});

/** An org that holds nothing for the person yet (a start reads the person before it sends a queued change). */
function org(patch: () => Promise<LicensePatchResult>): OrgConnection {
  const no = () => Promise.reject(new Error('not in this test'));
  const person = () => Promise.resolve({ id: 'p-1', email: 'user-1@acme.example', displayName: '', licenses: [], attendeeOf: [], siteAdminOf: [], invitePending: false });
  return { identity: no, licenses: no, people: no, locations: no, availableNumbers: no, person, patchLicenses: patch };
}
const took = (): Promise<LicensePatchResult> => Promise.resolve({ kind: 'done', httpStatus: 200, licenses: ['lic-cx'], attendeeOf: [], pendingLicenses: [], pendingAttendeeOf: [] });

describe('the outbox worker', () => {
  it('a person not told (the notice failed, or the bot stopped first) is told by the next start, once', async () => {
    const store = await storeWith(queued());
    const told: string[] = [];
    let fail = true;
    const notify = (change: OrgChange) => (fail ? Promise.reject(new Error('Webex down')) : Promise.resolve(void told.push(change.status)));
    const first = new OutboxWorker({ store, org: org(took), notify });
    first.start();
    await first.idle();
    await first.stop();
    expect(store.orgChange('oc-1')).toMatchObject({ status: 'applied', told: false });

    fail = false;
    const second = new OutboxWorker({ store, org: org(() => Promise.reject(new Error('must not send again'))), notify });
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await second.stop();
    expect(told).toEqual(['applied']);
    expect(store.orgChange('oc-1')).toMatchObject({ status: 'applied', told: true });
  });

  it('Webex away for every try: after maxAttempts the change fails (with its reason) and the person is told', async () => {
    const store = await storeWith({ ...queued(), notify: { roomId: 'room-1', personId: 'admin-1' } });
    const told: OrgChange[] = [];
    let tries = 0;
    const worker = new OutboxWorker({
      store,
      org: org(() => (tries++, Promise.reject(new OrgUnavailableError('Webex answered 503')))),
      notify: (change) => Promise.resolve(void told.push(change)),
      maxAttempts: 3,
      backoff: { baseMs: 5, maxMs: 10 },
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.idle();
    await worker.stop();
    expect(tries).toBe(3);
    expect(store.orgChange('oc-1')).toMatchObject({ status: 'failed', attempts: 3, parts: [{ key: 'lic-cx', status: 'failed', code: 'unavailable' }] });
    expect(told.map((c) => c.status)).toEqual(['failed']);
  });
});
