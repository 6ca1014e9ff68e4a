// Issue 17, licenses until a date: "until" on the review (presets and a date), `grants`, the
// reminder one day before the end (Extend / Keep permanently / Let it end) to the granter and
// the approver, the end as an audited change the rules check (R3 refuses it when Attendant
// Console depends on the license), once, also when the desk was down at the end.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/fake-transport.js';

let h: Harness;
afterEach(async () => h?.close());

const EMMA = 'emma.bakker@acme.example';
const ADV = 'lic-adv-messaging-100101';
const DAY = 24 * 60 * 60 * 1000;
const emma = () => h.store.userByEmail(EMMA)!;
const cardsTo = (email: string) => h.outbox.cards().filter((c) => c.toPerson === email);

/** Emma gets Advanced Messaging through the wizard, with "until" inputs on the review. */
async function giveAdvancedMessaging(actor = ADMIN, until: Record<string, string> = {}, finish = 'Save'): Promise<void> {
  await h.say(actor, `licenses ${EMMA}`);
  await h.click(actor, 'Edit licenses');
  await h.click(actor, 'Choose service', { service: 'messaging' });
  await h.click(actor, 'Apply and review', { [`lic.${ADV}`]: 'true' });
  await h.click(actor, finish, until);
}

/** Any message: the bot sweeps its schedule on every event. */
const tick = () => h.say(ADMIN, 'grants');

