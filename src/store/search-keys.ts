// The keys the user search files a user under, computed from the record (nothing per
// user is kept as a string), and the packed slot list with its binary searches.
import type { User } from '../domain/index.js';

export const EXTERNAL = 1;
export const HAS_LICENSES = 2;
export const SEPARATOR = '\u0000';

/** Lower case without accents, so "jose" finds "José". */
export function foldText(text: string): string {
  // Most names and all emails are ASCII: skip the (slow) Unicode normalisation for them.
  if (!/[^\x20-\x7e]/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The folded display name, as filed: the first part of the result order. */
export function nameKeyOf(user: User): string {
  const name = foldText(user.displayName);
  return name.includes(SEPARATOR) ? name.replaceAll(SEPARATOR, '') : name;
}

/** Words of the folded name a query can start (the email is its own key, filed apart). */
export function nameWordsOf(name: string, email: string): string[] {
  const words: string[] = [];
  for (const word of name.split(/[\s\-,;()]+/)) if (word !== '' && word !== email && !words.includes(word)) words.push(word);
  return words;
}

/** Key of a slot in the email list: the folded email, then the slot (so every key is unique). */
export const emailEntryOf = (user: User, slot: number): string => `${foldText(user.email)}${SEPARATOR}${slot}`;

/** Key of a slot in the result order: name, email, slot (compared as one string, as Array#sort does). */
export const orderKeyOf = (user: User, slot: number): string => `${nameKeyOf(user)}${SEPARATOR}${foldText(user.email)}${SEPARATOR}${slot}`;

export function flagsOf(user: User): number {
  return (user.type === 'external' ? EXTERNAL : 0) | (user.licenseIds.length > 0 ? HAS_LICENSES : 0);
}

/** First index whose string is not below `probe` (code-unit order, as Array#sort). */
export function lowerBound(sorted: readonly string[], probe: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < probe) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Slots in result order, packed in a typed array. */
export class PackedSlots {
  constructor(
    public slots: Int32Array,
    public length: number,
  ) {}

  insert(at: number, slot: number): void {
    if (this.length === this.slots.length) {
      const bigger = new Int32Array(Math.max(1024, this.slots.length * 2));
      bigger.set(this.slots);
      this.slots = bigger;
    }
    this.slots.copyWithin(at + 1, at, this.length);
    this.slots[at] = slot;
    this.length += 1;
  }

  removeAt(at: number): void {
    this.slots.copyWithin(at, at + 1, this.length);
    this.length -= 1;
  }
}

/** The index files a user by email and display name: a change that keeps both only swaps the record (O(1)). */
export const sameSearchKeys = (previous: User, next: User): boolean => previous.email === next.email && previous.displayName === next.displayName;

/** First position in `list` whose key (computed from the slot) is not below `probe`. */
export function lowerBoundBy(list: PackedSlots, probe: string, keyOf: (slot: number) => string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keyOf(list.slots[mid]!) < probe) low = mid + 1;
    else high = mid;
  }
  return low;
}

