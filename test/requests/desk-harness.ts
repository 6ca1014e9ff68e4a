// The bot harness with the issue-6 config: an approvals space, request expiry and the audit
// file `audit verify` checks. Same store, clock and fake transport as test/helpers.
import path from 'node:path';
import { createBot } from '../../src/bot/index.js';
import type { FlowConfig } from '../../src/flows/index.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';
import { cardText, createDriver, submitActions, type Sent } from '../helpers/fake-transport.js';

export const APPROVALS = 'room-approvals';
export const HELPDESK_ROOM = 'room-helpdesk';

export interface DeskHarness extends Harness {
  auditFile: string;
  /** Cards sent to a room (or `direct:<email>`), oldest first. */
  cardsIn(roomId: string): Sent[];
  textOf(sent: Sent): string;
  buttons(sent: Sent): string[];
}

/** edits: the fake transport edits cards in place, as Webex does (else it sends anew and deletes). */
export async function createDeskHarness(config: Partial<FlowConfig> = {}, options: { edits?: boolean } = {}): Promise<DeskHarness> {
  const h = await createHarness();
  const auditFile = path.join(h.dir, 'audit.log');
  let ids = 0;
  const bot = createBot({
    store: h.store,
    config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en', approvalsRoomId: APPROVALS, requestExpiryDays: 7, auditFile, ...config },
    now: () => h.clock.now,
    newId: () => `id-${++ids}`,
    botNames: ['LicenseDesk'],
  });
  const driver = createDriver(bot, HELPDESK_ROOM, options);
  return {
    ...h,
    ...driver,
    auditFile,
    lastCard: () => driver.outbox.lastCard(),
    lastText: () => cardText(driver.outbox.lastCard().card!),
    cardsIn: (roomId) => driver.outbox.cards().filter((s) => s.roomId === roomId),
    textOf: (sent) => cardText(sent.card!),
    buttons: (sent) => submitActions(sent.card!).map((a) => a.title),
    async close() {
      await h.close();
      if (driver.outbox.cardProblems.length > 0) throw new Error(driver.outbox.cardProblems.join('\n'));
    },
  };
}
