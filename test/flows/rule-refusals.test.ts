// Each rule's refusal (or notice) as the admin sees it on the cards, and that a refused
// change leaves the store as it was (and is audited as license.refused).
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';

let h: Harness;
afterEach(async () => h?.close());

const user = (email: string) => h.store.userByEmail(email)!;

async function openService(email: string, service: string, actor = ADMIN): Promise<void> {
  await h.say(actor, `licenses ${email}`);
  await h.click(actor, 'Edit licenses');
  await h.click(actor, 'Choose service', { service });
}

/** The step that broke a rule stays, says so, and offers the ways out instead of "Apply and review". */
function expectRefusedHere(text: string, message: string | RegExp): void {
  expect(text).toContain('Cannot be saved like this:');
  expect(text).toMatch(message);
  expect(text).not.toContain('Apply and review');
}

function expectBlocked(text: string, message: string | RegExp): void {
  expect(text).toContain('Cannot be saved');
  expect(text).toMatch(message);
  expect(text).toContain('This change cannot be saved');
  expect(text).not.toMatch(/\nSave\n/);
}

describe('rule refusals in the wizard', () => {
  it('R1: two calling licenses at once (external add) is refused with what to do', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add new.person@partner.example lic-calling-pro-100101 lic-calling-basic-100101');
    expect(h.lastText()).toContain('The external user was not added');
    expect(h.lastText()).toContain('A user can have only one calling license at a time');
    expect(h.store.userByEmail('new.person@partner.example')).toBeUndefined();
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'license.refused', codes: expect.arrayContaining(['R1.one-calling-license']) });
  });

  it('R3: Attendant Console when no Professional unit is free is refused with the way out', async () => {
    h = await createHarness();
    // Use up the six free Professional units (25 of 31 used in the demo org).
    const standardUsers = ['fleur.bos', 'noah.kok', 'kenji.sato', 'lotte.peters', 'milan.de.groot', 'carlos.mendes'];
    for (const name of standardUsers) {
      const u = user(`${name}@acme.example`);
      const licenseIds = u.licenseIds.map((id) => (id === 'lic-calling-basic-100101' ? 'lic-calling-pro-100101' : id));
      await h.store.commit({ mutations: [{ type: 'user.assign', userId: u.id, expectedRev: u.rev, licenseIds, attendeeOf: u.attendeeOf }] });
    }
    expect(h.store.usedUnits('lic-calling-pro-100101')).toBe(31);
    await openService('tom.de.boer@acme.example', 'attendantConsole');
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-attendant-console-100103': 'true' });
    expectRefusedHere(h.lastText(), 'Webex Attendant Console requires Webex Calling on the Professional license, and no Professional license has a free unit');
    await h.click(ADMIN, 'Remove Webex Attendant Console');
    expect(h.lastText()).not.toContain('Cannot be saved');
    await h.click(ADMIN, 'Apply and review');
    expect(h.lastText()).toContain('Nothing is changed yet');
    expect(user('tom.de.boer@acme.example').licenseIds).not.toContain('lic-attendant-console-100103');
  });

  it('R4: Calling Standard with Customer Experience Basic', async () => {
    h = await createHarness();
    const before = user('tom.de.boer@acme.example');
    await openService('tom.de.boer@acme.example', 'cxBasic');
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-cx-essential-100103': 'true' });
    expectRefusedHere(h.lastText(), /cannot assign the Webex Calling Standard license .*Customer Experience Basic license/);
    expect(h.lastText()).toContain('Switch Tom de Boer to Webex Calling Professional or remove Customer Experience Basic');
    expect(user('tom.de.boer@acme.example')).toEqual(before);
    // One click makes the first way the message names; the rules check it again.
    await h.click(ADMIN, 'Switch to Professional');
    expect(h.lastText()).not.toContain('Cannot be saved');
    await h.click(ADMIN, 'Apply and review');
    expect(h.lastText()).toMatch(/\+ Webex Calling - Professional/);
    await h.click(ADMIN, 'Save');
    expect(user('tom.de.boer@acme.example').licenseIds).toEqual(expect.arrayContaining(['lic-cx-essential-100103', 'lic-calling-pro-100101']));
    expect(user('tom.de.boer@acme.example').licenseIds).not.toContain('lic-calling-basic-100101');
  });

  it('R4: the other way out removes Customer Experience Essentials, and the change is empty again', async () => {
    h = await createHarness();
    await openService('tom.de.boer@acme.example', 'cxBasic');
    await h.click(ADMIN, 'Another service', { 'lic.lic-cx-essential-100103': 'true' });
    expectRefusedHere(h.lastText(), /cannot assign the Webex Calling Standard license/);
    const titles = (h.lastCard().card as { actions: Array<{ title: string }> }).actions.map((a) => a.title);
    const wayOut = titles.find((title) => title.startsWith('Remove Customer Experience'));
    expect(wayOut).toBeDefined();
    await h.click(ADMIN, wayOut!);
    expect(h.lastText()).not.toContain('Cannot be saved');
    await h.click(ADMIN, 'Back');
    expect(h.lastText()).not.toMatch(/\+ Customer Experience/);
  });

  it('R5: host and attendee on the same site', async () => {
    h = await createHarness();
    // Milan is attendee on acme.webex.com; switching the site's license on and going back past the site step.
    await openService('milan.de.groot@acme.example', 'meetings');
    await h.click(ADMIN, 'Next: account type per site', { 'lic.lic-meetings-acme-100102': 'true' });
    await h.click(ADMIN, 'Back'); // sites → licenses, the site choice not applied
    await h.click(ADMIN, 'Back'); // licenses → service
    expect(h.lastText()).toContain('+ Meeting - Webex Enterprise Edition (acme.webex.com)');
    // The service step says it (no Review button that would only refuse), with the way out.
    expect(h.lastText()).toContain('Milan de Groot cannot be both host and attendee on acme.webex.com');
    expect(h.lastText()).not.toMatch(/\nReview\n/);
    await h.click(ADMIN, 'No attendee account on acme.webex.com');
    expect(h.lastText()).not.toContain('Cannot be saved');
    await h.click(ADMIN, 'Review');
    expect(h.lastText()).toContain('− Attendee on acme.webex.com');
    expect(h.lastText()).toMatch(/\nSave\n/);
  });

  it('R6: attendee where the feature is off: not offered; a crafted submit is refused with the TAC advice', async () => {
    h = await createHarness();
    await openService('mateo.garcia@acme.example', 'meetings');
    await h.click(ADMIN, 'Next: account type per site');
    // Mateo has nothing on that site: one short line, the TAC advice only once attendee is asked for there.
    expect(h.lastText()).toContain('acme-training.webex.com\nHost and attendee not available on this site');
    await h.click(ADMIN, 'Apply and review', { 'site.acme-training.webex.com': 'attendee' });
    expect(h.lastText()).toContain('Contact the Cisco Technical Assistance Center (TAC) to enable attendee accounts on acme-training.webex.com');
    expectRefusedHere(h.lastText(), 'The attendee account feature is off on acme-training.webex.com');
    await h.click(ADMIN, 'No attendee account on acme-training.webex.com');
    expect(h.lastText()).not.toContain('Cannot be saved');
  });

  it('R7: a site administrator cannot be attendee on that site', async () => {
    h = await createHarness();
    await openService('sanne.de.vries@acme.example', 'meetings');
    await h.click(ADMIN, 'Next: account type per site');
    expect(h.lastText()).toContain("Remove Sanne de Vries's site administrator role on acme.webex.com first");
    await h.click(ADMIN, 'Apply and review', { 'site.acme.webex.com': 'attendee' });
    expectRefusedHere(h.lastText(), 'The attendee account type is not available to a Webex site administrator');
    // The review still checks everything: reached anyway (a crafted Review from the service step), it refuses.
    await h.click(ADMIN, 'Back');
    await h.click(ADMIN, 'Back');
    const service = h.lastCard();
    const data = JSON.parse(JSON.stringify(service.card)).actions.at(-1).data;
    await h.submitRaw(ADMIN, { ...data, action: 'review' }, { messageId: service.messageId });
    expectBlocked(h.lastText(), 'The attendee account type is not available to a Webex site administrator');
    await h.click(ADMIN, 'No attendee account on acme.webex.com');
    expect(h.lastText()).not.toContain('Cannot be saved');
    expect(h.lastText()).not.toContain('site administrator');
  });

  it('R10: reassign a user without a Calling license', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'reassign mateo.garcia@acme.example');
    expect(h.lastText()).toContain('Mateo Garcia has no Webex Calling license to reassign. Assign a Webex Calling license first.');
  });

  it('R11: a helpdesk agent\'s review offers "Submit request", not Save; a crafted Save is refused and audited', async () => {
    h = await createHarness();
    const before = user('emma.bakker@acme.example');
    await openService('emma.bakker@acme.example', 'messaging', HELPDESK);
    await h.click(HELPDESK, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    expect(h.lastText()).toContain('Submit request');
    expect(h.lastText()).not.toMatch(/^Save$/m);
    const review = h.lastCard();
    const data = JSON.parse(JSON.stringify(review.card)).actions[0].data;
    await h.submitRaw(HELPDESK, { ...data, action: 'save' }, { messageId: review.messageId });
    expect(user('emma.bakker@acme.example')).toEqual(before);
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'license.refused', actorEmail: 'helpdesk@acme.example', codes: ['R11.request-only'] });
  });

  it('R11: someone without a role is refused politely, told whom to ask, and audited', async () => {
    h = await createHarness();
    await h.say(STRANGER, 'licenses emma.bakker@acme.example');
    expect(h.lastText()).toContain('Not allowed');
    expect(h.lastText()).toContain('Ask an administrator for access: admin@acme.example, noor.admin@acme.example.');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: 'someone@acme.example' });
  });

  it('R12: a full license is not offered; a crafted toggle is refused because no unit is free', async () => {
    h = await createHarness();
    await openService('mateo.garcia@acme.example', 'meetings');
    expect(h.lastText()).not.toContain('lic.lic-meetings-training-100102');
    await h.click(ADMIN, 'Next: account type per site', { 'lic.lic-meetings-training-100102': 'true' });
    // Named with its site and subscription: three licenses share the name.
    expectRefusedHere(h.lastText(), 'Meeting - Webex Enterprise Edition (acme-training.webex.com) · Sub-100102 has no free unit (5 of 5 used)');
    await h.click(ADMIN, 'Remove Meeting - Webex Enterprise Edition (acme-training.webex.com)');
    expect(h.lastText()).not.toContain('Cannot be saved');
  });
});
