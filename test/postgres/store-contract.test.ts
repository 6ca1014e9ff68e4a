// The store's contract, run against both stores: the embedded one (lowdb files) and PostgreSQL.
// The same commits must give the same answers: revisions, conflicts, invalid records, audit
// chain and history, request numbers, grants, reopening.
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ConflictError, InvalidCommitError, openStore, verifyAuditFile, type Store } from '../../src/store/index.js';
import { openPgStore, verifyPgAudit } from '../../src/store/postgres/index.js';
import { auditFor, buildOrg, makeRequest, makeUser, tempStorePaths } from '../helpers/store-fixtures.js';
import type { Draft, OrgChange } from '../../src/domain/index.js';
import { havePostgres, throwawayDatabase } from '../helpers/postgres.js';

interface Opened {
  store: Store;
  reopen(): Promise<Store>;
  verify(): Promise<{ ok: boolean }>;
  remove(): Promise<void>;
}

const KINDS: Record<string, () => Promise<Opened>> = {
  lowdb: async () => {
    const paths = tempStorePaths();
    const open = () => openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile, seed: () => buildOrg({ users: 5 }) });
    return { store: await open(), reopen: open, verify: () => verifyAuditFile(paths.auditFile), remove: async () => undefined };
  },
  postgres: async () => {
    const db = await throwawayDatabase();
    const open = () => openPgStore({ url: db.url, seed: () => buildOrg({ users: 5 }), pollMs: 0 });
    return {
      store: await open(),
      reopen: open,
      async verify() {
        const pool = new pg.Pool({ connectionString: db.url });
        try {
          return await verifyPgAudit(pool);
        } finally {
          await pool.end();
        }
      },
      remove: () => db.drop(),
    };
  },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

