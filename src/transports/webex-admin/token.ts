// The admin connection's access token: a static one (WEBEX_ADMIN_TOKEN), or a Service App's,
// refreshed by the bot itself (POST /v1/access_token, grant_type=refresh_token) before it
// expires and after a 401. Tokens and secrets never reach a log line.
import { z } from 'zod';

export type AdminCredentials =
  | { kind: 'token'; token: string }
  | { kind: 'serviceApp'; clientId: string; clientSecret: string; refreshToken: string };

export interface TokenProvider {
  /** A token that is valid now (refreshed first when it expires within the margin). */
  token(): Promise<string>;
  /** Webex said 401 to this token: refresh on the next call. False when it cannot be refreshed. */
  invalidate(token: string): boolean;
  /** The scopes of the last token answer, when Webex listed them. */
  scopes(): string[] | undefined;
}

/** Refresh this long before the token would expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

const TokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

export class AdminTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminTokenError';
  }
}

export function tokenProvider(credentials: AdminCredentials, apiBase: string, now: () => number = Date.now): TokenProvider {
  if (credentials.kind === 'token') {
    return { token: () => Promise.resolve(credentials.token), invalidate: () => false, scopes: () => undefined };
  }
  const app = credentials;
  let refreshToken = app.refreshToken;
  let current: { token: string; expiresAt: number; scopes?: string[] } | undefined;
  let refreshing: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const response = await fetch(`${apiBase.replace(/\/+$/, '')}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: refreshToken,
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message = (body as { message?: unknown } | undefined)?.message;
      throw new AdminTokenError(
        `the Service App's token could not be refreshed (Webex answered ${response.status}${typeof message === 'string' ? `: ${message}` : ''}); ` +
          'check WEBEX_ADMIN_CLIENT_ID, WEBEX_ADMIN_CLIENT_SECRET and WEBEX_ADMIN_REFRESH_TOKEN',
      );
    }
    const answer = TokenAnswerSchema.safeParse(body);
    if (!answer.success) throw new AdminTokenError('the token answer of POST /v1/access_token has no access_token/expires_in');
    if (answer.data.refresh_token) refreshToken = answer.data.refresh_token; // Webex may rotate it
    const scopes = answer.data.scope?.split(/[\s,]+/).filter(Boolean);
    current = { token: answer.data.access_token, expiresAt: now() + answer.data.expires_in * 1000, ...(scopes ? { scopes } : {}) };
    return current.token;
  }

  return {
    token() {
      if (current && current.expiresAt - REFRESH_MARGIN_MS > now()) return Promise.resolve(current.token);
      // One refresh at a time; everyone waiting shares its answer.
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
      return true;
    },
    scopes: () => current?.scopes,
  };
}
