// Local mode (no token): one process, one port. The emulator answers /v1/*, the real
// webex-node-bot-framework runs in webhook mode against it (HYDRA_SERVICE_URL), webhooks
// come back to /webhook with signatures checked like in production, and / is the playground.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type winston from 'winston';
import type { BotCore } from '../bot/types.js';
import type { Locale } from '../domain/index.js';
import type { TransportLimits } from './webex/http-routes.js';
import { createEmulator, type Emulator, type OrgSeed, type PersonSeed } from '../emulator/index.js';
import type { OrgConnection } from '../flows/org/port.js';
import { checkAdminConnection } from './webex-admin/check.js';
import { createAdminClient } from './webex-admin/client.js';
import { logger as appLogger } from '../logger.js';
import { playgroundRoutes } from '../playground/routes.js';
import { DEFAULT_WEBHOOK_LIMITS, healthRoutes, webhookReceiver } from './webex/http-routes.js';
import type { RetryPolicy } from './webex/retry.js';
import { createWebexTransport, type WebexTransport } from './webex/transport.js';
import { listen } from './server.js';

export const LOCAL_BOT: PersonSeed = { email: 'license-desk@webex.bot', displayName: 'License Desk' };
const WEBHOOK_PATH = '/webhook';

export interface LocalModeOptions {
  bot: BotCore;
  people: PersonSeed[];
  /** The org the emulator plays; with it the bot gets an admin connection to the emulator. */
  org?: OrgSeed;
  /** 0 picks a free port (tests). */
  port: number;
  locale?: Locale;
  /** Load shedding (see event-lanes.ts and http-routes.ts); defaults when unset. */
  limits?: TransportLimits;
  retryPolicy?: RetryPolicy;
  logger?: winston.Logger;
}

export interface LocalApp {
  url: string;
  port: number;
  emulator: Emulator;
  transport: WebexTransport;
  /** The secret the framework registered its webhooks with (tests sign with it). */
  webhookSecret: string;
  /** The admin connection to the emulated org (when `org` was given). */
  org: OrgConnection | undefined;
  /** Stop taking events, finish in-flight ones, stop the framework, close the port. */
  stop(): Promise<void>;
}

export async function startLocalMode(options: LocalModeOptions): Promise<LocalApp> {
  const log = options.logger ?? appLogger;
  const emulator = createEmulator({ bot: LOCAL_BOT, people: options.people, ...(options.org ? { org: options.org } : {}) });
  const webhookSecret = randomBytes(24).toString('hex');
  let transport: WebexTransport | undefined;
  let receiver: Hono | undefined;

  // Not strict: the SDK asks for /v1/people/?id=… with a trailing slash.
  const app = new Hono({ strict: false });
  app.route('/v1', emulator.api as unknown as Hono);
  app.route('/', healthRoutes({ isReady: () => transport?.isReady() ?? false }));
  app.post(WEBHOOK_PATH, (c) => (receiver ? receiver.fetch(c.req.raw) : c.json({ error: 'starting' }, 503)));
  app.route('/', playgroundRoutes({ emulator }));

  const server = await listen(app, { port: options.port, hostname: '127.0.0.1', requestTimeoutMs: DEFAULT_WEBHOOK_LIMITS.bodyTimeoutMs });
  const base = `http://127.0.0.1:${server.port}`;
  const apiBase = `${base}/v1`;
  emulator.setPublicBase(apiBase);
  // The SDK reads this once, when it loads; the transport loads it lazily and checks it.
  process.env.HYDRA_SERVICE_URL = apiBase;
  // The SDK prints its errors only, unless told otherwise (under NODE_ENV=test it would print everything).
  process.env.WEBEX_LOG_LEVEL ??= 'error';

  try {
    transport = createWebexTransport({
      bot: options.bot,
      token: emulator.state.botToken,
      apiBase,
      webhook: { url: `${base}${WEBHOOK_PATH}`, secret: webhookSecret },
      checkSdkApiBase: true,
      emulated: true,
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      logger: log,
    });
    receiver = webhookReceiver({ path: WEBHOOK_PATH, secret: webhookSecret, transport, logger: log, ...(options.limits ? { limits: options.limits } : {}) });
    await transport.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  const running = transport;
  // The same client as against Webex, with the emulated org's admin token.
  const adminToken = emulator.org.adminToken;
  const org = adminToken ? createAdminClient({ credentials: { kind: 'token', token: adminToken }, apiBase, ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}) }) : undefined;
  if (org && adminToken) log.info((await checkAdminConnection(org, { kind: 'token', token: adminToken }, "the emulator's admin token")).summary);
  options.bot.start?.({ outbox: running.outbox, org });
  const url = `http://localhost:${server.port}/`;
  return {
    url,
    port: server.port,
    emulator,
    transport: running,
    webhookSecret,
    org,
    async stop() {
      await options.bot.stop?.();
      await running.stop();
      await emulator.idle();
      await server.close();
    },
  };
}
