// User search in memory: sorted key arrays + binary search, so a prefix query costs
// O(log n + matches) instead of a scan of every user (100k users, p99 ≤ 10 ms).
import type { User } from '../domain/index.js';
import type { UserPage, UserQuery } from './types.js';

interface KeyEntry {
  key: string;
  id: string;
}

const DEFAULT_LIMIT = 25;

/** Lower case without accents, so "jose" finds "José". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function nameWords(displayName: string): string[] {
  return foldText(displayName)
    .split(/[\s\-,;()]+/)
    .filter((word) => word !== '');
}

function searchKeys(user: User): string[] {
  return [...new Set([foldText(user.email), ...nameWords(user.displayName)])];
}

/** Sort order of results: display name, then email. */
function orderKey(user: User): string {
  return `${foldText(user.displayName)}\u0000${foldText(user.email)}`;
}

function compareEntries(a: KeyEntry, b: KeyEntry): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** First index whose entry is not before `probe`. */
function lowerBound(entries: readonly KeyEntry[], probe: KeyEntry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareEntries(entries[mid]!, probe) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertSorted(entries: KeyEntry[], entry: KeyEntry): void {
  entries.splice(lowerBound(entries, entry), 0, entry);
}

function removeSorted(entries: KeyEntry[], entry: KeyEntry): void {
  const at = lowerBound(entries, entry);
  const found = entries[at];
  if (found && found.key === entry.key && found.id === entry.id) entries.splice(at, 1);
}

export class UserSearchIndex {
  /** Every search key (email, each name word) of every user, sorted. */
  private words: KeyEntry[] = [];
  /** Every user once, in result order. */
  private ordered: KeyEntry[] = [];

  constructor(users: Iterable<User>) {
    for (const user of users) {
      for (const key of searchKeys(user)) this.words.push({ key, id: user.id });
      this.ordered.push({ key: orderKey(user), id: user.id });
    }
    this.words.sort(compareEntries);
    this.ordered.sort(compareEntries);
  }

  add(user: User): void {
    for (const key of searchKeys(user)) insertSorted(this.words, { key, id: user.id });
    insertSorted(this.ordered, { key: orderKey(user), id: user.id });
  }

  remove(user: User): void {
    for (const key of searchKeys(user)) removeSorted(this.words, { key, id: user.id });
    removeSorted(this.ordered, { key: orderKey(user), id: user.id });
  }

  /** Whether a change to this user needs the index updated (name or email changed). */
  static sameKeys(a: User, b: User): boolean {
    return a.email === b.email && a.displayName === b.displayName;
  }

  search(query: UserQuery, userById: (id: string) => User | undefined): UserPage {
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.max(0, query.limit ?? DEFAULT_LIMIT);
    const terms = foldText(query.text ?? '')
      .split(/\s+/)
      .filter((term) => term !== '');
    const keep = (user: User): boolean =>
      (query.type === undefined || user.type === query.type) &&
      !(query.withLicensesOnly && user.type === 'external' && user.licenseIds.length === 0) &&
      otherTerms.every((term) => searchKeys(user).some((key) => key.startsWith(term)));

    // The longest term narrows through the index; candidates already match it.
    const indexed = longest(terms);
    const otherTerms = terms.filter((term, at) => at !== terms.indexOf(indexed));
    const candidates = terms.length === 0 ? undefined : this.prefixMatches(indexed);
    const users: User[] = [];
    let total = 0;
    const visit = (id: string): void => {
      const user = userById(id);
      if (!user || !keep(user)) return;
      if (total >= offset && users.length < limit) users.push(user);
      total += 1;
    };
    if (candidates === undefined || candidates.size * 16 > this.ordered.length) {
      // Many matches: walking the ordered list is cheaper than sorting them.
      for (const entry of this.ordered) if (!candidates || candidates.has(entry.id)) visit(entry.id);
    } else {
      const sorted = [...candidates]
        .map((id) => ({ id, key: orderKeyOf(userById(id)) }))
        .sort(compareEntries);
      for (const entry of sorted) visit(entry.id);
    }
    return { users, total };
  }

  private prefixMatches(prefix: string): Set<string> {
    const ids = new Set<string>();
    for (let at = lowerBound(this.words, { key: prefix, id: '' }); at < this.words.length; at++) {
      const entry = this.words[at]!;
      if (!entry.key.startsWith(prefix)) break;
      ids.add(entry.id);
    }
    return ids;
  }
}

function orderKeyOf(user: User | undefined): string {
  return user ? orderKey(user) : '';
}

function longest(terms: string[]): string {
  return terms.reduce((best, term) => (term.length > best.length ? term : best), '');
}
