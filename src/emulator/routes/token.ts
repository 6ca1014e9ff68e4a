// POST /v1/access_token, the OAuth token endpoint, for the Service App's refresh grant:
// x-www-form-urlencoded grant_type=refresh_token, client_id, client_secret, refresh_token.
// No bearer: the client authenticates with its id and secret. Errors are OAuth's
// {error, error_description, trackingID}, as Webex's authorization service answers them.
import { Hono } from 'hono';
import type { EmulatorContext, EmulatorEnv, EmulatorHttpContext } from '../http.js';
import { REFRESH_LIFETIME } from '../org/org.js';

function oauthError(c: EmulatorHttpContext, status: 400 | 401, error: string, description: string) {
  return c.json({ error, error_description: description, trackingID: c.get('trackingId') }, status);
}

export function tokenRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const { org } = ctx;
  const app = new Hono<EmulatorEnv>();
  app.post('/', async (c) => {
    if (!(c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      return oauthError(c, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(await c.req.text());
    const service = org.serviceApp;
    const grant = form.get('grant_type');
    if (grant !== 'refresh_token') return oauthError(c, 400, 'unsupported_grant_type', `Unsupported grant_type ${grant ?? ''}.`);
    if (!service || form.get('client_id') !== service.clientId || form.get('client_secret') !== service.clientSecret) {
      return oauthError(c, 401, 'invalid_client', 'The client id or secret is invalid.');
    }
    const refreshLeft = Math.floor((service.refreshIssuedAt + REFRESH_LIFETIME * 1000 - Date.now()) / 1000);
    if (form.get('refresh_token') !== service.refreshToken || refreshLeft <= 0) {
      return oauthError(c, 400, 'invalid_grant', 'The refresh token provided is expired, revoked, malformed, or invalid.');
    }
    const lifetime = org.accessLifetimeSeconds;
    const accessToken = org.tokens.issue(service.identity, service.scopes, lifetime);
    org.counters.tokenGrants += 1;
    ctx.log.add({ kind: 'api', title: 'POST /v1/access_token', status: 200, who: service.clientId, detail: 'refresh_token grant' });
    // Webex keeps the refresh token (its lifetime runs from when it was issued).
    return c.json({
      access_token: accessToken,
      expires_in: lifetime,
      refresh_token: service.refreshToken,
      refresh_token_expires_in: refreshLeft,
      token_type: 'Bearer',
    });
  });
  return app;
}
