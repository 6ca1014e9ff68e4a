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
import type { AdminConnectionConfig } from '../config.js';
import { checkAdminConnection } from './webex-admin/check.js';
import { createAdminClient } from './webex-admin/client.js';
import { describeStartFailure } from './start-failure.js';

/** Rethrow a start error Webex or the network caused as one readable StartFailure (see start-failure.ts). */
const readably =
  (apiBase: string) =>
  (error: unknown): never => {
    throw describeStartFailure(error, apiBase) ?? error;
  };

export interface WebexModeOptions {
  bot: BotCore;
  token: string;
  webhook?: { url: string; secret: string };
  port: number;
  /** The admin connection (WEBEX_ADMIN_*); checked before the bot takes events. */
  admin?: AdminConnectionConfig | undefined;
  locale?: Locale;
  /** Load shedding (see event-lanes.ts and http-routes.ts); defaults when unset. */
  limits?: TransportLimits;
  logger?: winston.Logger;
  /** Several replicas share the webhooks (DATABASE_URL). */
  sharedWebhooks?: boolean;
}

export interface WebexApp {
  transport: WebexTransport;
  port: number | undefined;
  stop(): Promise<void>;
}

export async function startWebexMode(options: WebexModeOptions): Promise<WebexApp> {
  const log = options.logger ?? appLogger;
  const apiBase = process.env.HYDRA_SERVICE_URL ?? WEBEX_API_BASE;
  const org = options.admin ? createAdminClient({ credentials: options.admin, apiBase }) : undefined;
  if (org && options.admin) log.info((await checkAdminConnection(org, options.admin).catch(readably(apiBase))).summary);
  else log.warn('no admin connection (WEBEX_ADMIN_TOKEN or a Service App): changes are saved in the desk only, not applied in Webex; see README "Admin connection"');
  const transport = createWebexTransport({
    bot: options.bot,
    token: options.token,
    // The SDK reads HYDRA_SERVICE_URL too; both default to Webex's public API.
    apiBase,
    ...(options.webhook ? { webhook: options.webhook } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.sharedWebhooks ? { sharedWebhooks: true } : {}),
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
    readably(apiBase)(error);
  }
  options.bot.start?.({ outbox: transport.outbox, org });
  return {
    transport,
    port: server?.port,
    async stop() {
      await options.bot.stop?.();
      await transport.stop();
      await server?.close();
    },
  };
}