describe('licenses until a date', () => {
  it('a preset on the review: saved with its last day, listed by `grants`, reminded the day before, removed when the day is over', async () => {
    h = await createHarness(); // 2026-11-27
    await h.say(ADMIN, `licenses ${EMMA}`);
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'messaging' });
    await h.click(ADMIN, 'Apply and review', { [`lic.${ADV}`]: 'true' });
    const review = h.lastText();
    expect(review).toContain('Advanced Messaging · Sub-100101: until');
    expect(review).toContain('1 week (Fri, 4 Dec 2026)');
    expect(review).toContain('End of quarter (Thu, 31 Dec 2026)');
    await h.click(ADMIN, 'Save', { [`until.${ADV}`]: 'week' });
    expect(h.lastText()).toContain('Advanced Messaging · Sub-100101 until Fri, 4 Dec 2026');
    expect(h.auditLines().at(-1)!.details).toMatchObject({ until: { [ADV]: '2026-12-04' } });

    await tick();
    expect(h.lastText()).toContain('Licenses until a date (1)');
    expect(h.lastText()).toMatch(/Fri, 4 Dec 2026 · Emma Bakker · Advanced Messaging · Sub-100101 · by admin@acme\.example/);

    h.clock.advance(6 * DAY + 13 * 60 * 60 * 1000); // 2026-12-03 23:00: a day and an hour before the end (2026-12-05 00:00)
    await tick();
    expect(cardsTo(ADMIN.email)).toHaveLength(0);
    h.clock.advance(2 * 60 * 60 * 1000); // 2026-12-04 01:00, the last day
    await tick();
    const [reminder] = cardsTo(ADMIN.email);
    expect(cardText(reminder!.card!)).toContain('Advanced Messaging · Sub-100101 for Emma Bakker ends after Fri, 4 Dec 2026');
    await tick();
    expect(cardsTo(ADMIN.email)).toHaveLength(1); // once

    h.clock.advance(23 * 60 * 60 * 1000 + 30_000); // 2026-12-05 00:00:30
    await tick();
    expect(emma().licenseIds).not.toContain(ADV);
    const ended = cardsTo(ADMIN.email).at(-1)!;
    expect(cardText(ended.card!)).toContain('Advanced Messaging · Sub-100101 for Emma Bakker has ended');
    expect(cardText(ended.card!)).not.toContain('was not running');
    const line = h.auditLines().find((l) => l.action === 'license.change' && l.actorEmail === 'system')!;
    expect(line).toMatchObject({ targetEmail: EMMA, change: { removeLicenseIds: [ADV] }, details: expect.objectContaining({ flow: 'grant', until: '2026-12-04' }) });
    await h.say(ADMIN, `history ${EMMA}`);
    expect(h.lastText()).toContain('End of Advanced Messaging · Sub-100101, granted until Fri, 4 Dec 2026');
    expect(h.lastText()).toContain('Reminder: last day');
    expect(h.lastText()).toContain('Until Fri, 4 Dec 2026: Advanced Messaging · Sub-100101');
  });

  it('Extend from the reminder moves the end (a new reminder before it); Keep permanently keeps it for good', async () => {
    h = await createHarness();
    await giveAdvancedMessaging(ADMIN, { [`until-date.${ADV}`]: '2026-11-30' });
    h.clock.advance(3 * DAY); // 2026-11-30 10:00, the last day
    await tick();
    const reminder = cardsTo(ADMIN.email)[0]!;
    await h.click(ADMIN, 'Extend', { until: '2026-11-30' }, { card: reminder });
    expect(h.lastText()).toContain('is not after today');
    await h.click(ADMIN, 'Extend', { until: '2026-12-10' }, { card: reminder });
    expect(h.lastText()).toContain('extended until Thu, 10 Dec 2026');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'grant.extend', details: expect.objectContaining({ from: '2026-11-30', to: '2026-12-10' }) });
    await h.click(ADMIN, 'Keep permanently', {}, { card: reminder }); // the old card
    expect(h.lastText()).toContain('Already decided');

    h.clock.advance(2 * DAY);
    await tick();
    expect(emma().licenseIds).toContain(ADV); // not ended on the old date
    h.clock.advance(8 * DAY); // 2026-12-10 10:00
    await tick();
    const second = cardsTo(ADMIN.email).at(-1)!;
    expect(cardText(second.card!)).toContain('ends after Thu, 10 Dec 2026');
    await h.click(ADMIN, 'Keep permanently', {}, { card: second });
    expect(h.lastText()).toContain('kept permanently');
    h.clock.advance(5 * DAY);
    await tick();
    expect(emma().licenseIds).toContain(ADV);
    await h.say(ADMIN, `history ${EMMA}`);
    expect(h.lastText()).toContain('Kept permanently');
    expect(h.lastText()).toContain('From Mon, 30 Nov 2026 to Thu, 10 Dec 2026');
  });

  it('a grant that ended while the desk was down: removed when it starts, once, and the card says so', async () => {
    h = await createHarness();
    await giveAdvancedMessaging(ADMIN, { [`until.${ADV}`]: 'week' });
    h.clock.advance(10 * DAY); // the end (2026-12-05 00:00) passed without an event or a running schedule
    h.bot.start!({ outbox: h.outbox });
    await h.bot.stop!();
    expect(emma().licenseIds).not.toContain(ADV);
    const ended = cardsTo(ADMIN.email).at(-1)!;
    expect(cardText(ended.card!)).toContain('License Desk was not running when it ended (2026-12-05 00:00 UTC)');
    h.bot.start!({ outbox: h.outbox });
    await h.bot.stop!();
    await tick();
    expect(h.auditLines().filter((l) => l.details?.flow === 'grant')).toHaveLength(1);
  });

  it('an end the rules refuse (R3: Attendant Console needs Professional) leaves the license, says why once, and Keep settles it', async () => {
    h = await createHarness();
    const TOM = 'tom.de.boer@acme.example';
    await h.say(ADMIN, `licenses ${TOM}`);
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'attendantConsole' });
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-attendant-console-100103': 'true' });
    await h.click(ADMIN, 'Save'); // R3 switched Tom to Professional
    const tom = h.store.userByEmail(TOM)!;
    const pro = tom.licenseIds.find((id) => h.store.license(id)!.tier === 'professional')!;
    // Professional had been granted until tomorrow (before Attendant Console depended on it).
    const grant = { id: 'g-pro', userId: tom.id, licenseId: pro, until: '2026-11-28', grantedBy: { personId: ADMIN.personId, email: ADMIN.email }, status: 'active' as const, createdAt: '2026-11-20T10:00:00.000Z', remindedAt: '2026-11-27T01:00:00.000Z', version: 0 };
    await h.store.commit({ mutations: [{ type: 'grant.put', grant }] });
    h.clock.advance(2 * DAY);
    await tick();
    expect(h.store.userByEmail(TOM)!.licenseIds).toContain(pro);
    const blocked = cardsTo(ADMIN.email).at(-1)!;
    expect(cardText(blocked.card!)).toContain('could not end');
    expect(cardText(blocked.card!)).toContain('The license rules put it back');
    expect(cardText(blocked.card!)).toContain(`licenses ${TOM}`);
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'license.refused', actorEmail: 'system', details: expect.objectContaining({ grantId: 'g-pro' }) });
    await tick();
    expect(cardsTo(ADMIN.email).filter((c) => cardText(c.card!).includes('could not end'))).toHaveLength(1);
    await h.click(ADMIN, 'Keep permanently', {}, { card: blocked });
    expect(h.store.grant('g-pro')!.status).toBe('kept');
  });

  it("a helpdesk agent's request carries the date; the approver and the agent are reminded; only the admin may extend", async () => {
    h = await createHarness();
    await giveAdvancedMessaging(HELPDESK, { [`until.${ADV}`]: 'week', reason: 'Project until next week' }, 'Submit request');
    const approval = h.outbox.cards().find((c) => cardText(c.card!).includes('Approve'))!;
    expect(cardText(approval.card!)).toContain('Advanced Messaging · Sub-100101 until Fri, 4 Dec 2026');
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    const grant = h.store.grants({ status: 'active' })[0]!;
    expect(grant).toMatchObject({ grantedBy: { email: HELPDESK.email }, approvedBy: { email: ADMIN.email }, until: '2026-12-04' });
    h.clock.advance(7 * DAY); // 2026-12-04 10:00, the last day
    await tick();
    const agentCopy = cardsTo(HELPDESK.email).at(-1)!;
    expect(cardText(agentCopy.card!)).toContain('An administrator can extend it or keep it.');
    expect(cardText(agentCopy.card!)).not.toContain('Keep permanently');
    expect(cardText(cardsTo(ADMIN.email).at(-1)!.card!)).toContain('Keep permanently');
    // A crafted Extend from the agent: refused and audited.
    await h.submitRaw(HELPDESK, { flow: 'grant', step: 'remind', draftId: grant.id, v: h.store.grant(grant.id)!.version, action: 'extend', until: '2026-12-20' }, { messageId: agentCopy.messageId });
    expect(h.lastText()).toContain('Only administrators');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: HELPDESK.email, details: expect.objectContaining({ what: 'grant.extend' }) });
    await h.click(HELPDESK, 'Let it end', {}, { card: agentCopy });
    expect(h.lastText()).toContain('ends after Fri, 4 Dec 2026');
    expect(h.store.grant(grant.id)!.letEndBy).toBe(HELPDESK.email);
  });

  it('a date that is not after today, or too far, is refused and nothing is saved', async () => {
    h = await createHarness();
    await giveAdvancedMessaging(ADMIN, { [`until-date.${ADV}`]: '2026-11-27' });
    expect(h.lastText()).toContain('is not after today');
    await h.click(ADMIN, 'Save', { [`until-date.${ADV}`]: '2029-01-01' }, { card: h.outbox.cards().at(-2)! });
    expect(h.lastText()).toContain('more than 366 days');
    await h.click(ADMIN, 'Save', { [`until.${ADV}`]: 'forever' }, { card: h.outbox.cards().at(-3)! });
    expect(emma().licenseIds).not.toContain(ADV);
    expect(h.store.grants()).toHaveLength(0);
  });

  it('in Dutch: the presets, `tijdelijk` and the reminder say it with "u" and Dutch dates', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(ADMIN, `licenties ${EMMA}`);
    await h.click(ADMIN, 'Licenties bewerken');
    await h.click(ADMIN, 'Service kiezen', { service: 'messaging' });
    await h.click(ADMIN, 'Controleren', { [`lic.${ADV}`]: 'true' });
    expect(h.lastText()).toContain('Advanced Messaging · Sub-100101: geldig tot en met');
    expect(h.lastText()).toContain('1 week (vr 4 dec 2026)');
    expect(h.lastText()).toContain('Einde van het kwartaal (do 31 dec 2026)');
    await h.click(ADMIN, 'Opslaan', { [`until.${ADV}`]: 'week' });
    expect(h.lastText()).toContain('Advanced Messaging · Sub-100101 tot en met vr 4 dec 2026');
    await h.say(ADMIN, 'tijdelijk');
    expect(h.lastText()).toContain('Licenties tot een datum (1)');
    h.clock.advance(7 * DAY);
    await tick();
    const reminder = cardText(cardsTo(ADMIN.email).at(-1)!.card!);
    expect(reminder).toContain('loopt af na vr 4 dec 2026');
    expect(reminder).toContain('U kunt verlengen, permanent houden of laten aflopen.');
  });

  it('a grant whose user was deleted is closed without holding up the others; "end of quarter" on its last day is the next quarter', async () => {
    h = await createHarness();
    await giveAdvancedMessaging(ADMIN, { [`until.${ADV}`]: 'week' });
    const other = h.store.searchUsers({ type: 'internal', limit: 50 }).users.find((u) => u.email !== EMMA && !u.licenseIds.includes(ADV))!;
    await h.store.commit({ mutations: [{ type: 'grant.put', grant: { id: 'g-gone', userId: other.id, licenseId: ADV, until: '2026-11-28', grantedBy: { personId: ADMIN.personId, email: ADMIN.email }, status: 'active', createdAt: '2026-11-20T00:00:00.000Z', version: 0 } }] });
    await h.store.commit({ mutations: [{ type: 'user.delete', userId: other.id, expectedRev: other.rev }] });
    h.clock.advance(7 * DAY);
    await tick();
    expect(h.store.grant('g-gone')!.status).toBe('ended');
    expect(cardsTo(ADMIN.email).some((c) => cardText(c.card!).includes('ends after'))).toBe(true); // Emma's reminder still went out
    const { presetDay } = await import('../../src/flows/grants/until.js');
    expect(presetDay('quarter', '2026-12-31')).toBe('2027-03-31');
    expect(presetDay('quarter', '2026-12-30')).toBe('2026-12-31');
  });
});
