// OAuth access tokens of the org: the admin's and those a Service App gets from
// POST /access_token. Each carries its subject, its scopes and when it expires, so the
// admin routes can answer 401 (expired) and 403 (missing scope) as Webex does.
import { randomToken } from '../ids.js';
import type { Person } from '../model.js';

export interface AccessGrant {
  subject: Person;
  scopes: ReadonlySet<string>;
  expiresAt: number;
}

export type TokenLookup = { kind: 'valid'; grant: AccessGrant } | { kind: 'expired' } | { kind: 'unknown' };

export class AccessTokens {
  private readonly grants = new Map<string, AccessGrant>();

  issue(subject: Person, scopes: Iterable<string>, lifetimeSeconds: number, now = Date.now()): string {
    const token = randomToken('access');
    this.grants.set(token, { subject, scopes: new Set(scopes), expiresAt: now + lifetimeSeconds * 1000 });
    return token;
  }

  lookup(token: string, now = Date.now()): TokenLookup {
    const grant = this.grants.get(token);
    if (!grant) return { kind: 'unknown' };
    return grant.expiresAt <= now ? { kind: 'expired' } : { kind: 'valid', grant };
  }

  /** Every current token expires now (tests of refresh-after-401). */
  expireAll(now = Date.now()): void {
    for (const grant of this.grants.values()) grant.expiresAt = Math.min(grant.expiresAt, now);
  }
}

/** Webex's 403 when the token lacks a scope or the caller lacks the admin role. */
export const FORBIDDEN_MESSAGE =
  'The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.';
