// Issue 16: a person without a role asks for a license in chat; the helpdesk handles the ask
// (Take / Ask for more info / Forward / Decline); an admin approves; the person is told at
// each step; everything audited and in `history`; crafted submits refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/index.js';
import { ADMIN, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';
import { cardText, type Sent } from '../helpers/fake-transport.js';

let h: Harness;
afterEach(async () => h?.close());

const TOM: Actor = { personId: 'p-tom', email: 'tom.de.boer@acme.example', displayName: 'Tom de Boer' };
const EMMA: Actor = { personId: 'p-emma', email: 'emma.bakker@acme.example', displayName: 'Emma Bakker' };
const AC = 'lic-attendant-console-100103';
const ADV = 'lic-adv-messaging-100101';
const HOUR = 60 * 60 * 1000;

/** Cards to a person 1:1 (sent to them, or a card of theirs replaced in their space). */
const to = (email: string): Sent[] => h.outbox.cards().filter((c) => (c.toPerson === email || c.roomId === `direct:${email}`) && !h.outbox.deleted.has(c.messageId));
const lastTo = (email: string): Sent => to(email).at(-1)!;
const textOf = (sent: Sent): string => cardText(sent.card!);
const tom = () => h.store.userByEmail(TOM.email)!;
/** The last card in the space where people type (the driver's room). */
const here = (): string => textOf(h.outbox.cards().filter((c) => c.roomId === 'room-1').at(-1)!);

/** Tom asks for a license by "I need …" and sends it with a reason; returns the ask. */
async function ask(actor: Actor, what: string, reason = 'I start on the reception desk') {
  await h.say(actor, `I need ${what}`);
  await h.click(actor, 'Send request', { reason });
  return h.store.requests({ status: 'asked' }).find((r) => r.requesterId === actor.personId)!;
}

describe('a person asks; the helpdesk handles it; an admin approves', () => {
  it('Attendant Console on Calling Standard: the switch shown, taken, a question answered, forwarded, approved, applied, told at each step, all in history', async () => {
    h = await createHarness();
    await h.say(TOM, 'I need attendant console');
    const form = h.lastText();
    expect(form).toContain('Ask for a license');
    expect(form).toContain('Webex Calling - Basic');
    expect(form).toMatch(/If you ask for Webex Attendant Console · Sub-100103: .*Professional/);
    expect(form).toMatch(/Meeting - Webex Enterprise Edition .*acme-training.*no free unit|no free unit.*acme-training/s);
    await h.click(TOM, 'Send request', { reason: 'I start on the reception desk' });
    expect(here()).toContain('Request R-1 sent');
    expect(here()).toContain('Professional');

    const queue = lastTo(HELPDESK.email);
    expect(textOf(queue)).toContain('R-1: Tom de Boer asks for Webex Attendant Console');
    expect(textOf(queue)).toContain('I start on the reception desk');
    await h.click(HELPDESK, 'Take', {}, { card: queue });
    expect(textOf(lastTo(HELPDESK.email))).toContain('Taken by helpdesk@acme.example');
    expect(textOf(lastTo(TOM.email))).toContain('helpdesk@acme.example of the helpdesk is handling your request');

    await h.click(HELPDESK, 'Ask for more info', { message: 'Which desk?' }, { card: lastTo(HELPDESK.email) });
    const question = lastTo(TOM.email);
    expect(textOf(question)).toContain('The helpdesk asks about your request R-1');
    expect(textOf(question)).toContain('Which desk?');
    await h.click(TOM, 'Send answer', { answer: 'The main reception' }, { card: question });
    expect(textOf(lastTo(TOM.email))).toContain('Answer sent');
    expect(h.outbox.cards().some((c) => c.toPerson === HELPDESK.email && textOf(c).includes('Answer: The main reception'))).toBe(true);

    const current = h.outbox.cards().filter((c) => c.toPerson === HELPDESK.email || c.roomId === queue.roomId).at(-1)!;
    await h.click(HELPDESK, 'Forward to an administrator', { message: 'Checked with the team lead' }, { card: current });
    const approval = lastTo(ADMIN.email);
    expect(textOf(approval)).toContain('Forwarded by');
    expect(textOf(approval)).toContain('Checked with the team lead');
    expect(textOf(approval)).toContain(TOM.email);
    expect(h.outbox.cards().some((c) => c.toPerson === TOM.email && textOf(c).includes('with an administrator'))).toBe(true);
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    expect(tom().licenseIds).toContain(AC);
    expect(tom().licenseIds).toContain('lic-calling-pro-100101');
    expect(to(TOM.email).some((c) => textOf(c).includes('approved'))).toBe(true); // the person's own ask: told 1:1

    await h.say(ADMIN, `history ${TOM.email}`);
    const history = h.lastText();
    for (const line of ['Asked for a license', 'Taken by the helpdesk', 'Helpdesk question', 'Answer to the helpdesk', 'Forwarded to the administrators', 'Request approved', 'License change']) expect(history).toContain(line);
  });

  it('a full license is refused at the ask with the reason, and audited; nothing is filed', async () => {
    h = await createHarness();
    await h.say(TOM, 'I need Meeting - Webex Enterprise Edition (acme-training.webex.com)');
    expect(h.lastText()).toContain('You cannot ask for this now');
    expect(h.lastText()).toContain('no free unit');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'license.refused', actorEmail: TOM.email, details: { flow: 'ask' } });
    expect(h.store.requests()).toHaveLength(0);
  });

  it('a decline needs a reason; the person is told it', async () => {
    h = await createHarness();
    await ask(TOM, 'advanced messaging');
    const queue = lastTo(HELPDESK.email);
    await h.click(HELPDESK, 'Decline', { message: '' }, { card: queue });
    expect(h.lastText()).toContain('Write why it is declined');
    await h.click(HELPDESK, 'Decline', { message: 'Advanced Messaging is for team leads' }, { card: queue });
    const [request] = h.store.requests();
    expect(request).toMatchObject({ status: 'rejected', decidedBy: HELPDESK.email });
    const told = lastTo(TOM.email);
    expect(textOf(told)).toContain('Request R-1: declined');
    expect(textOf(told)).toContain('Advanced Messaging is for team leads');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'request.decline', details: expect.objectContaining({ reason: 'Advanced Messaging is for team leads' }) });
  });

  it('an ask nobody took is posted again once after HELPDESK_REMIND_HOURS (8)', async () => {
    h = await createHarness();
    await ask(TOM, 'advanced messaging');
    expect(to(HELPDESK.email)).toHaveLength(1);
    h.clock.advance(7 * HOUR);
    await h.say(ADMIN, 'help');
    expect(to(HELPDESK.email)).toHaveLength(1);
    h.clock.advance(HOUR + 1000);
    await h.say(ADMIN, 'help');
    expect(to(HELPDESK.email)).toHaveLength(2);
    await h.say(ADMIN, 'help');
    h.clock.advance(24 * HOUR);
    await h.say(ADMIN, 'help');
    expect(to(HELPDESK.email)).toHaveLength(2);
    await h.say(HELPDESK, 'queue');
    expect(h.lastText()).toMatch(/R-1 · 32 h ago · tom\.de\.boer@acme\.example · Advanced Messaging/);
  });

  it('two agents take the same ask at once: one wins, the other sees who took it', async () => {
    h = await createHarness();
    const AGENT2: Actor = { personId: 'p-agent2', email: 'agent2@acme.example', displayName: 'Agent Two' };
    await h.store.commit({ mutations: [{ type: 'role.put', role: { email: AGENT2.email, role: 'helpdesk', addedBy: ADMIN.email, addedAt: '2026-11-01T00:00:00.000Z' } }] });
    await ask(TOM, 'advanced messaging');
    const mine = lastTo(HELPDESK.email);
    const theirs = lastTo(AGENT2.email);
    await Promise.all([h.click(HELPDESK, 'Take', {}, { card: mine }), h.click(AGENT2, 'Take', {}, { card: theirs })]);
    const [request] = h.store.requests();
    const winner = request!.helpdesk!.takenBy!.email;
    expect([HELPDESK.email, AGENT2.email]).toContain(winner);
    expect(h.auditLines().filter((l) => l.action === 'request.take')).toHaveLength(1);
    const loser = winner === HELPDESK.email ? AGENT2 : HELPDESK;
    const loserView = h.outbox.cards().filter((c) => c.roomId === 'room-1' || c.toPerson === loser.email).at(-1)!;
    expect(textOf(loserView)).toContain(`Taken by ${winner}`);
    // The loser cannot act on it now; an admin can.
    await h.click(loser, 'Decline', { message: 'no' }, { card: loserView });
    expect(h.lastText()).toContain(`${winner} took R-1`);
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: loser.email, codes: ['queue.taken-by-other'] });
  });
});

