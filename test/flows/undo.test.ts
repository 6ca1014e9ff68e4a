// Issue 17, undo: an applied change is undone by a new change back to its "before", reviewed
// and checked by the rules against the org as it is now, audited as an undo of seq N, itself
// undoable; later changes are shown first; a helpdesk agent's undo files a request.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';

let h: Harness;
afterEach(async () => h?.close());

const EMMA = 'emma.bakker@acme.example';
const ADV = 'lic-adv-messaging-100101';
const emma = () => h.store.userByEmail(EMMA)!;

/** An admin gives Emma Advanced Messaging through the wizard; returns the Save's audit seq. */
async function saveAdvancedMessaging(): Promise<number> {
  await h.say(ADMIN, `licenses ${EMMA}`);
  await h.click(ADMIN, 'Edit licenses');
  await h.click(ADMIN, 'Choose service', { service: 'messaging' });
  await h.click(ADMIN, 'Apply and review', { [`lic.${ADV}`]: 'true' });
  await h.click(ADMIN, 'Save');
  return h.auditLines().filter((l) => l.action === 'license.change').at(-1)!.seq;
}

describe('undo', () => {
  it('from the Saved card: the review of the change back, Save, audited as an undo, and the undo is undoable too', async () => {
    h = await createHarness();
    const before = emma().licenseIds;
    const seq = await saveAdvancedMessaging();
    expect(emma().licenseIds).toContain(ADV);
    await h.click(ADMIN, 'Undo');
    expect(h.lastText()).toContain('Undo of');
    expect(h.lastText()).toContain(`#${seq}`);
    expect(h.lastText()).toContain('− Advanced Messaging');
    await h.click(ADMIN, 'Save');
    expect(emma().licenseIds.sort()).toEqual([...before].sort());
    const undo = h.auditLines().at(-1)!;
    expect(undo).toMatchObject({ action: 'license.change', targetEmail: EMMA, details: expect.objectContaining({ undoOf: seq }) });
    await h.click(ADMIN, 'Undo'); // the undo's own Saved card
    expect(h.lastText()).toContain('+ Advanced Messaging');
    await h.click(ADMIN, 'Save');
    expect(emma().licenseIds).toContain(ADV);
    await h.say(ADMIN, `history ${EMMA}`);
    expect(h.lastText()).toContain(`Undo of #${seq}`);
    expect(h.lastText()).toContain(`Undo of #${undo.seq}`);
  });

  it('after a later change: the later change is shown; "Undo only #N" puts back only what N changed; Stop changes nothing', async () => {
    h = await createHarness();
    const seq = await saveAdvancedMessaging();
    const now = emma();
    await h.store.commit({ mutations: [{ type: 'user.assign', userId: now.id, expectedRev: now.rev, licenseIds: [...now.licenseIds, 'lic-cx-essential-100103'], attendeeOf: now.attendeeOf }] });
    await h.say(ADMIN, `undo ${seq}`);
    expect(h.lastText()).toContain('Changed since');
    expect(h.lastText()).toContain('Changed outside the desk'); // that commit wrote no audit line
    await h.click(ADMIN, `Undo only #${seq}`);
    expect(h.lastText()).toContain('− Advanced Messaging');
    expect(h.lastText()).not.toContain('Customer Experience');
    await h.say(ADMIN, `undo ${seq}`);
    await h.click(ADMIN, 'Stop');
    expect(emma().licenseIds).toContain(ADV);
  });

  it('refused by a rule when the units are gone: the review says why and offers no Save', async () => {
    h = await createHarness();
    // Emma loses Advanced Messaging; then its last free units go to others.
    const seq = await saveAdvancedMessaging();
    await h.click(ADMIN, 'Undo');
    await h.click(ADMIN, 'Save');
    const removal = h.auditLines().at(-1)!.seq;
    const others = h.store.searchUsers({ type: 'internal', limit: 100 }).users.filter((u) => !u.licenseIds.includes(ADV) && u.id !== emma().id);
    while (h.store.usedUnits(ADV) < h.store.license(ADV)!.totalUnits) {
      const u = others.shift()!;
      await h.store.commit({ mutations: [{ type: 'user.assign', userId: u.id, expectedRev: u.rev, licenseIds: [...u.licenseIds, ADV], attendeeOf: u.attendeeOf }] });
    }
    await h.say(ADMIN, `undo ${removal}`);
    expect(h.lastText()).toContain('has no free unit');
    expect(h.lastText()).not.toMatch(/\nSave\n/);
    expect(seq).toBeLessThan(removal);
  });

  it('a helpdesk agent\'s undo files a request; lines that are not changes, or too old, are refused with the reason', async () => {
    h = await createHarness();
    const seq = await saveAdvancedMessaging();
    await h.say(HELPDESK, `undo ${seq}`);
    expect(h.lastText()).toContain('Submit request');
    await h.click(HELPDESK, 'Submit request', { reason: 'Emma does not need it after all' });
    expect(h.store.requests({ status: 'open' })).toHaveLength(1);
    expect(h.store.requests({ status: 'open' })[0]!.change.removeLicenseIds).toEqual([ADV]);

    await h.say(ADMIN, 'undo 1x');
    expect(h.lastText()).toContain('Type `undo` and the number of a change');
    const refusal = h.auditLines().find((l) => l.action === 'request.submit')!.seq;
    await h.say(ADMIN, `undo ${refusal}`);
    expect(h.lastText()).toContain(`Audit line #${refusal} is not a change`);
    h.clock.advance(31 * 24 * 3600 * 1000);
    await h.say(ADMIN, `undo ${seq}`);
    expect(h.lastText()).toContain(`Change #${seq} is older than 30 days`);
  });

  it('from `history`: a compact choice of the page\'s changes and one Undo button; a crafted seq of another user is refused', async () => {
    h = await createHarness();
    const seq = await saveAdvancedMessaging();
    await h.say(ADMIN, `history ${EMMA}`);
    const card = h.lastCard();
    const json = JSON.stringify(card.card);
    expect(json).toContain('"style":"compact"');
    expect(json).toContain(`"value":"${seq}"`);
    await h.click(ADMIN, 'Undo', { 'undo.seq': String(seq) });
    expect(h.lastText()).toContain('− Advanced Messaging');
    await h.say(ADMIN, `history ${EMMA}`);
    const history = h.lastCard();
    const data = JSON.parse(JSON.stringify(history.card)).actions.at(-1).data;
    await h.say(ADMIN, 'external add kim@partner.example Webex Messaging'); // another user's line
    const other = h.auditLines().find((l) => l.action === 'user.add')!;
    await h.submitRaw(ADMIN, { ...data, action: 'undo', 'undo.seq': String(other.seq) }, { messageId: history.messageId });
    expect(h.lastText()).toContain('Choose one of the changes in the list to undo');
    expect(h.store.userByEmail('kim@partner.example')!.licenseIds).not.toEqual([]);
  });

  it('an external add and an approved request are undone like a Save; a reassign has nothing to undo', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add kim@partner.example Webex Messaging');
    const add = h.auditLines().filter((l) => l.action === 'user.add').at(-1)!;
    await h.say(ADMIN, `undo ${add.seq}`);
    expect(h.lastText()).toContain('− Webex Messaging');
    await h.click(ADMIN, 'Save');
    expect(h.store.userByEmail('kim@partner.example')!.licenseIds).toEqual([]);

    await h.say(HELPDESK, `licenses ${EMMA}`);
    await h.click(HELPDESK, 'Edit licenses');
    await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
    await h.click(HELPDESK, 'Apply and review', { [`lic.${ADV}`]: 'true' });
    await h.click(HELPDESK, 'Submit request', { reason: 'support team' });
    await h.say(ADMIN, `request R-${h.store.requests()[0]!.number}`);
    await h.click(ADMIN, 'Approve');
    const applied = h.auditLines().filter((l) => l.action === 'license.change').at(-1)!;
    expect(emma().licenseIds).toContain(ADV);
    await h.say(ADMIN, `undo ${applied.seq}`);
    await h.click(ADMIN, 'Save');
    expect(emma().licenseIds).not.toContain(ADV);

    await h.say(ADMIN, 'reassign tom.de.boer@acme.example');
    await h.click(ADMIN, (h.lastCard().card as { actions: Array<{ title: string }> }).actions[0]!.title);
    const reassign = h.auditLines().filter((l) => l.action === 'license.reassign').at(-1)!;
    await h.say(ADMIN, `undo ${reassign.seq}`);
    expect(h.lastText()).toContain('has nothing left to undo');
  });
});
