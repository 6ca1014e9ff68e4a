// "Win licenses back" (issue 17) through the fake transport: `reclaim [days]` lists licensed
// users by the People API's lastActivity (the demo org carries it), grouped by license with the
// units a removal frees; Keep, Remove (an ordinary change: rules, audit, outbox) and "Ask the
// user" (a 1:1 card whose answer only that person can give, once, and which comes back to the
// administrator); every path audited and readable in `history <email>`, in English and Dutch.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/index.js';
import type { OrgConnection } from '../../src/flows/org/port.js';
import { reclaimCandidates } from '../../src/flows/index.js';
import { ADMIN, ADMIN2, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';
import { cardText, type Sent } from '../helpers/fake-transport.js';
import { walk } from '../helpers/cards.js';

const DAY = 24 * 3600 * 1000;
const BRAM: Actor = { personId: 'p-bram', email: 'bram.dekker@acme.example', displayName: 'Bram Dekker' };
const OLIVIA = 'olivia.brown@acme.example';
const RUBEN = 'ruben.hendriks@acme.example';
const KENJI = 'kenji.sato@acme.example';
const PRO = 'lic-calling-pro-100101';
const BASIC = 'lic-calling-basic-100101';
const MESSAGING = 'lic-messaging-100101';

let h: Harness;
afterEach(async () => h?.close());

/** The choice value of the row whose title has both texts (the list's compact choice). */
function rowValue(card: Sent, user: string, license: string): string {
  let value: string | undefined;
  walk(card.card, (obj) => {
    if (obj.type !== 'Input.ChoiceSet') return;
    const choice = (obj.choices as { title: string; value: string }[]).find((c) => c.title.includes(user) && c.title.includes(license));
    value ??= choice?.value;
  });
  if (value === undefined) throw new Error(`no row for ${user} · ${license} on the card:\n${cardText(card.card!)}`);
  return value;
}

/** Click a button of the reclaim list on the row of that user and license. */
const onRow = (actor: Actor, button: string, user: string, license: string) => h.click(actor, button, { 'reclaim.row': rowValue(h.lastCard(), user, license) });

const lastAudit = () => h.auditLines().at(-1)!;
const questionTo = (email: string): Sent => h.outbox.cards().filter((c) => c.toPerson === email).at(-1)!;

describe('reclaim: the list', () => {
  it('lists licensed users idle for 90 days by license, with the units a removal frees; the recently active and the never seen are not rows', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    const text = h.lastText();
    expect(text).toContain('Win licenses back');
    expect(text).toContain('Licensed users Webex has not seen active for 90 days or more (last activity on or before 2026-08-29), by license');
    expect(text).toContain('Webex Calling - Professional · Sub-100101');
    expect(text).toContain('Users: 2 · units Remove frees: 1 · in use: 25 / 31');
    expect(text).toMatch(/Olivia Brown · olivia\.brown@acme\.example · last active 2026-07-30 \(120 days ago\)\nRemove frees a unit of Webex Calling - Professional/);
    // R3: Attendant Console keeps Calling Professional; said, not offered as a unit.
    expect(text).toContain('Cannot be removed on its own: Webex Attendant Console requires Webex Calling on the Professional license (R3), so Webex Calling - Professional stays while the user has it');
    expect(text).toContain('Never seen active: 2 licensed users');
    expect(text).not.toContain('Fatima Benali'); // 65 days
    expect(text).not.toContain('Emma Bakker'); // seen yesterday
    expect(text).toContain('Rows 1–8 of 16');
    expect(h.lastCard().card!.actions).toHaveLength(4); // Keep, Remove, Ask the user, Next: a compact choice, not a button per row

    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toContain('Rows 9–16 of 16');
    expect(h.lastText()).toContain('Advanced Messaging · Sub-100101');

    await h.say(ADMIN, 'reclaim 60');
    expect(h.lastText()).toContain('Fatima Benali · fatima.benali@acme.example · last active 2026-09-23 (65 days ago)');
    await h.say(ADMIN, 'reclaim 500');
    expect(h.lastText()).toContain('No licensed user has been idle in Webex for 500 days or more');
    expect(h.lastCard().card!.actions).toEqual([]);
    await h.say(ADMIN, 'reclaim soon');
    expect(h.lastText()).toContain('Type `reclaim` (users idle for 90 days) or `reclaim <days>`, from 1 to 3650');
  });

  it('stays within Webex\'s limits with a long list: at most 5 actions (Keep, Remove, Ask the user, Previous, Next), under 16 KB a page', async () => {
    h = await createHarness();
    h.clock.advance(365 * DAY); // nearly everyone is idle now
    await h.say(ADMIN, 'reclaim');
    const pages = Number(/Rows 1–8 of (\d+)/.exec(h.lastText())![1]) / 8;
    expect(pages).toBeGreaterThan(10);
    await h.click(ADMIN, 'Next');
    const card = h.lastCard().card!;
    expect((card.actions as { title: string }[]).map((a) => a.title)).toEqual(['Keep', 'Remove', 'Ask the user', 'Previous', 'Next']);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(16 * 1024); // the fake transport checks every card as Webex would, too
    expect(h.lastText()).toContain('Rows 9–16 of');
  });

  it('is an administrator\'s: a helpdesk agent is refused the command and the list\'s buttons, audited', async () => {
    h = await createHarness();
    await h.say(HELPDESK, 'reclaim');
    expect(h.lastText()).toContain('Only administrators can use "reclaim"');
    await h.say(ADMIN, 'reclaim');
    const list = h.lastCard();
    await h.click(HELPDESK, 'Remove', { 'reclaim.row': rowValue(list, 'Olivia Brown', 'Professional') }, { card: list });
    expect(h.lastText()).toContain('Not allowed');
    expect(lastAudit()).toMatchObject({ action: 'auth.refused', actorEmail: HELPDESK.email, details: { what: 'reclaim.list.remove' } });
    expect(h.store.userByEmail(OLIVIA)!.licenseIds).toContain(PRO);
  });

  it('the exported listing, as a weekly report would read it', async () => {
    h = await createHarness();
    const listing = reclaimCandidates(h.store, { days: 90, now: h.clock.now });
    expect(listing).toMatchObject({ days: 90, idleSince: '2026-08-29T10:00:00.000Z', kept: 0, neverSeen: 2 });
    const pro = listing.groups.find((g) => g.license.id === PRO)!;
    expect(pro.rows.map((r) => [r.user.email, r.idleDays, r.frees.map((l) => l.id), r.blockedBy.map((f) => f.code)])).toEqual([
      [RUBEN, 140, [], ['reclaim.r3-keeps-professional']],
      [OLIVIA, 120, [PRO], []],
    ]);
    expect(pro.unitsFreed).toBe(1);
    expect(listing.users).toBe(listing.groups.flatMap((g) => g.rows).reduce((set, r) => set.add(r.user.id), new Set<string>()).size);
  });
});