describe('who may do what', () => {
  it('crafted submits: someone else answering, a person without a role on the queue or deciding, a stranger asking: refused and audited', async () => {
    h = await createHarness();
    await ask(TOM, 'advanced messaging');
    const request = h.store.requests()[0]!;
    await h.click(HELPDESK, 'Ask for more info', { message: 'Why?' }, { card: lastTo(HELPDESK.email) });
    const fresh = h.store.request(request.id)!;
    await h.submitRaw(EMMA, { flow: 'ask', step: 'answer', draftId: fresh.id, v: fresh.version, action: 'answer', answer: 'hijack' });
    expect(h.lastText()).toContain('someone else');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: EMMA.email, codes: ['ask.not-yours'] });
    await h.submitRaw(TOM, { flow: 'helpdesk', step: 'queue', draftId: fresh.id, v: fresh.version, action: 'forward', message: 'me' });
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: TOM.email });
    await h.submitRaw(TOM, { flow: 'request', step: 'decide', draftId: fresh.id, v: fresh.version, action: 'approve' });
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: TOM.email });
    expect(h.store.request(request.id)!.status).toBe('asked');
    // An admin's crafted Approve of an ask the helpdesk has not forwarded: not an approval request yet.
    await h.submitRaw(ADMIN, { flow: 'request', step: 'decide', draftId: fresh.id, v: fresh.version, action: 'approve' });
    expect(h.store.request(request.id)!.status).toBe('asked');
    expect(tom().licenseIds).not.toContain(ADV);
    await h.say(STRANGER, 'I need advanced messaging');
    expect(h.lastText()).toContain('Only people of this organization');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: STRANGER.email, codes: ['ask.not-in-org'] });
  });

  it('at most 3 open asks; the same ask twice is one; `my requests` shows them', async () => {
    h = await createHarness();
    await ask(TOM, 'advanced messaging');
    await h.say(TOM, 'I need advanced messaging');
    await h.click(TOM, 'Send request', { reason: 'again' });
    expect(h.lastText()).toContain('You already asked for Advanced Messaging · Sub-100101: request R-1');
    await ask(TOM, 'unified communication manager');
    await ask(TOM, 'Meeting - Webex Enterprise Edition (acme-events.webex.com)');
    await h.say(TOM, 'request');
    expect(h.lastText()).toContain('You have 3 open requests (R-1, R-2, R-3)');
    await h.say(TOM, 'my requests');
    expect(h.lastText()).toContain('R-3');
    expect(h.lastText()).toContain('with the helpdesk');
    expect(h.store.requests()).toHaveLength(3);
  });

  it('in Dutch: "ik heb … nodig", `aanvragen`, the form and the notices with "u"', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(TOM, 'ik heb attendant console nodig');
    expect(h.lastText()).toContain('Een licentie aanvragen');
    expect(h.lastText()).toContain('Als u Webex Attendant Console · Sub-100103 aanvraagt');
    await h.click(TOM, 'Aanvraag versturen', { reason: 'Receptie' });
    expect(here()).toContain('Verzoek R-1 verstuurd');
    await h.say(TOM, 'aanvragen');
    expect(h.lastText()).toContain('Kies de licentie die u nodig hebt');
    await h.say(TOM, 'mijn verzoeken');
    expect(h.lastText()).toContain('bij de helpdesk');
    await h.say(TOM, 'help');
    expect(h.lastText()).toContain('`aanvragen`');
  });

  it('a person who asks in Dutch words reads Dutch from then on (until they choose with `language`)', async () => {
    h = await createHarness(); // the desk speaks English
    await h.say(TOM, 'aanvragen');
    expect(h.lastText()).toContain('Een licentie aanvragen');
    await h.say(TOM, 'help');
    expect(h.lastText()).toContain('`aanvragen`');
    await h.say(TOM, 'language en');
    await h.say(TOM, 'ik heb advanced messaging nodig');
    expect(h.lastText()).toContain('Ask for a license');
  });

  it('a double click on Send files one ask; `request <license>` in English asks too; in a group space the form goes 1:1', async () => {
    h = await createHarness();
    await h.say(TOM, 'request advanced messaging');
    const form = h.outbox.lastCard();
    expect(textOf(form)).toContain('Ask for a license');
    await Promise.all([h.click(TOM, 'Send request', { reason: 'x' }, { card: form }), h.click(TOM, 'Send request', { reason: 'x' }, { card: form })]);
    expect(h.store.requests()).toHaveLength(1);
    await h.say(TOM, 'I need unified communication manager', { roomType: 'group', roomId: 'room-team' });
    expect(h.outbox.cards().filter((c) => c.roomId === 'room-team').map(textOf).at(-1)).toContain('I sent the form to our 1:1 space');
    expect(textOf(lastTo(TOM.email))).toContain('Ask for a license');
  });
});
