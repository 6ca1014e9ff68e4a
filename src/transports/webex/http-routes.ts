// The HTTP edge in webhook mode: the webhook receiver (signature checked over the raw
// bytes, in constant time, before anything else looks at the body) and health probes.
import { Hono } from 'hono';
import type winston from 'winston';
import { logger as appLogger } from '../../logger.js';
import { isValidSignature } from './signature.js';
import type { WebexTransport } from './transport.js';
import { WebhookBodySchema } from './webhook-body.js';

export interface WebhookReceiverOptions {
  /** The path of WEBHOOK_URL, e.g. /webhook. */
  path: string;
  secret: string;
  transport: WebexTransport;
  logger?: winston.Logger;
}

export function webhookReceiver(options: WebhookReceiverOptions): Hono {
  const log = options.logger ?? appLogger;
  const app = new Hono();
  app.post(options.path, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!isValidSignature({ rawBody: raw, signature: c.req.header('x-spark-signature'), secret: options.secret })) {
      log.warn('webhook refused: missing or wrong X-Spark-Signature (a forged call, or a webhook registered with a secret other than WEBHOOK_SECRET: check it)', { bytes: raw.length });
      return c.json({ error: 'invalid signature' }, 401);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    const body = WebhookBodySchema.safeParse(json);
    if (!body.success) return c.json({ error: 'not a Webex webhook body', issues: body.error.issues.length }, 400);
    const outcome = options.transport.ingestWebhook(body.data);
    if (outcome === 'stopping') return c.json({ error: 'shutting down' }, 503);
    return c.json({ ok: true, outcome });
  });
  return app;
}

export function healthRoutes(options: { isReady: () => boolean }): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => (options.isReady() ? c.json({ status: 'ready' }) : c.json({ status: 'starting' }, 503)));
  return app;
}
