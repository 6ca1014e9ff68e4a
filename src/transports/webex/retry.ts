// Bounded retry for Webex REST calls. The SDK does not retry a 429 and the framework
// drops an event whose fetch fails (DESIGN section 7), so every send and fetch goes
// through here: 429 waits Retry-After (capped), 5xx and network errors back off
// exponentially, anything else (4xx) fails at once. Attempts are bounded.

export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  /** First backoff for 5xx / network errors; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to this (a bot must not hang for an hour). */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 15_000,
};

export interface RetryHooks {
  /** Called before each wait; for logs. */
  onRetry?: (info: { attempt: number; delayMs: number; status: number | undefined; error: unknown }) => void;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The HTTP status of an error from our REST client, the Webex SDK or fetch; undefined for network errors. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown };
  if (typeof e.statusCode === 'number') return e.statusCode;
  if (typeof e.status === 'number') return e.status;
  return undefined;
}

/** Retry-After in ms from an error (SDK: `retryAfter` or `headers['retry-after']`; ours: `retryAfterMs`). */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { retryAfterMs?: unknown; retryAfter?: unknown; headers?: Record<string, unknown> };
  if (typeof e.retryAfterMs === 'number') return e.retryAfterMs;
  const raw = e.retryAfter ?? e.headers?.['retry-after'];
  return parseRetryAfter(typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined);
}

/** Retry-After is seconds (or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** 429, 5xx and network errors (no status) are worth another try; other statuses are not. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 429 || status >= 500;
}

/** How long to wait before try `attempt + 1`: Retry-After for a 429 (capped), else exponential backoff. */
export function delayFor(error: unknown, attempt: number, policy: RetryPolicy): number {
  if (statusOf(error) === 429) {
    const retryAfter = retryAfterMsOf(error) ?? policy.baseDelayMs;
    return Math.min(retryAfter, policy.maxRetryAfterMs);
  }
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

/** Run fn; on a retryable error wait and try again, at most policy.maxAttempts times in all. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const delayMs = delayFor(error, attempt, policy);
      hooks.onRetry?.({ attempt, delayMs, status: statusOf(error), error });
      await sleep(delayMs);
    }
  }
}
