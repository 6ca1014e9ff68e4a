import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { buildOrg, makeUser, tempStorePaths } from '../helpers/store-fixtures.js';

let store: Store;
beforeAll(async () => {
  const org = buildOrg({ users: 30 });
  org.users.push(
    makeUser(100, { id: 'jose', email: 'j.garcia@acme.example', displayName: 'José García' }),
    makeUser(101, { id: 'anna', email: 'anna.alias@acme.example', displayName: 'Zoë Alibaba' }),
    makeUser(102, { id: 'ext-none', email: 'alien@partner.example', displayName: 'Al External', type: 'external', licenseIds: [] }),
  );
  store = await openStore({ ...tempStorePaths(), seed: () => org });
});
afterAll(() => store.close());

const names = (text: string, extra: object = {}) => store.searchUsers({ text, limit: 100, ...extra }).users.map((u) => u.displayName);

describe('user search', () => {
  it('finds by a prefix of the email or of any word of the name, case-insensitive', () => {
    expect(names('ali')).toEqual(['Al External', 'Alice de Vries', 'Alice Martin', 'Zoë Alibaba']);
    expect(names('MARTIN')).toContain('Alice Martin');
    expect(names('anna.al')).toEqual(['Zoë Alibaba']);
    const vries = names('vries');
    expect(vries).toHaveLength(15); // users 15–29 of the fixture
    expect(vries.every((name) => name.endsWith(' de Vries'))).toBe(true);
  });

  it('ignores accents and needs every word to match', () => {
    expect(names('jose')).toEqual(['José García']);
    expect(names('garc jo')).toEqual(['José García']);
    expect(names('alice vr')).toEqual(['Alice de Vries']);
    expect(names('zzz')).toEqual([]);
  });

  it('filters by type and leaves out external users without licenses when asked (R9)', () => {
    expect(names('al', { type: 'external' })).toEqual(['Al External']);
    expect(names('al', { type: 'external', withLicensesOnly: true })).toEqual([]);
    expect(names('', { type: 'external', withLicensesOnly: true })).toEqual(['Guest One']);
    expect(names('', { type: 'external' })).toEqual(['Al External', 'Guest One', 'Guest Two']);
  });

  it('sorts by display name then email and pages with a total', () => {
    const all = store.searchUsers({ limit: 1000 });
    expect(all.total).toBe(store.userCount());
    const keys = all.users.map((u) => `${u.displayName.toLowerCase()} ${u.email}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en')));
    const page = store.searchUsers({ offset: 5, limit: 3 });
    expect(page.total).toBe(store.userCount());
    expect(page.users).toEqual(all.users.slice(5, 8));
    expect(store.searchUsers({}).users).toHaveLength(25);
  });

  it('follows renames and new users after commits', async () => {
    const user = store.user('user-0')!;
    await store.commit({ mutations: [{ type: 'user.put', user: { ...user, displayName: 'Xavier Quist' }, expectedRev: user.rev }] });
    expect(names('xav')).toEqual(['Xavier Quist']);
    expect(names('martin')).not.toContain('Xavier Quist');
    expect(names('alice')).toContain('Xavier Quist'); // the email still starts with alice
    expect(store.userByEmail(user.email.toUpperCase())?.displayName).toBe('Xavier Quist');
  });
});

describe('license usage', () => {
  it('derives used units from assignments and follows commits', async () => {
    const before = store.usedUnits('lic-call-std');
    const user = store.user('user-5')!;
    await store.commit({ mutations: [{ type: 'user.assign', userId: 'user-5', expectedRev: user.rev, licenseIds: ['lic-call-std', 'lic-msg'], attendeeOf: [] }] });
    expect(store.usedUnits('lic-call-std')).toBe(before + 1);
    const row = store.usage().find((u) => u.license.id === 'lic-call-std')!;
    expect(row).toMatchObject({ used: before + 1, total: 20, free: 20 - before - 1 });
    expect(store.usage()).toHaveLength(store.licenses().length);
    await store.commit({ mutations: [{ type: 'user.delete', userId: 'user-5', expectedRev: user.rev + 1 }] });
    expect(store.usedUnits('lic-call-std')).toBe(before);
  });
});
