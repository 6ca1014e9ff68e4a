import { afterEach, describe, expect, it } from 'vitest';
import { emptyOrgDocument, type License } from '../../src/domain/index.js';
import { InvalidCommitError, openStore, readStoreDocument, type Mutation, type Store } from '../../src/store/index.js';
import { buildOrg, makeUser, tempStorePaths, type StorePaths } from '../helpers/store-fixtures.js';

let open: Store[] = [];
async function fresh(seed = buildOrg()): Promise<{ store: Store; paths: StorePaths }> {
  const paths = tempStorePaths();
  const store = await openStore({ ...paths, seed: () => seed });
  open.push(store);
  return { store, paths };
}
afterEach(async () => {
  await Promise.all(open.map((store) => store.close()));
  open = [];
});

const NEW_SITE = 'newco.webex.com';
const newMeetings: License = {
  id: 'lic-new-meet',
  name: 'Meeting - Webex Enterprise Edition',
  service: 'meetings',
  subscriptionId: 'Sub-9',
  siteUrl: NEW_SITE,
  totalUnits: 10,
};
const catalog = (parts: Partial<Omit<Extract<Mutation, { type: 'catalog.put' }>, 'type'>>): Mutation => ({
  type: 'catalog.put',
  sites: [],
  subscriptions: [],
  licenses: [],
  ...parts,
});

describe('catalog.put', () => {
  it('loads a catalog and users holding it into an empty store in one commit, durable before and after a snapshot', async () => {
    const { store, paths } = await fresh(emptyOrgDocument('Newco'));
    const user = makeUser(1, { id: 'u-1', licenseIds: ['lic-new-meet'], attendeeOf: [] });
    await store.commit({
      mutations: [
        catalog({ sites: [{ url: NEW_SITE, attendeeAccountEnabled: true }], subscriptions: [{ id: 'Sub-9' }], licenses: [newMeetings] }),
        { type: 'user.put', user },
      ],
    });
    expect(store.licenses()).toEqual([newMeetings]);
    expect(store.site(NEW_SITE)).toEqual({ url: NEW_SITE, attendeeAccountEnabled: true });
    expect(store.subscriptions()).toEqual([{ id: 'Sub-9' }]);
    expect(store.usedUnits('lic-new-meet')).toBe(1);

    // Journal replay (the snapshot is still the empty org).
    const replayed = await readStoreDocument({ dataFile: paths.dataFile });
    expect(replayed.licenses).toEqual([newMeetings]);
    expect(replayed.users.map((u) => u.id)).toEqual(['u-1']);

    await store.close();
    const reopened = await openStore(paths);
    open.push(reopened);
    expect(reopened.license('lic-new-meet')).toEqual(newMeetings);
    expect(reopened.userByEmail(user.email)?.licenseIds).toEqual(['lic-new-meet']);
  });

  it('updates an existing license in place: same id keeps its holders and order, new total shows in usage', async () => {
    const { store } = await fresh();
    const before = store.licenses().map((l) => l.id);
    const used = store.usedUnits('lic-msg');
    const msg = store.license('lic-msg')!;
    await store.commit({ mutations: [catalog({ licenses: [{ ...msg, totalUnits: 123 }] })] });
    expect(store.licenses().map((l) => l.id)).toEqual(before);
    expect(store.license('lic-msg')?.totalUnits).toBe(123);
    expect(store.usedUnits('lic-msg')).toBe(used);
    expect(store.usage().find((u) => u.license.id === 'lic-msg')).toMatchObject({ used, total: 123 });
  });

  it('refuses a license naming an unknown subscription or site, and changes nothing', async () => {
    const { store } = await fresh();
    const count = store.licenses().length;
    await expect(store.commit({ mutations: [catalog({ licenses: [newMeetings] })] })).rejects.toThrow(InvalidCommitError);
    await expect(
      store.commit({ mutations: [catalog({ subscriptions: [{ id: 'Sub-9' }], licenses: [newMeetings] })] }),
    ).rejects.toThrow(/unknown site newco\.webex\.com/);
    await expect(
      store.commit({ mutations: [catalog({ licenses: [{ ...newMeetings, service: 'messaging' }] })] }),
    ).rejects.toThrow(/invalid license lic-new-meet/);
    expect(store.licenses()).toHaveLength(count);
    expect(store.subscriptions().map((s) => s.id)).not.toContain('Sub-9');
  });

  it('a user naming a license that only a later commit adds is refused', async () => {
    const { store } = await fresh(emptyOrgDocument());
    const user = makeUser(1, { id: 'u-1', licenseIds: ['lic-new-meet'] });
    await expect(store.commit({ mutations: [{ type: 'user.put', user }] })).rejects.toThrow(/unknown license lic-new-meet/);
    expect(store.userCount()).toBe(0);
  });
});
