// One admin API call: the bearer token (refreshed once after a 401), bounded retry of
// 429 (Retry-After), 5xx and network errors, and paging by the Link header. What is left
// after the retries is an OrgUnavailableError; every other answer goes back to the caller.
// A PATCH is retried only after a 429 (Webex did not take it): after a 5xx or a lost
// connection it may have applied, and the outbox worker re-reads the person before it resends.
import { OrgUnavailableError } from '../../flows/org/port.js';
import { defaultRetryPolicy, delayFor, parseRetryAfter, type RetryPolicy } from '../webex/retry.js';
import type { TokenProvider } from './token.js';

export interface AdminHttpOptions {
  apiBase: string;
  tokens: TokenProvider;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
  nextUrl: string | undefined;
}

class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`Webex answered ${status}`);
  }
}

/** `<https://…?cursor=…>; rel="next"` → the URL. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export type AdminHttp = (method: 'GET' | 'PATCH', pathOrUrl: string, json?: unknown) => Promise<AdminAnswer>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function adminHttp(options: AdminHttpOptions): AdminHttp {
  const base = options.apiBase.replace(/\/+$/, '');
  const policy = options.retryPolicy ?? defaultRetryPolicy;

  async function once(method: string, url: string, json: unknown): Promise<AdminAnswer> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await options.tokens.token();
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      if (response.status === 401 && !refreshed && options.tokens.invalidate(token)) {
        await response.body?.cancel();
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel();
        throw new RetryableStatus(response.status, parseRetryAfter(response.headers.get('retry-after')));
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = { message: text.slice(0, 200) };
      }
      return { status: response.status, body, nextUrl: nextLink(response.headers.get('link')) };
    }
  }

  return async (method, pathOrUrl, json) => {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl}`;
    const what = `${method} ${new URL(url).pathname}`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, url, json);
      } catch (error) {
        const network = error instanceof Error && ['TypeError', 'TimeoutError', 'AbortError'].includes(error.name);
        if (!(error instanceof RetryableStatus) && !network) throw error;
        const status = error instanceof RetryableStatus ? error.status : undefined;
        const again = method !== 'PATCH' || status === 429;
        if (!again || attempt >= policy.maxAttempts) {
          throw new OrgUnavailableError(
            status ? `Webex answered ${status} to ${what}` : `Webex could not be reached for ${what}: ${(error as Error).message}${causeCode(error)}`,
            error instanceof RetryableStatus ? error.retryAfterMs : undefined,
          );
        }
        await sleep(delayFor(error, attempt, policy));
      }
    }
  };
}

/** fetch says only "fetch failed"; the system error (ECONNREFUSED, ENOTFOUND, …) is its cause. */
function causeCode(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}

/** Webex's error body: {message, errors: [{description, errorCode?}], trackingId}. */
export function webexError(body: unknown): { code?: string; message: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: unknown;
    errorCode?: unknown;
    errors?: { description?: unknown; errorCode?: unknown; code?: unknown }[];
  };
  const errors = Array.isArray(b.errors) ? b.errors : [];
  const first = errors[0];
  const rawCode = first?.errorCode ?? first?.code ?? b.errorCode;
  // A 400 lists one error per part Webex refused; all of them are worth reading.
  const descriptions = errors.flatMap((e) => (typeof e.description === 'string' ? [e.description] : []));
  const message = descriptions.length > 0 ? descriptions.join(' ') : typeof b.message === 'string' ? b.message : 'no message';
  return { ...(rawCode !== undefined ? { code: String(rawCode) } : {}), message };
}
