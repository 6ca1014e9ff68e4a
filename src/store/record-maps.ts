// Small helpers for the in-memory record maps of OrgState.
import { StoreLoadError } from './types.js';

export function applyMap<T>(target: Map<string, T>, changes: Map<string, T | null>): void {
  for (const [key, value] of changes) {
    if (value === null) target.delete(key);
    else target.set(key, value);
  }
}

/** Replace items whose key is in `changes`, keep the order, append the new ones. */
export function upsert<T>(items: readonly T[], changes: Map<string, T>, keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  const next = items.map((item) => {
    const key = keyOf(item);
    seen.add(key);
    return changes.get(key) ?? item;
  });
  for (const [key, item] of changes) if (!seen.has(key)) next.push(item);
  return next;
}

export function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string, list: string, field: string, file: string) {
  const map = new Map<string, T>();
  for (const [index, item] of items.entries()) {
    const key = keyOf(item);
    if (map.has(key)) throw new StoreLoadError(file, `${list}[${index}].${field} "${key}" appears twice`);
    map.set(key, item);
  }
  return map;
}
