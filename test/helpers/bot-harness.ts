// The real bot on a real store over a temp copy of the demo org, driven by the fake
// transport. Each test gets its own folder, clock and ids.
import { createBot, type BotCore } from '../../src/bot/index.js';
import type { AuditEntry, Locale } from '../../src/domain/index.js';
import type { FlowConfig } from '../../src/flows/index.js';
import type { OrgConnection } from '../../src/flows/org/port.js';
import { openStore, type Store } from '../../src/store/index.js';
import { copyDemoOrg, readAuditLines } from './demo-org-copy.js';
import { cardText, createDriver, type Driver, type Sent } from './fake-transport.js';

export { ADMIN, ADMIN2, HELPDESK, STRANGER } from './demo-org-copy.js';

export interface Harness extends Driver {
  store: Store;
  /** The bot itself (start/stop: its schedule and timers). */
  bot: BotCore;
  dir: string;
  clock: { now: Date; advance(ms: number): void };
  /** Text of the last card the bot sent. */
  lastText(): string;
  lastCard(): Sent;
  auditLines(): AuditEntry[];
  close(): Promise<void>;
}

/** config: overrides of the bot's config (approvalsRoomId, reclaimReport, …); botLocale may be given either way. */
export async function createHarness(options: { botLocale?: Locale; org?: OrgConnection; config?: Partial<FlowConfig> } = {}): Promise<Harness> {
  const files = copyDemoOrg({ prefix: 'bot-flow-' });
  const { dir, dataFile, auditFile } = files;
  const clock = {
    now: new Date('2026-11-27T10:00:00.000Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const store = await openStore({ dataFile, auditFile, now: () => clock.now });
  let ids = 0;
  const bot = createBot({
    store,
    config: { adminEmails: [], helpdeskEmails: [], botLocale: options.botLocale ?? 'en', ...options.config },
    now: () => clock.now,
    newId: () => `id-${++ids}`,
    botNames: ['LicenseDesk'],
    ...(options.org ? { org: options.org } : {}),
  });
  const driver = createDriver(bot);
  return {
    ...driver,
    store,
    bot,
    dir,
    clock,
    lastCard: () => driver.outbox.lastCard(),
    lastText: () => cardText(driver.outbox.lastCard().card!),
    auditLines: () => readAuditLines(auditFile),
    async close() {
      await bot.stop?.();
      await store.close();
      files.remove();
      if (driver.outbox.cardProblems.length > 0) throw new Error(driver.outbox.cardProblems.join('\n'));
    },
  };
}
