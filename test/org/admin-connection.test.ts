// The admin connection (src/transports/webex-admin) against the emulator served on a port,
// over real HTTP: the Service App's token (fetched with the refresh token, refreshed after
// a 401), a wrong client secret, the start check's refusals naming the variable and the
// missing scope, retry rules (429 waited on GET and PATCH; a PATCH after a 503 is not
// resent by the HTTP layer), and paging by Link.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminConnectionConfig } from '../../src/config.js';
import type { Emulator } from '../../src/emulator/index.js';
import { ORG_ID } from '../../src/emulator/state.js';
import { OrgUnavailableError, type OrgPerson } from '../../src/flows/org/port.js';
import { listen, type RunningServer } from '../../src/transports/server.js';
import { AdminConnectionError, checkAdminConnection } from '../../src/transports/webex-admin/check.js';
import { createAdminClient, PEOPLE_PAGE } from '../../src/transports/webex-admin/client.js';
import { AdminTokenError, type AdminCredentials } from '../../src/transports/webex-admin/token.js';
import { ALL_SCOPES, LIC, orgEmulator } from '../emulator/org-fixture.js';

const EXTRA_PEOPLE = 2_500;
/** Retries stay quick; Retry-After (up to 2 s) is still honoured. */
const RETRY = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50, maxRetryAfterMs: 2_000 };

let emulator: Emulator;
let server: RunningServer;
let apiBase: string;

beforeAll(async () => {
  emulator = orgEmulator(EXTRA_PEOPLE);
  const root = new Hono({ strict: false });
  root.route('/v1', emulator.api as unknown as Hono);
  server = await listen(root, { port: 0, hostname: '127.0.0.1' });
  apiBase = `http://127.0.0.1:${server.port}/v1`;
  emulator.setPublicBase(apiBase);
});
afterAll(async () => {
  await server?.close();
});