for (const [kind, make] of Object.entries(KINDS)) {
  describe.skipIf(kind === 'postgres' && !havePostgres)(`the store contract: ${kind}`, () => {
    async function opened(): Promise<Opened> {
      const o = await make();
      cleanups.push(o.remove, () => o.store.close());
      return o;
    }

    it('a commit changes the user, bumps its revision, writes chained audit lines; a stale revision conflicts and changes nothing', async () => {
      const { store, verify } = await opened();
      const user = store.user('user-1')!;
      const result = await store.commit({
        mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: [...user.licenseIds, 'lic-msg'], attendeeOf: user.attendeeOf }],
        audit: [auditFor(user.id, 'first'), auditFor(user.id, 'second')],
      });
      expect(result.auditSeqs).toEqual([1, 2]);
      expect(store.user(user.id)).toMatchObject({ rev: user.rev + 1 });
      expect(store.user(user.id)!.licenseIds).toContain('lic-msg');
      await expect(store.commit({ mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: [], attendeeOf: [] }] })).rejects.toBeInstanceOf(ConflictError);
      expect(store.user(user.id)!.licenseIds).toContain('lic-msg');
      expect(store.auditHead().seq).toBe(2);
      expect((await verify()).ok).toBe(true);
    });

    it('an invalid record is refused whole: no part of the commit and no audit line lands', async () => {
      const { store } = await opened();
      const user = store.user('user-2')!;
      await expect(
        store.commit({
          mutations: [
            { type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: [...user.licenseIds, 'lic-msg'], attendeeOf: [] },
            { type: 'user.assign', userId: 'user-3', expectedRev: store.user('user-3')!.rev, licenseIds: ['lic-nope'], attendeeOf: [] },
          ],
          audit: [auditFor(user.id)],
        }),
      ).rejects.toBeInstanceOf(InvalidCommitError);
      expect(store.user(user.id)!.rev).toBe(user.rev);
      expect(store.auditHead().seq).toBe(0);
    });

    it('history is newest first and paged; auditEntry finds a line about a user; request numbers go up', async () => {
      const { store } = await opened();
      for (const note of ['a', 'b', 'c']) await store.audit([auditFor('user-1', note)]);
      await store.audit([auditFor('user-2', 'other')]);
      const page = await store.history('user-1', { offset: 0, limit: 2 });
      expect(page.total).toBe(3);
      expect(page.entries.map((e) => e.codes[0])).toEqual(['c', 'b']);
      expect((await store.auditEntry(4))?.targetUserId).toBe('user-2');
      await store.commit({ mutations: [{ type: 'request.put', request: makeRequest('r-1') }, { type: 'request.put', request: makeRequest('r-2') }] });
      expect([store.request('r-1')!.number, store.request('r-2')!.number]).toEqual([1, 2]);
      expect(store.requestByNumber(2)!.id).toBe('r-2');
    });

    it('catalog upserts, users added and deleted, a taken email refused, search and usage follow', async () => {
      const { store } = await opened();
      const license = { id: 'lic-new', name: 'Webex Webinars', service: 'webinars' as const, subscriptionId: 'Sub-100101', totalUnits: 5 };
      await store.commit({ mutations: [{ type: 'catalog.put', sites: [], subscriptions: [], licenses: [license] }] });
      const added = makeUser(90, { id: 'u-new', licenseIds: ['lic-new'] });
      await store.commit({ mutations: [{ type: 'user.put', user: added }] });
      expect(store.usage().find((u) => u.license.id === 'lic-new')).toMatchObject({ used: 1, total: 5, free: 4 });
      expect(store.searchUsers({ text: added.displayName.split(' ')[0]! }).users.map((u) => u.id)).toContain('u-new');
      await expect(store.commit({ mutations: [{ type: 'user.put', user: makeUser(91, { id: 'u-dup', email: added.email }) }] })).rejects.toBeInstanceOf(InvalidCommitError);
      await store.commit({ mutations: [{ type: 'user.delete', userId: 'u-new', expectedRev: store.user('u-new')!.rev }] });
      expect(store.user('u-new')).toBeUndefined();
      expect(store.userByEmail(added.email)).toBeUndefined();
      expect(store.usedUnits('lic-new')).toBe(0);
    });

    it('drafts, roles, preferences and the outbox queue: put, conflict on a stale version, delete, indexes', async () => {
      const { store } = await opened();
      const draft: Draft = { id: 'd-1', flow: 'edit', step: 'overview', ownerId: 'p-1', ownerEmail: 'a@acme.example', roomId: 'r', change: { addLicenseIds: [], removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [] }, state: {}, status: 'open', createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-02T00:00:00.000Z', version: 0 };
      await store.commit({ mutations: [{ type: 'draft.put', draft }, { type: 'role.put', role: { email: 'Agent@Acme.example', role: 'helpdesk', addedBy: 'a', addedAt: '2026-12-01T00:00:00.000Z' } }, { type: 'preference.put', personId: 'p-1', locale: 'nl', email: 'A@acme.example' }] });
      await expect(store.commit({ mutations: [{ type: 'draft.put', draft: { ...draft, version: 1 }, expectedVersion: 3 }] })).rejects.toBeInstanceOf(ConflictError);
      expect(store.expiredDrafts(new Date('2026-12-03T00:00:00.000Z')).map((d) => d.id)).toEqual(['d-1']);
      expect(store.roles().find((r) => r.email === 'Agent@Acme.example')?.role).toBe('helpdesk');
      const rolesBefore = store.roles().length;
      expect([store.locale('p-1'), store.localeOfEmail('a@acme.example')]).toEqual(['nl', 'nl']);
      const change: OrgChange = { id: 'oc-1', userId: 'user-1', email: 'u@acme.example', source: 'save', licenses: [{ id: 'lic-msg', operation: 'add' }], siteUrls: [], status: 'queued', parts: [], attempts: 0, createdAt: '2026-12-01T00:00:00.000Z', version: 0 };
      const { auditSeqs } = await store.commit({ mutations: [{ type: 'orgChange.put', change, auditLine: 0 }, { type: 'draft.delete', draftId: 'd-1' }, { type: 'role.delete', email: 'agent@acme.example' }], audit: [auditFor('user-1')] });
      expect(store.orgChange('oc-1')!.auditSeq).toBe(auditSeqs[0]);
      expect(store.orgChanges({ status: 'queued' }).map((c) => c.id)).toEqual(['oc-1']);
      await store.commit({ mutations: [{ type: 'orgChange.put', change: { ...store.orgChange('oc-1')!, status: 'applied', version: 1 }, expectedVersion: 0 }] });
      expect(store.orgChanges({ status: 'queued' })).toEqual([]);
      expect(store.draft('d-1')).toBeUndefined();
      expect(store.roles()).toHaveLength(rolesBefore - 1);
    });

    it('open requests are indexed (asked and open), decided ones leave the index; a mark checked against its value', async () => {
      const { store } = await opened();
      await store.commit({ mutations: [{ type: 'request.put', request: makeRequest('r-1') }, { type: 'request.put', request: makeRequest('r-2', { status: 'asked', origin: 'self' }) }] });
      expect(store.requests({ status: 'open' }).map((r) => r.id)).toEqual(['r-1']);
      expect(store.requests({ status: 'asked' }).map((r) => r.id)).toEqual(['r-2']);
      const r1 = store.request('r-1')!;
      await store.commit({ mutations: [{ type: 'request.put', request: { ...r1, status: 'approved', version: r1.version + 1 }, expectedVersion: r1.version }] });
      expect(store.requests({ status: 'open' })).toEqual([]);
      await store.commit({ mutations: [{ type: 'mark.put', key: 'slot', value: 'a', expected: null }] });
      await expect(store.commit({ mutations: [{ type: 'mark.put', key: 'slot', value: 'b', expected: null }] })).rejects.toBeInstanceOf(ConflictError);
      expect(store.mark('slot')).toBe('a');
    });

    it('everything committed is there after a reopen: users, requests, grants, marks, the audit head', async () => {
      const o = await opened();
      const user = o.store.user('user-1')!;
      await o.store.commit({
        mutations: [
          { type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: ['lic-msg'], attendeeOf: [] },
          { type: 'request.put', request: makeRequest('r-1') },
          { type: 'grant.put', grant: { id: 'g-1', userId: user.id, licenseId: 'lic-msg', until: '2026-12-31', grantedBy: { personId: 'p', email: 'a@acme.example' }, status: 'active', createdAt: '2026-12-01T00:00:00.000Z', version: 0 } },
          { type: 'mark.put', key: 'k', value: 'v' },
        ],
        audit: [auditFor(user.id)],
      });
      const head = o.store.auditHead();
      await o.store.close();
      const again = await o.reopen();
      cleanups.push(() => again.close());
      expect(again.user(user.id)!.licenseIds).toEqual(['lic-msg']);
      expect(again.request('r-1')!.number).toBe(1);
      expect(again.grant('g-1')!.status).toBe('active');
      expect(again.mark('k')).toBe('v');
      expect(again.auditHead()).toEqual(head);
    });
  });
}
