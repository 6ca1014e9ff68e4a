// Webex pagination: a page of items and, when more follow, `Link: <absolute url>; rel="next"`
// built on the request's own URL (host included), with an opaque cursor parameter.
import type { EmulatorHttpContext } from '../http.js';

export const cursorFor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

/** The offset a cursor stands for; 0 for none, undefined for one we did not mint. */
export function offsetOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** Sets the Link header when items remain after this page; answers the page. */
export function pageOf<T>(
  c: EmulatorHttpContext,
  items: T[],
  offset: number,
  size: number,
  params: { cursor: string; size: string; encode?: (offset: number) => string },
): T[] {
  const end = offset + size;
  if (end < items.length) {
    const url = new URL(c.req.url);
    url.searchParams.set(params.size, String(size));
    url.searchParams.set(params.cursor, (params.encode ?? cursorFor)(end));
    c.header('Link', `<${url.toString()}>; rel="next"`);
  }
  return items.slice(offset, end);
}

/** A positive whole `max`-like parameter, or the default when absent; undefined when malformed. */
export function sizeParam(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
