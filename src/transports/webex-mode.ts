// Webex mode (a token is set): websocket by default; with WEBHOOK_URL an HTTP server on
// PORT takes webhooks at WEBHOOK_URL's path (signature checked first) and answers
// /healthz and /readyz.
import { Hono } from 'hono';
import type winston from 'winston';
import type { BotCore } from '../bot/types.js';
import type { Locale } from '../domain/index.js';
import type { TransportLimits } from './webex/http-routes.js';
import { logger as appLogger } from '../logger.js';
import { listen, type RunningServer } from './server.js';
import { DEFAULT_WEBHOOK_LIMITS, healthRoutes, webhookReceiver } from './webex/http-routes.js';
import { WEBEX_API_BASE } from './webex/rest-client.js';
import { createWebexTransport, type WebexTransport } from './webex/transport.js';

export interface WebexModeOptions {
  bot: BotCore;
  token: string;
  webhook?: { url: string; secret: string };
  port: number;
  locale?: Locale;
  /** Load shedding (see event-lanes.ts and http-routes.ts); defaults when unset. */
  limits?: TransportLimits;
  logger?: winston.Logger;
}

export interface WebexApp {
  transport: WebexTransport;
  port: number | undefined;
  stop(): Promise<void>;
}

export async function startWebexMode(options: WebexModeOptions): Promise<WebexApp> {
  const log = options.logger ?? appLogger;
  const transport = createWebexTransport({
    bot: options.bot,
    token: options.token,
    // The SDK reads HYDRA_SERVICE_URL too; both default to Webex's public API.
    apiBase: process.env.HYDRA_SERVICE_URL ?? WEBEX_API_BASE,
    ...(options.webhook ? { webhook: options.webhook } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    logger: log,
  });
  let server: RunningServer | undefined;
  if (options.webhook) {
    const path = new URL(options.webhook.url).pathname;
    const app = new Hono();
    app.route('/', healthRoutes({ isReady: () => transport.isReady() }));
    app.route('/', webhookReceiver({ path, secret: options.webhook.secret, transport, logger: log, ...(options.limits ? { limits: options.limits } : {}) }));
    server = await listen(app, { port: options.port, requestTimeoutMs: DEFAULT_WEBHOOK_LIMITS.bodyTimeoutMs });
    log.info(`receiving Webex webhooks on port ${server.port} at ${path}`);
  }
  try {
    await transport.start();
  } catch (error) {
    await server?.close();
    throw error;
  }
  return {
    transport,
    port: server?.port,
    async stop() {
      await transport.stop();
      await server?.close();
    },
  };
}
