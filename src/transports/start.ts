// Start the transport the config asks for, and stop cleanly on SIGTERM/SIGINT:
// stop taking events, finish the ones in flight, close the store (it flushes), exit 0.
import type { BotCore } from '../bot/types.js';
import type { Config } from '../config.js';
import { logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { startLocalMode } from './local-mode.js';
import { DEMO_LOCATION_NUMBERS } from '../demo/build-demo-org.js';
import { orgSeedFromStore } from './org-from-store.js';
import { peopleFromStore } from './people-from-store.js';
import { startWebexMode } from './webex-mode.js';

export interface RunningTransport {
  stop(): Promise<void>;
}

export async function startTransport(options: { config: Config; store: Store; bot: BotCore }): Promise<RunningTransport> {
  const { config, store, bot } = options;
  if (config.mode === 'local') {
    const startedAt = Date.now();
    const people = peopleFromStore(store, config);
    const org = orgSeedFromStore(store, { adminEmail: localAdminEmail(store, config), locationNumbers: new Map(Object.entries(DEMO_LOCATION_NUMBERS)) });
    const app = await startLocalMode({ bot, people, org, port: config.port, locale: config.botLocale, limits: config.limits });
    logger.info(`local mode ready in ${Date.now() - startedAt} ms: open the playground at ${app.url}`);
    return app;
  }
  return startWebexMode({
    bot,
    token: config.webexBotToken ?? '',
    ...(config.webhookUrl && config.webhookSecret ? { webhook: { url: config.webhookUrl, secret: config.webhookSecret } } : {}),
    port: config.port,
    admin: config.adminConnection,
    locale: config.botLocale,
    limits: config.limits,
    sharedWebhooks: config.databaseUrl !== undefined,
  });
}

/** The emulated org's administrator: the first admin who is also a user of the org (so a sync finds no stranger). */
function localAdminEmail(store: Store, config: Config): string {
  const admins = [...config.adminEmails, ...store.roles().filter((r) => r.role === 'admin').map((r) => r.email)];
  return admins.find((email) => store.userByEmail(email)) ?? admins[0] ?? 'admin@desk.local';
}

/** On SIGTERM/SIGINT: stop the transport (drains in-flight events), close the store, exit 0. */
export function stopOnSignals(options: { running: RunningTransport; store: Store; exit?: (code: number) => void }): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing events in flight, then stopping`);
    let code = 0;
    try {
      await options.running.stop();
    } catch (error) {
      logger.error('stopping the transport failed', { error: String(error) });
      code = 1;
    }
    try {
      await options.store.close();
    } catch (error) {
      logger.error('closing the store failed', { error: String(error) });
      code = 1;
    }
    logger.info('stopped');
    exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // A stray rejection (the framework has several) is logged; it never takes the bot down.
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection (ignored, the bot keeps running); a bug: please report it with this stack', { error: reason instanceof Error ? reason.stack : String(reason) });
  });
}
