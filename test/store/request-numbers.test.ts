// Short request numbers: handed out by the store inside its writer, one per request,
// kept through decisions, the journal and a reopen; files from before numbers are numbered at load.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../src/domain/index.js';

import { openStore } from '../../src/store/index.js';
import { buildOrg, filesAfterCrash, tempStorePaths, writeOrgFile, makeRequest } from '../helpers/store-fixtures.js';

const request = makeRequest;

const submitLine = (requestId: string) => ({ action: 'request.submit' as const, actorId: 'p-help', actorEmail: 'help@acme.example', targetUserId: 'user-1', requestId });

describe('request numbers', () => {
  it('requests filed at the same moment get different numbers; a decision keeps its number; audit lines carry it', async () => {
    const paths = tempStorePaths('request-numbers-');
    const store = await openStore({ ...paths, seed: () => buildOrg() });
    await Promise.all(['a', 'b', 'c'].map((id) => store.commit({ mutations: [{ type: 'request.put', request: request(id) }], audit: [submitLine(id)] })));
    const numbers = ['a', 'b', 'c'].map((id) => store.request(id)!.number);
    expect([...numbers].sort()).toEqual([1, 2, 3]);
    expect(store.requestByNumber(numbers[1]!)!.id).toBe('b');

    const { number: _dropped, ...decided } = { ...store.request('b')!, status: 'rejected' as const, version: 1 };
    await store.commit({ mutations: [{ type: 'request.put', request: decided, expectedVersion: 0 }], audit: [{ ...submitLine('b'), action: 'request.reject' }] });
    expect(store.request('b')).toMatchObject({ status: 'rejected', number: numbers[1] });
    await expect(store.commit({ mutations: [{ type: 'request.put', request: { ...store.request('a')!, number: 99 } }] })).rejects.toThrow(/is number/);

    const lines = fs.readFileSync(paths.auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { requestId: string; requestNumber: number });
    expect(lines.map((l) => [l.requestId, l.requestNumber])).toEqual([...['a', 'b', 'c'].map((id, i) => [id, numbers[i]]), ['b', numbers[1]]]);

    // After a crash the journal replays the same numbers, and the next request goes on from there.
    const crashed = await filesAfterCrash(store, paths);
    const reopened = await openStore(crashed);
    expect(['a', 'b', 'c'].map((id) => reopened.request(id)!.number)).toEqual(numbers);
    await reopened.commit({ mutations: [{ type: 'request.put', request: request('d') }] });
    expect(reopened.request('d')!.number).toBe(4);
    await reopened.close();
  });

  it('a file written before numbers loads: its requests are numbered oldest first, after any numbered ones, the same on every load', async () => {
    const paths = tempStorePaths('request-numbers-old-');
    writeOrgFile(paths.dataFile, {
      ...buildOrg(),
      requests: [
        request('late', { createdAt: '2026-01-03T00:00:00.000Z' }),
        request('early', { createdAt: '2026-01-01T00:00:00.000Z' }),
        request('numbered', { number: 5 }),
      ],
    });
    const numbersOf = (store: { request(id: string): ChangeRequest | undefined }) => ['numbered', 'early', 'late'].map((id) => store.request(id)!.number);
    const first = await openStore(paths);
    expect(numbersOf(first)).toEqual([5, 6, 7]);
    await first.commit({ mutations: [{ type: 'request.put', request: request('new') }] });
    expect(first.request('new')!.number).toBe(8);
    await first.close();
    const again = await openStore(paths);
    expect(numbersOf(again)).toEqual([5, 6, 7]);
    await again.close();
  });
});
