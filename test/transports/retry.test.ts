import { describe, expect, it } from 'vitest';
import { parseRetryAfter, withRetry, type RetryPolicy } from '../../src/transports/webex/retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

function failing(errors: unknown[], result = 'ok') {
  let calls = 0;
  return {
    fn: async () => {
      const error = errors[calls++];
      if (error !== undefined) throw error;
      return result;
    },
    calls: () => calls,
  };
}

describe('withRetry', () => {
  it('waits Retry-After after a 429, then succeeds', async () => {
    const waits: number[] = [];
    const call = failing([{ statusCode: 429, headers: { 'retry-after': '2' } }]);
    await expect(withRetry(call.fn, policy, { sleep: async (ms) => void waits.push(ms) })).resolves.toBe('ok');
    expect(waits).toEqual([2_000]);
    expect(call.calls()).toBe(2);
  });

  it('caps a long Retry-After', async () => {
    const waits: number[] = [];
    const call = failing([{ status: 429, retryAfterMs: 3_600_000 }]);
    await withRetry(call.fn, policy, { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([5_000]);
  });

  it('backs off exponentially on 5xx and network errors, bounded in attempts', async () => {
    const waits: number[] = [];
    const call = failing([{ statusCode: 500 }, new TypeError('fetch failed'), { statusCode: 503 }, { statusCode: 502 }]);
    await expect(withRetry(call.fn, policy, { sleep: async (ms) => void waits.push(ms) })).rejects.toMatchObject({ statusCode: 502 });
    expect(waits).toEqual([100, 200, 400]);
    expect(call.calls()).toBe(4);
  });

  it('does not retry other client errors', async () => {
    const call = failing([{ statusCode: 404 }]);
    await expect(withRetry(call.fn, policy, { sleep: async () => undefined })).rejects.toMatchObject({ statusCode: 404 });
    expect(call.calls()).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
