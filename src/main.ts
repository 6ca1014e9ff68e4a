// Entry point, wiring only: config → logger → store → transport.
import { deskClock } from './bot/desk-clock.js';
import { ConfigError, configFromEnvOrExit, type Config } from './config.js';
import { loadDemoOrg, withActivityAsOf } from './demo/demo-org.js';
import { emptyOrgDocument, type OrgDocument } from './domain/index.js';
import { configureLogger, logger } from './logger.js';
import { openStore, StoreLoadError } from './store/index.js';
import { openPgStore, safeUrl } from './store/postgres/index.js';
import { createBot } from './bot/index.js';
import { startTransport, stopOnSignals } from './transports/start.js';
import { AdminConnectionError } from './transports/webex-admin/check.js';
import { StartFailure } from './transports/start-failure.js';

/** A missing data file starts as the demo org locally, as an empty org against real Webex. */
function seedFor(config: Config): { make: () => OrgDocument; used: () => boolean } {
  let used = false;
  return {
    make: () => {
      used = true;
      // The demo's "last seen in Webex" dates count back from today (real time: Webex's clock, not the desk's).
      return config.mode === 'local' ? withActivityAsOf(loadDemoOrg(), new Date()) : emptyOrgDocument();
    },
    used: () => used,
  };
}

async function main(): Promise<void> {
  const config = configFromEnvOrExit();
  configureLogger({ level: config.logLevel, json: config.isProduction });

  const seed = seedFor(config);
  const log = (level: 'warn' | 'error', message: string) => logger[level](message);
  // PostgreSQL (several replicas): an empty database starts as the demo org locally; against real Webex, move in with `npm run store:migrate`.
  const store = config.databaseUrl
    ? await openPgStore({ url: config.databaseUrl, ...(config.mode === 'local' ? { seed: seed.make } : {}), log })
    : await openStore({ dataFile: config.dataFile, auditFile: config.auditFile, seed: seed.make, log });
  const where = config.databaseUrl ? safeUrl(config.databaseUrl) : config.dataFile;
  const origin = config.mode === 'local' ? 'the demo org' : 'an empty org';
  logger.info(seed.used() ? `created ${where} from ${origin}` : `opened ${where}`, {
    mode: config.mode,
    org: store.orgName(),
    users: store.userCount(),
  });
  if (config.mode === 'webex' && store.userCount() === 0) {
    logger.warn(
      `the org in ${config.dataFile} is empty; stop the bot and load your users and licenses with: ` +
        'npm run import -- <users.csv> --licenses <licenses.json> (the Control Hub user export and the JSON body of GET /v1/licenses; see README "Import and export")',
    );
  }

  if (config.deskClockOffsetDays > 0) {
    logger.warn(`DESK_CLOCK_OFFSET_DAYS=${config.deskClockOffsetDays}: the desk's clock runs ${config.deskClockOffsetDays} days ahead (request expiry, undo window); do not set it on a desk that serves a real org`);
  }
  const bot = createBot({ store, config, now: deskClock(config.deskClockOffsetDays), leaseTtlMs: config.replicaLeaseSeconds * 1000 });
  const starting = startTransport({ config, store, bot });
  // Signals are handled from here on: a SIGTERM while starting stops once the start is done.
  stopOnSignals({ running: { stop: async () => (await starting).stop() }, store });
  await starting.catch(async (error: unknown) => {
    await store.close(); // release the lock and flush before main's error handler exits
    throw error;
  });
}

main().catch((error: unknown) => {
  if (error instanceof StartFailure) {
    // One line that says what to check; the stack only for whoever asked for it.
    logger.debug('the start failed', { error: error.cause instanceof Error ? error.cause.stack : String(error.cause) });
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError || error instanceof StoreLoadError || error instanceof AdminConnectionError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(2);
  }
  logger.error('the bot stopped on an unexpected error', { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
