// The HTTP edge in webhook mode: the webhook receiver (signature checked over the raw
// bytes, in constant time, before anything else looks at the body) and health probes.
// Before the signature is known, the work is bounded: at most 1 MB read (hono's bodyLimit
// answers 413 from Content-Length alone, or as soon as a chunked body passes it), the body
// within a deadline (408), and at most a few unauthenticated bodies at once (503).
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type winston from 'winston';
import { logger as appLogger } from '../../logger.js';
import { isValidSignature } from './signature.js';
import type { EventLimits } from './event-lanes.js';
import type { WebexTransport } from './transport.js';
import { WebhookBodySchema } from './webhook-body.js';

export interface WebhookReceiverOptions {
  /** The path of WEBHOOK_URL, e.g. /webhook. */
  path: string;
  secret: string;
  transport: WebexTransport;
  logger?: winston.Logger;
  limits?: Partial<WebhookLimits>;
}

export interface WebhookLimits {
  maxBodyBytes: number;
  /** The whole body must have arrived by then (the server also cuts headers and body at this time). */
  bodyTimeoutMs: number;
  /** Bodies being read or checked at once, before their signature is known. */
  pendingWebhookBodies: number;
}

/** All the load limits of the Webex edge, as the config names them. */
export type TransportLimits = EventLimits & Pick<WebhookLimits, 'pendingWebhookBodies'>;

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = { maxBodyBytes: 1024 * 1024, bodyTimeoutMs: 10_000, pendingWebhookBodies: 32 };

class BodyTimeout extends Error {}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function webhookReceiver(options: WebhookReceiverOptions): Hono {
  const log = options.logger ?? appLogger;
  const limits = { ...DEFAULT_WEBHOOK_LIMITS, ...options.limits };
  const app = new Hono();
  let pending = 0;
  const fewAtOnce: MiddlewareHandler = async (c, next) => {
    if (pending >= limits.pendingWebhookBodies) {
      log.warn('webhook shed: too many bodies being read at once; Webex retries later', { pending, limit: limits.pendingWebhookBodies });
      c.header('retry-after', '1');
      return c.json({ error: 'busy' }, 503);
    }
    pending += 1;
    try {
      await next();
    } finally {
      pending -= 1;
    }
  };
  const tooLarge = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: (c) => {
      log.warn('webhook refused: body larger than the limit, not read further', { limit: limits.maxBodyBytes, contentLength: c.req.header('content-length') });
      c.header('connection', 'close'); // the rest of the body is not wanted: close instead of draining it
      return c.json({ error: `body larger than ${limits.maxBodyBytes} bytes` }, 413);
    },
  });
  app.post(options.path, fewAtOnce, tooLarge, async (c) => {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(await within(c.req.arrayBuffer(), limits.bodyTimeoutMs));
    } catch (error) {
      if (!(error instanceof BodyTimeout)) {
        log.info('webhook body aborted by the sender', { error: error instanceof Error ? error.message : String(error) });
        return c.json({ error: 'body aborted' }, 400);
      }
      log.warn('webhook refused: the body did not arrive in time', { ms: limits.bodyTimeoutMs });
      c.header('connection', 'close');
      return c.json({ error: 'body not received in time' }, 408);
    }
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
    if (outcome === 'shed') {
      c.header('retry-after', '5');
      return c.json({ error: 'busy, deliver again later' }, 503);
    }
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
