// The start's errors, as the Webex SDK and fetch shape them, turned into one line each.
import { describe, expect, it } from 'vitest';
import { describeStartFailure } from '../../src/transports/start-failure.js';

/** What the SDK rejects with: statusCode (0 for no answer), the request's uri, the system error in the message. */
function sdkError(statusCode: number, message: string, uri = 'https://webexapis.com/v1/people/me'): Error {
  return Object.assign(new Error(message), { name: statusCode === 0 ? 'NetworkOrCORSError' : 'WebexHttpError', statusCode, options: { uri } });
}

describe('describeStartFailure', () => {
  it('a DNS failure names the host and what to check', () => {
    const failure = describeStartFailure(sdkError(0, 'getaddrinfo ENOTFOUND webexapis.com'), 'https://webexapis.com/v1');
    expect(failure?.message).toBe('cannot reach https://webexapis.com (ENOTFOUND): check the network (DNS, proxy, firewall) or HYDRA_SERVICE_URL');
    expect(failure?.exitCode).toBe(1);
  });

  it("fetch's own failure: the code is in the cause", () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }) });
    expect(describeStartFailure(error, 'https://webexapis.com/v1')?.message).toBe('cannot reach https://webexapis.com (ETIMEDOUT): check the network (DNS, proxy, firewall) or HYDRA_SERVICE_URL');
  });

  it('403 is a refused token too; any other error is not described (main shows it as a bug, with its stack)', () => {
    expect(describeStartFailure(sdkError(403, 'Forbidden'), 'https://webexapis.com/v1')).toMatchObject({ exitCode: 2, message: expect.stringContaining('check WEBEX_BOT_TOKEN') });
    expect(describeStartFailure(new Error('something else'), 'https://webexapis.com/v1')).toBeUndefined();
  });
});