describe('reclaim: Remove and Keep', () => {
  it('Remove is an ordinary change: rules checked, one license.change audit line, an outbox entry for Webex, undoable, and in history', async () => {
    const org = {} as OrgConnection; // an admin connection: the change is queued for Webex (no worker runs here)
    h = await createHarness({ org });
    await h.say(ADMIN, 'reclaim');
    await onRow(ADMIN, 'Remove', 'Olivia Brown', 'Professional');
    const olivia = h.store.userByEmail(OLIVIA)!;
    expect(olivia.licenseIds).not.toContain(PRO);
    expect(olivia.calling).toBeUndefined(); // no Calling license left: its location and number go too
    const line = lastAudit();
    expect(line).toMatchObject({ action: 'license.change', actorEmail: ADMIN.email, targetEmail: OLIVIA, details: { flow: 'reclaim', licenseId: PRO, lastActivity: olivia.lastActivity } });
    expect(h.lastText()).toContain(`Removed Webex Calling - Professional from Olivia Brown (#${line.seq}): a unit of Webex Calling - Professional is free. Type \`undo ${line.seq}\``);
    expect(h.lastText()).toContain('on its way to Webex');
    expect(h.lastText()).not.toMatch(/Olivia Brown · Webex Calling - Professional/); // the row is gone
    expect(h.store.orgChanges({ userId: olivia.id })).toMatchObject([{ status: 'queued', source: 'reclaim', licenses: [{ id: PRO, operation: 'remove' }], auditSeq: line.seq }]);

    await h.say(ADMIN, `history ${OLIVIA}`);
    const history = h.lastText();
    expect(history).toContain(`#${line.seq} · License change`);
    expect(history).toContain('− Webex Calling - Professional · Sub-100101');
    expect(history).toContain('Won back with `reclaim`');
    expect(history).toContain('Last active in Webex: 2026-07-30');
    await h.say(ADMIN, `undo ${line.seq}`);
    expect(h.lastText()).toContain('+ Webex Calling - Professional');
  });

  it('Remove of Calling Professional under Attendant Console is refused with R3\'s reason and audited; nothing changes', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    await onRow(ADMIN, 'Remove', 'Ruben Hendriks', 'Professional');
    expect(h.lastText()).toContain('Webex Calling - Professional stays with Ruben Hendriks: the license rules do not allow removing it on its own. Nothing changed.');
    expect(h.lastText()).toContain('remove Webex Attendant Console first, or keep both');
    expect(h.store.userByEmail(RUBEN)!.licenseIds).toContain(PRO);
    expect(lastAudit()).toMatchObject({ action: 'license.refused', targetEmail: RUBEN, details: { what: 'reclaim', licenseId: PRO } });
    expect(lastAudit().codes).toEqual(expect.arrayContaining(['R3.switch-to-professional', 'reclaim.r3-keeps-professional']));
    await h.say(ADMIN, `history ${RUBEN}`);
    expect(h.lastText()).toContain('Change refused by the rules');
    expect(h.lastText()).toContain('Tried with `reclaim`: not removed');
    expect(h.lastText()).toContain('Webex Attendant Console requires Webex Calling on the Professional license (R3)');
  });

  it('a second click of the same Remove (a stale card) changes nothing more', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    const list = h.lastCard();
    const row = rowValue(list, 'Kenji Sato', 'Basic');
    await h.click(ADMIN, 'Remove', { 'reclaim.row': row }, { card: list });
    const lines = h.auditLines().length;
    await h.click(ADMIN, 'Remove', { 'reclaim.row': row }, { card: list });
    expect(h.lastText()).toContain('That list was out of date, so nothing changed.');
    expect(h.auditLines()).toHaveLength(lines);
  });

  it('Keep is audited, leaves the row out for 90 days (counted), and the row is back once the Keep ends', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    await onRow(ADMIN, 'Keep', 'Kenji Sato', 'Basic');
    const kept = lastAudit();
    expect(kept).toMatchObject({ action: 'reclaim.keep', targetEmail: KENJI, details: { licenseId: BASIC, until: '2027-02-25T10:00:00.000Z' } });
    expect(h.lastText()).toContain(`Kept: Webex Calling - Basic for Kenji Sato (#${kept.seq}); left out of \`reclaim\` for it until 2027-02-25.`);
    expect(h.lastText()).toContain('Kept: 1 (left out until their Keep ends)');
    expect(h.lastText()).not.toMatch(/Kenji Sato · Webex Calling - Basic/);
    expect(h.store.userByEmail(KENJI)!.licenseIds).toContain(BASIC);
    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toMatch(/Kenji Sato · Webex Messaging/); // a Keep is per license

    await h.say(ADMIN, `history ${KENJI}`);
    expect(h.lastText()).toContain(`#${kept.seq} · Kept (reclaim)`);
    expect(h.lastText()).toContain('Webex Calling - Basic · Sub-100101: kept, left out of `reclaim` until 2027-02-25');

    h.clock.advance(91 * DAY); // Kenji is idle 186 days now
    await h.say(ADMIN, 'reclaim 180');
    expect(h.lastText()).toMatch(/Kenji Sato · Webex Calling - Basic/);
    expect(h.lastText()).not.toContain('Kept:');
  });
});

