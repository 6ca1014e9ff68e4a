// The request-expiry sweep asks the store for open requests on every event; the store
// keeps an index of them, so the answer does not look at every request ever filed.
import { describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../src/domain/index.js';

import { openStore } from '../../src/store/index.js';
import { OrgState } from '../../src/store/org-state.js';
import { buildOrg, tempStorePaths, makeRequest } from '../helpers/store-fixtures.js';

const request = (id: string, status: ChangeRequest['status'], overrides: Partial<ChangeRequest> = {}): ChangeRequest => makeRequest(id, { status, ...overrides });

describe('open requests', () => {
  it('asking for open requests does not read the closed ones', () => {
    let closedReads = 0;
    const closed = Array.from({ length: 1000 }, (_, i) => {
      const r = request(`closed-${i}`, 'approved');
      // Count every look at a closed request's status after the state is built.
      return Object.defineProperty({ ...r }, 'status', { get: () => (closedReads++, 'approved'), enumerable: true }) as ChangeRequest;
    });
    const state = new OrgState({ ...buildOrg(), requests: [...closed, request('open-1', 'open')] }, 'test');
    closedReads = 0;
    for (let i = 0; i < 100; i++) expect([...state.openRequests()].map((r) => r.id)).toEqual(['open-1']);
    expect(closedReads).toBe(0);
  });

  it('stays right through commits and a reopen: filed, decided, expired', async () => {
    const paths = tempStorePaths('open-requests-');
    const store = await openStore({ ...paths, seed: () => ({ ...buildOrg(), requests: [request('old', 'rejected')] }) });
    await store.commit({ mutations: [{ type: 'request.put', request: request('a', 'open') }, { type: 'request.put', request: request('b', 'open', { requesterId: 'p-other' }) }] });
    expect(store.requests({ status: 'open' }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(store.requests({ status: 'open', requesterId: 'p-other' }).map((r) => r.id)).toEqual(['b']);
    await store.commit({ mutations: [{ type: 'request.put', request: request('a', 'approved', { version: 1 }), expectedVersion: 0 }] });
    expect(store.requests({ status: 'open' }).map((r) => r.id)).toEqual(['b']);
    expect(store.requests().map((r) => r.id).sort()).toEqual(['a', 'b', 'old']);
    await store.close();
    const reopened = await openStore(paths);
    expect(reopened.requests({ status: 'open' }).map((r) => r.id)).toEqual(['b']);
    await reopened.commit({ mutations: [{ type: 'request.put', request: request('b', 'expired', { version: 1 }), expectedVersion: 0 }] });
    expect(reopened.requests({ status: 'open' })).toEqual([]);
    expect(reopened.requests({ status: 'expired' }).map((r) => r.id)).toEqual(['b']);
    await reopened.close();
  });
});
