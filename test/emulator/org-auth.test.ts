import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminToken, call, orgEmulator, personToken } from './org-fixture.js';

const FORBIDDEN = /missing required scopes or the user is missing required roles or licenses/;

async function refresh(emulator: ReturnType<typeof orgEmulator>, fields: Record<string, string>) {
  const response = await emulator.api.request('/access_token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, json: await response.json() };
}

const grant = { grant_type: 'refresh_token', client_id: 'client-1', client_secret: 'secret-1', refresh_token: 'refresh-1' };

afterEach(() => {
  vi.useRealTimers();
});

describe('org auth: admin tokens, scopes, the Service App refresh grant', () => {
  it('answers 401 without a token and 403 (Webex message) to a person token or a token without the scope', async () => {
    const emulator = orgEmulator();
    expect((await call(emulator, undefined, 'GET', '/licenses')).status).toBe(401);
    const asPerson = await call(emulator, personToken(emulator, 'bob@acme.example'), 'GET', '/licenses');
    expect(asPerson.status).toBe(403);
    expect(asPerson.json.message).toMatch(FORBIDDEN);
    expect((await call(emulator, emulator.state.botToken, 'PATCH', '/licenses/users', { email: 'gina@acme.example' })).status).toBe(403);
    expect((await call(emulator, adminToken(emulator), 'GET', '/licenses')).status).toBe(200);
  });

  it('checks each route for its own scope', async () => {
    const emulator = orgEmulator();
    const narrow = emulator.org.model.tokens.issue(emulator.state.personByEmail('ann@acme.example')!, ['spark-admin:licenses_read'], 60);
    expect((await call(emulator, narrow, 'GET', '/licenses')).status).toBe(200);
    expect((await call(emulator, narrow, 'PATCH', '/licenses/users', { email: 'gina@acme.example' })).status).toBe(403);
    expect((await call(emulator, narrow, 'GET', '/locations')).status).toBe(403);
    expect((await call(emulator, narrow, 'GET', '/telephony/config/people/primary/availableNumbers')).status).toBe(403);
    // Without people_read an admin token lists people as anyone would: a filter is needed.
    expect((await call(emulator, narrow, 'GET', '/people')).status).toBe(400);
  });

  it('keeps the admin a person: /people/me works with the admin token', async () => {
    const emulator = orgEmulator();
    const me = await call(emulator, adminToken(emulator), 'GET', '/people/me');
    expect(me.json).toMatchObject({ emails: ['ann@acme.example'], type: 'person' });
  });

  it('refreshes a Service App token without a bearer; answers Webex’s token fields', async () => {
    const emulator = orgEmulator();
    const answer = await refresh(emulator, grant);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'token_type']);
    expect(answer.json).toMatchObject({ expires_in: 3600, refresh_token: 'refresh-1', token_type: 'Bearer' });
    expect(answer.json.refresh_token_expires_in).toBeGreaterThan(89 * 24 * 3600);
    expect((await call(emulator, answer.json.access_token, 'GET', '/licenses')).status).toBe(200);
    expect(emulator.org.counters.tokenGrants).toBe(1);
  });

  it('refuses a wrong secret (401), refresh token (400) or grant type (400)', async () => {
    const emulator = orgEmulator();
    expect(await refresh(emulator, { ...grant, client_secret: 'nope' })).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    expect(await refresh(emulator, { ...grant, refresh_token: 'nope' })).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(await refresh(emulator, { ...grant, grant_type: 'client_credentials' })).toMatchObject({ status: 400, json: { error: 'unsupported_grant_type' } });
  });

  it('answers 401 once a token expired, by time or by expireAccessTokens(); a refresh gets a working one', async () => {
    const emulator = orgEmulator();
    const first = (await refresh(emulator, grant)).json.access_token as string;
    emulator.org.expireAccessTokens();
    expect((await call(emulator, first, 'GET', '/licenses')).status).toBe(401);
    expect((await call(emulator, adminToken(emulator), 'GET', '/licenses')).status).toBe(401);
    const second = (await refresh(emulator, grant)).json.access_token as string;
    expect((await call(emulator, second, 'GET', '/licenses')).status).toBe(200);

    vi.useFakeTimers({ now: Date.now() + 3601 * 1000 });
    expect((await call(emulator, second, 'GET', '/licenses')).status).toBe(401);
  });

  it('rate-limits admin calls beyond orgRateLimitPerSecond with 429 and Retry-After', async () => {
    const emulator = orgEmulator(0, { orgRateLimitPerSecond: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const answer = await call(emulator, adminToken(emulator), 'GET', '/licenses');
      statuses.push(answer.status);
      retryAfter ??= answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(emulator.org.counters.rateLimited).toBe(2);
    // Person (bot) tokens are not the org's admin calls.
    expect((await call(emulator, emulator.state.botToken, 'GET', '/people/me')).status).toBe(200);
  });
});