describe('reclaim: Ask the user', () => {
  it('sends the user a 1:1 card; their "I don\'t need it" comes back to the administrator, whose Remove applies it; all in history', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    await onRow(ADMIN, 'Ask the user', 'Bram Dekker', 'Messaging');
    const asked = lastAudit();
    expect(asked).toMatchObject({ action: 'reclaim.ask', actorEmail: ADMIN.email, targetEmail: BRAM.email, details: { licenseId: MESSAGING } });
    expect(h.lastText()).toContain(`Asked Bram Dekker in a 1:1 space whether they still need Webex Messaging (#${asked.seq}). Their answer comes to this space.`);
    expect(h.lastText()).toContain('Asked on 2026-11-27 by admin@acme.example · no answer yet');
    const question = questionTo(BRAM.email);
    expect(cardText(question.card!)).toContain('Do you still need Webex Messaging?');
    expect(cardText(question.card!)).toContain('Webex has not seen you active since 2026-05-11 (200 days). admin@acme.example, who looks after the Webex licenses of your organization');
    expect((question.card!.actions as { title: string }[]).map((a) => a.title)).toEqual(['Keep it', 'I don\'t need it']);

    // Asking again while the question is open sends nothing new.
    await onRow(ADMIN, 'Ask the user', 'Bram Dekker', 'Messaging');
    expect(h.lastText()).toContain('was asked about Webex Messaging on 2026-11-27 (by admin@acme.example) and has not answered yet');
    expect(h.outbox.sent.filter((s) => s.toPerson === BRAM.email)).toHaveLength(1);

    await h.click(BRAM, 'I don\'t need it', {}, { card: question });
    const answerLine = h.auditLines().find((l) => l.action === 'reclaim.answer')!;
    expect(answerLine).toMatchObject({ actorEmail: BRAM.email, targetEmail: BRAM.email, details: { licenseId: MESSAGING, answer: 'release', askedBy: ADMIN.email } });
    const thanks = h.outbox.cards().filter((c) => c.roomId === question.roomId).at(-1)!;
    expect(cardText(thanks.card!)).toContain('You do not need Webex Messaging: your answer went to admin@acme.example.');
    const answer = h.lastCard();
    expect(answer.roomId).toBe('room-1'); // where the administrator asked
    expect(cardText(answer.card!)).toContain('Bram Dekker does not need Webex Messaging');
    expect((answer.card!.actions as { title: string }[]).map((a) => a.title)).toEqual(['Remove', 'Keep']);

    // Only once: a second answer changes nothing and writes nothing.
    const lines = h.auditLines().length;
    await h.click(BRAM, 'Keep it', {}, { card: question });
    expect(h.lastText()).toContain('You answered already');
    expect(h.auditLines()).toHaveLength(lines);

    await h.click(ADMIN, 'Remove', {}, { card: answer });
    const removed = lastAudit();
    expect(removed).toMatchObject({ action: 'license.change', targetEmail: BRAM.email, details: { flow: 'reclaim', licenseId: MESSAGING, answer: 'release' } });
    expect(h.store.userByEmail(BRAM.email)!.licenseIds).not.toContain(MESSAGING);
    expect(h.lastText()).toContain(`Removed Webex Messaging from Bram Dekker (#${removed.seq})`);
    await h.click(ADMIN2, 'Keep', {}, { card: answer });
    expect(h.lastText()).toContain('Already decided by admin@acme.example: removed.');

    await h.say(ADMIN, `history ${BRAM.email}`);
    const history = h.lastText();
    expect(history).toContain(`#${asked.seq} · User asked (reclaim)`);
    expect(history).toContain('Webex Messaging · Sub-100101: asked whether they still need it');
    expect(history).toContain(`#${answerLine.seq} · User answered (reclaim)`);
    expect(history).toContain('By bram.dekker@acme.example');
    expect(history).toContain('Webex Messaging · Sub-100101: "I don\'t need it"');
    expect(history).toContain('Won back with `reclaim`');
  });

  it('only the person asked may answer: a stranger\'s click, another person\'s, and a crafted submit are refused and audited', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    await onRow(ADMIN, 'Ask the user', 'Bram Dekker', 'Messaging');
    const question = questionTo(BRAM.email);

    await h.click(STRANGER, 'I don\'t need it', {}, { card: question });
    expect(h.lastText()).toContain('This question is for Bram Dekker: only they can answer it.');
    expect(lastAudit()).toMatchObject({ action: 'auth.refused', actorEmail: STRANGER.email, targetEmail: BRAM.email, codes: ['reclaim.not-asked'], details: { what: 'reclaim-ask.question.release', role: 'none' } });

    await h.click(ADMIN2, 'Keep it', {}, { card: question });
    expect(h.lastText()).toContain('This question is for Bram Dekker');
    expect(lastAudit()).toMatchObject({ action: 'auth.refused', actorEmail: ADMIN2.email, codes: ['reclaim.not-asked'] });

    // A crafted submit naming a question that does not exist (or another flow's draft): refused, audited.
    const listDraft = String(((h.outbox.cards().find((c) => c.roomId === 'room-1')!.card!.actions as { data: { draftId: string } }[])[0]!).data.draftId);
    for (const draftId of ['made-up', listDraft]) {
      await h.submitRaw(STRANGER, { flow: 'reclaim-ask', step: 'question', draftId, v: 0, action: 'release' });
      expect(h.lastText()).toContain('This question is closed');
      expect(lastAudit()).toMatchObject({ action: 'auth.refused', actorEmail: STRANGER.email, codes: ['reclaim.question-gone'] });
    }
    expect(h.auditLines().some((l) => l.action === 'reclaim.answer')).toBe(false);
    expect(h.store.userByEmail(BRAM.email)!.licenseIds).toContain(MESSAGING);

    // A stranger still cannot use the administrator's flow.
    await h.submitRaw(STRANGER, { flow: 'reclaim', step: 'answer', draftId: 'x', v: 0, action: 'remove' });
    expect(lastAudit()).toMatchObject({ action: 'auth.refused', actorEmail: STRANGER.email, details: { what: 'reclaim.answer.remove' } });
  });

  it('"Keep it" comes back with Keep first; the administrator\'s Keep closes the question, and a late click on the question is told', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reclaim');
    await onRow(ADMIN, 'Ask the user', 'Bram Dekker', 'Messaging');
    const question = questionTo(BRAM.email);
    await h.click(BRAM, 'Keep it', {}, { card: question });
    const answer = h.lastCard();
    expect(cardText(answer.card!)).toContain('Bram Dekker wants to keep Webex Messaging');
    expect((answer.card!.actions as { title: string }[]).map((a) => a.title)).toEqual(['Keep', 'Remove']);
    await h.click(ADMIN, 'Keep', {}, { card: answer });
    expect(lastAudit()).toMatchObject({ action: 'reclaim.keep', targetEmail: BRAM.email, details: { answer: 'keep' } });
    expect(h.lastText()).toContain('Kept: Webex Messaging for Bram Dekker');
    await h.say(ADMIN, 'reclaim');
    expect(h.lastText()).not.toMatch(/Bram Dekker · Webex Messaging/);
    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toMatch(/Bram Dekker · Unified Communication Manager/);
    expect(h.lastText()).not.toMatch(/Bram Dekker · Webex Messaging/);
    await h.click(BRAM, 'I don\'t need it', {}, { card: question });
    expect(h.lastText()).toContain('You answered already');
  });

  it('in Dutch: the command, the list, the question, the answer and history', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(ADMIN, 'terugwinnen');
    expect(h.lastText()).toContain('Licenties terugwinnen');
    expect(h.lastText()).toContain('laatst actief 2026-07-30 (120 dagen geleden)');
    expect(h.lastText()).toContain('Verwijderen maakt een eenheid vrij van Webex Calling - Professional');
    expect(h.lastText()).toContain('Kan niet afzonderlijk worden verwijderd: Voor Webex Attendant Console stelt u de Webex Calling-service in op Professional-licentie (R3)');
    expect((h.lastCard().card!.actions as { title: string }[]).map((a) => a.title)).toEqual(['Behouden', 'Verwijderen', 'Gebruiker vragen', 'Volgende']);
    await onRow(ADMIN, 'Gebruiker vragen', 'Bram Dekker', 'Messaging');
    expect(h.lastText()).toContain('Bram Dekker is in een 1-op-1-ruimte gevraagd of Webex Messaging nog nodig is');
    const question = questionTo(BRAM.email);
    expect(cardText(question.card!)).toContain('Hebt u Webex Messaging nog nodig?');
    expect((question.card!.actions as { title: string }[]).map((a) => a.title)).toEqual(['Licentie behouden', 'Niet meer nodig']);
    await h.click(BRAM, 'Niet meer nodig', {}, { card: question });
    expect(cardText(h.lastCard().card!)).toContain('Bram Dekker heeft Webex Messaging niet meer nodig');
    await h.say(ADMIN, 'terugwinnen');
    await onRow(ADMIN, 'Behouden', 'Kenji Sato', 'Basic');
    expect(h.lastText()).toContain('Behouden: Webex Calling - Basic voor Kenji Sato');
    await h.say(ADMIN, `geschiedenis ${KENJI}`);
    expect(h.lastText()).toContain('Behouden (terugwinnen)');
    expect(h.lastText()).toContain('weggelaten uit `terugwinnen` tot 2027-02-25');
    await h.say(ADMIN, `geschiedenis ${BRAM.email}`);
    expect(h.lastText()).toContain('Gebruiker gevraagd (terugwinnen)');
    expect(h.lastText()).toContain('Gebruiker heeft geantwoord (terugwinnen)');
    expect(h.lastText()).toContain('Webex Messaging · Sub-100101: "Niet meer nodig"');
    expect(h.lastText()).not.toMatch(/\{\w+\}/);
  });
});
