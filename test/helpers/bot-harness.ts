// The real bot on a real store over a temp copy of the demo org, driven by the fake
// transport. Each test gets its own folder, clock and ids.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBot } from '../../src/bot/index.js';
import type { Actor, AuditEntry, Locale } from '../../src/domain/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { cardText, createDriver, type Driver, type Sent } from './fake-transport.js';

const DEMO_ORG = fileURLToPath(new URL('../../data/demo-org.json', import.meta.url));

export const ADMIN: Actor = { personId: 'p-admin', email: 'admin@acme.example', displayName: 'Acme IT Admin' };
export const ADMIN2: Actor = { personId: 'p-noor', email: 'noor.admin@acme.example', displayName: 'Noor El Amrani' };
export const HELPDESK: Actor = { personId: 'p-helpdesk', email: 'helpdesk@acme.example', displayName: 'Acme Helpdesk' };
export const STRANGER: Actor = { personId: 'p-stranger', email: 'someone@acme.example', displayName: 'Some One' };

export interface Harness extends Driver {
  store: Store;
  dir: string;
  clock: { now: Date; advance(ms: number): void };
  /** Text of the last card the bot sent. */
  lastText(): string;
  lastCard(): Sent;
  auditLines(): AuditEntry[];
  close(): Promise<void>;
}

export async function createHarness(options: { botLocale?: Locale } = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bot-flow-'));
  const dataFile = path.join(dir, 'db.json');
  const auditFile = path.join(dir, 'audit.log');
  copyFileSync(DEMO_ORG, dataFile);
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
    config: { adminEmails: [], helpdeskEmails: [], botLocale: options.botLocale ?? 'en' },
    now: () => clock.now,
    newId: () => `id-${++ids}`,
    botNames: ['LicenseDesk'],
  });
  const driver = createDriver(bot);
  return {
    ...driver,
    store,
    dir,
    clock,
    lastCard: () => driver.outbox.lastCard(),
    lastText: () => cardText(driver.outbox.lastCard().card!),
    auditLines: () =>
      readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as AuditEntry),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (driver.outbox.cardProblems.length > 0) throw new Error(driver.outbox.cardProblems.join('\n'));
    },
  };
}