const client = (credentials: AdminCredentials) => createAdminClient({ credentials, apiBase, retryPolicy: RETRY });
const SERVICE_APP = { kind: 'serviceApp', clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1' } as const;

/** An admin access token with just these scopes. */
function tokenWith(scopes: string[]): string {
  const { model } = emulator.org;
  return model.tokens.issue(model.admin!, scopes, 3600);
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected a refusal');
  return error;
}

describe('the Service App token', () => {
  it('is fetched with the refresh token, refreshed after a 401 (expired), and the call then succeeds', async () => {
    const org = client(SERVICE_APP);
    const grants = emulator.org.counters.tokenGrants;
    const me = await org.identity();
    expect(me.email).toBe('client-1@serviceapp.emulator');
    expect(me.orgId).toBe(ORG_ID);
    expect(emulator.org.counters.tokenGrants).toBe(grants + 1);
    await org.licenses(); // the same token, no new grant
    expect(emulator.org.counters.tokenGrants).toBe(grants + 1);

    emulator.org.expireAccessTokens();
    const licenses = await org.licenses(); // 401, refresh, again
    expect(licenses.map((l) => l.id)).toContain(LIC.messaging);
    expect(emulator.org.counters.tokenGrants).toBe(grants + 2);
  });

  it('with a wrong client secret fails with a message naming the Service App variables, and the start check says the same', async () => {
    const wrong = { ...SERVICE_APP, clientSecret: 'not-the-secret' };
    const error = await refusal(client(wrong).identity());
    expect(error).toBeInstanceOf(AdminTokenError);
    expect(error.message).toContain('Webex answered 401');
    for (const variable of ['WEBEX_ADMIN_CLIENT_ID', 'WEBEX_ADMIN_CLIENT_SECRET', 'WEBEX_ADMIN_REFRESH_TOKEN']) expect(error.message).toContain(variable);
    expect(error.message).not.toContain('not-the-secret');

    const checked = await refusal(checkAdminConnection(client(wrong), wrong));
    expect(checked).toBeInstanceOf(AdminConnectionError);
    expect(checked.message).toContain('WEBEX_ADMIN_CLIENT_SECRET');
  });
});

describe('the start check (checkAdminConnection)', () => {
  const check = (token: string) => {
    const config: AdminConnectionConfig = { kind: 'token', token };
    return checkAdminConnection(client(config), config);
  };

  it.each(['spark-admin:licenses_read', 'spark-admin:people_read', 'spark-admin:telephony_config_read'])(
    'refuses a token without %s, naming WEBEX_ADMIN_TOKEN and the scope',
    async (missing) => {
      const error = await refusal(check(tokenWith(ALL_SCOPES.filter((s) => s !== missing))));
      expect(error).toBeInstanceOf(AdminConnectionError);
      expect(error.message).toContain('WEBEX_ADMIN_TOKEN');
      expect(error.message).toContain(`lacks the scope ${missing}`);
    },
  );

  it('refuses an expired or unknown token as a token problem (401), naming WEBEX_ADMIN_TOKEN', async () => {
    const error = await refusal(check('not-a-token'));
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(error.message).toContain('WEBEX_ADMIN_TOKEN: Webex refused the admin token (401');
  });

  it('with a full token answers a summary naming the org id, the admin and the proven scopes', async () => {
    const result = await check(tokenWith(ALL_SCOPES));
    expect(result.identity).toMatchObject({ orgId: ORG_ID, email: 'ann@acme.example' });
    expect(result.proven).toEqual(['spark-admin:licenses_read', 'spark-admin:people_read', 'spark-admin:telephony_config_read']);
    expect(result.summary).toContain(`org ${ORG_ID}`);
    expect(result.summary).toContain('ann@acme.example');
    expect(result.summary).toContain('WEBEX_ADMIN_TOKEN');
  });
});

describe('retries and paging', () => {
  // A fresh full token: the Service App test expired every token issued before it.
  const org = () => client({ kind: 'token', token: tokenWith(ALL_SCOPES) });
  const patchesOf = (since: number) => emulator.log.since(since).filter((e) => e.title === 'PATCH /v1/licenses/users');
  const lastSeq = () => emulator.log.since(0).at(-1)?.seq ?? 0;

  it('waits Retry-After after a 429 on a GET and then succeeds', async () => {
    emulator.faults.inject({ method: 'GET', path: /^\/licenses$/, status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const licenses = await org().licenses();
    expect(licenses.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not resend a PATCH after a 503 (Webex may have applied it): OrgUnavailableError for the outbox worker', async () => {
    const since = lastSeq();
    const patches = emulator.org.patchCount;
    emulator.faults.inject({ method: 'PATCH', path: /^\/licenses\/users$/, status: 503 });
    const error = await refusal(org().patchLicenses({ email: 'gina@acme.example', licenses: [{ id: LIC.messaging, operation: 'add' }], siteUrls: [] }));
    expect(error).toBeInstanceOf(OrgUnavailableError);
    expect(error.message).toContain('503');
    expect(patchesOf(since).map((e) => [e.kind, e.status])).toEqual([['fault', 503]]); // one call, not resent
    expect(emulator.org.patchCount).toBe(patches);
    expect(emulator.org.person('gina@acme.example')?.licenses).not.toContain(LIC.messaging);
  });

  it('resends a PATCH after a 429 (Webex did not take it) and it applies once', async () => {
    const since = lastSeq();
    const patches = emulator.org.patchCount;
    emulator.faults.inject({ method: 'PATCH', path: /^\/licenses\/users$/, status: 429, retryAfterSeconds: 0 });
    const answer = await org().patchLicenses({ email: 'gina@acme.example', licenses: [{ id: LIC.messaging, operation: 'add' }], siteUrls: [] });
    expect(answer).toMatchObject({ kind: 'done', httpStatus: 200 });
    expect(patchesOf(since).map((e) => [e.kind, e.status])).toEqual([
      ['fault', 429],
      ['api', 200],
    ]);
    expect(emulator.org.patchCount).toBe(patches + 1);
    expect(emulator.org.person('gina@acme.example')?.licenses).toContain(LIC.messaging);
  });

  it('follows Link rel="next" until everyone in the org is read', async () => {
    const pages: OrgPerson[][] = [];
    await org().people((page) => {
      pages.push(page);
    });
    const emails = pages.flat().map((p) => p.email);
    const expected = emulator.org.model.people().map((p) => p.emails[0]!.toLowerCase());
    expect(emails.length).toBeGreaterThan(EXTRA_PEOPLE);
    expect(new Set(emails).size).toBe(emails.length); // no one twice
    expect(emails.sort()).toEqual(expected.sort());
    expect(pages.length).toBe(Math.ceil(expected.length / PEOPLE_PAGE));
    expect(emails).toContain(`user${EXTRA_PEOPLE - 1}@acme.example`);
  });
});
