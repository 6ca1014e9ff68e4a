// A request's short name and finding a request by what someone typed: the short name
// in any of its spellings (R-42, r42, 42) or, for requests shown before numbers existed,
// the full id or its first characters.
import type { AuditEntry, ChangeRequest } from '../../domain/index.js';
import type { StoreReader } from '../../store/index.js';

/** Typed prefixes of an id shorter than this would match too much by accident. */
export const MIN_ID_PREFIX = 6;

/** How every card and message names a request. The store numbers every request; the id's start is a fallback only. */
export const requestRef = (request: Pick<ChangeRequest, 'id' | 'number'>): string =>
  request.number !== undefined ? `R-${request.number}` : request.id.slice(0, 8);

/** An audit line's request, named the same way (lines written before numbers: the request's number now). */
export function auditRequestRef(store: StoreReader, entry: Pick<AuditEntry, 'requestId' | 'requestNumber'>): string | undefined {
  if (entry.requestNumber !== undefined) return `R-${entry.requestNumber}`;
  if (entry.requestId === undefined) return undefined;
  return requestRef(store.request(entry.requestId) ?? { id: entry.requestId });
}

const SHORT_REF = /^#?r?-?(\d{1,9})$/i;

/** The request someone means, or the requests their text could mean (none, or several starting with it). */
export function findRequest(store: StoreReader, typed: string): { request: ChangeRequest } | { candidates: ChangeRequest[] } {
  const text = typed.trim();
  const short = SHORT_REF.exec(text);
  const byNumber = short ? store.requestByNumber(Number(short[1])) : undefined;
  const exact = byNumber ?? (text ? store.request(text) : undefined);
  if (exact) return { request: exact };
  if (short || text.length < MIN_ID_PREFIX) return { candidates: [] };
  // A scan, but `request <id>` is an admin's occasional command, not the hot path.
  const prefix = text.toLowerCase();
  const candidates = store.requests().filter((request) => request.id.toLowerCase().startsWith(prefix));
  return candidates.length === 1 ? { request: candidates[0]! } : { candidates };
}
