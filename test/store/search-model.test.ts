// The search index against a plain filter-and-sort model, on an org big enough for
// both of its paths (sorting few matches, walking the order for many), through
// renames, deletes and additions.
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/index.js';
import { foldText, UserSearchIndex } from '../../src/store/user-search.js';
import type { UserQuery } from '../../src/store/types.js';
import { makeUser } from '../helpers/store-fixtures.js';
import { seededRandom as prng } from '../../bench/prng.js';

/** The benchmark's seeded PRNG (mulberry32): the same sequence on every run. */
const seededRandom = (seed: number): (() => number) => prng(seed).next;

const folded = new WeakMap<User, { keys: string[]; order: string }>();
function foldedOf(user: User) {
  let entry = folded.get(user);
  if (!entry) {
    entry = {
      keys: [foldText(user.email), ...foldText(user.displayName).split(/[\s\-,;()]+/).filter(Boolean)],
      order: `${foldText(user.displayName)}\u0000${foldText(user.email)}`,
    };
    folded.set(user, entry);
  }
  return entry;
}

function modelSearch(users: Iterable<User>, query: UserQuery): { ids: string[]; total: number } {
  const terms = foldText(query.text ?? '').split(/\s+/).filter(Boolean);
  const matches = [...users].filter((user) => {
    if (query.type && user.type !== query.type) return false;
    if (query.withLicensesOnly && user.type === 'external' && user.licenseIds.length === 0) return false;
    return terms.every((term) => foldedOf(user).keys.some((key) => key.startsWith(term)));
  });
  const order = (user: User) => foldedOf(user).order;
  matches.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const offset = query.offset ?? 0;
  return { ids: matches.slice(offset, offset + (query.limit ?? 25)).map((u) => u.id), total: matches.length };
}

const NAMES = ['Ann', 'Anna', 'Annelies', 'Bo', 'Émile', 'Zoë', 'de Wit', 'Dekker', 'van Dam', 'Jean-Luc', 'O', 'Ånstrom'];
const QUERIES = ['', 'a', 'an', 'ann', 'anne', 'de', 'de w', 'd', 'emile', 'zoe', 'jean', 'luc', 'user', 'ann.', 'x', 'van d', 'wit de', 'o', 'ans', '7', 'a d', 'an d', 'd a', 'a a'];

describe('search index against a model', () => {
  it('gives the same pages and totals through renames, deletes and additions', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const randomUser = (n: number): User =>
      makeUser(n, {
        id: `u${n}`,
        displayName: `${pick(NAMES)} ${pick(NAMES)}`,
        email: `${pick(['ann', 'bo', 'user', 'de', 'x'])}.${n}@acme.example`,
        type: random() < 0.1 ? 'external' : 'internal',
        licenseIds: random() < 0.3 ? [] : ['lic-msg'],
      });
    const users = new Map<string, User>();
    for (let n = 0; n < 9000; n++) users.set(`u${n}`, randomUser(n));
    const index = new UserSearchIndex(users.values());
    let next = 9000;

    for (let round = 0; round < 8; round++) {
      for (let change = 0; change < 40; change++) {
        const ids = [...users.keys()];
        const roll = random();
        if (roll < 0.4) {
          const before = users.get(pick(ids))!;
          const after = { ...before, displayName: `${pick(NAMES)} ${pick(NAMES)}`, licenseIds: random() < 0.5 ? [] : ['lic-msg'] };
          users.set(after.id, after);
          index.update(before, after);
        } else if (roll < 0.7) {
          const gone = users.get(pick(ids))!;
          users.delete(gone.id);
          index.update(gone, null);
        } else {
          const added = randomUser(next++);
          users.set(added.id, added);
          index.update(undefined, added);
        }
      }
      for (const text of QUERIES) {
        const query: UserQuery = {
          text,
          type: pick([undefined, 'internal', 'external'] as const),
          withLicensesOnly: random() < 0.5,
          offset: pick([0, 0, 3, 40]),
          limit: pick([5, 25]),
        };
        const got = index.search(query);
        const want = modelSearch(users.values(), query);
        expect({ ids: got.users.map((u) => u.id), total: got.total }, JSON.stringify(query)).toEqual(want);
      }
    }
  });
});
