// Issue 16 end to end: the real framework and bot against the emulator playing Webex and the
// org. A person without a role asks in their 1:1 with the bot, the helpdesk agent (1:1) takes
// it and forwards it, an admin approves, the change is applied in the org, and the person is
// told in their own space.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/emulator/index.js';
import { cardText } from '../helpers/cards.js';
import { ADMIN, HELPDESK } from '../helpers/demo-org-copy.js';
import { cardOf } from '../e2e/harness.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';

const TOM = 'tom.de.boer@acme.example';
const ADV = 'lic-adv-messaging-100101';
let app: DemoOrgApp;

beforeAll(async () => {
  app = await startDemoOrgApp({ prefix: 'org-asks-', org: true, orgWork: { backoff: { baseMs: 20, maxMs: 100 } } });
  await app.bot.orgDesk?.()?.syncNow();
});
afterAll(async () => {
  await app?.stop();
});

const text = (m: Message) => cardText(cardOf(m));

describe('a person asks in Webex; the helpdesk and an admin handle it; it reaches the org', () => {
  it('"I need advanced messaging" → Take → Forward → Approve → applied in Webex, the person told', async () => {
    const { h } = app;
    const tomRoom = await h.directRoomOf(TOM);
    const helpdeskRoom = await h.directRoomOf(HELPDESK.email);
    const adminRoom = await h.directRoomOf(ADMIN.email);
    const form = await h.nextCard(tomRoom, await h.say(TOM, tomRoom, 'I need advanced messaging'), 'Ask for a license');
    const helpdeskBefore = h.snapshot(helpdeskRoom);
    const sent = await h.click(TOM, form, 'Send request', { reason: 'I run the support channel' });
    expect(text(sent)).toContain('sent');
    const queue = await h.nextCard(helpdeskRoom, helpdeskBefore, 'asks for Advanced Messaging');
    const tomBefore = h.snapshot(tomRoom);
    const taken = await h.click(HELPDESK.email, queue, 'Take');
    expect(text(taken)).toContain('Taken by helpdesk@acme.example');
    await h.nextCard(tomRoom, tomBefore, 'is handling your request');
    const adminBefore = h.snapshot(adminRoom);
    await h.click(HELPDESK.email, taken, 'Forward to an administrator', { message: 'Team lead agrees' });
    const approval = await h.nextCard(adminRoom, adminBefore, 'Team lead agrees');
    const tomBeforeApproval = h.snapshot(tomRoom);
    await h.click(ADMIN.email, approval, 'Approve');
    await h.nextCard(tomRoom, tomBeforeApproval, 'approved');
    await expect.poll(() => h.app.emulator.org.person(TOM)?.licenses.includes(ADV)).toBe(true);
    expect(app.store.userByEmail(TOM)!.licenseIds).toContain(ADV);
  });
});
