// The source document's second procedure: external users. Uncheck licenses and save;
// with none left the user leaves the list (R9). A Pending user (R8): delete, add again.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';
import { submitActions } from '../helpers/fake-transport.js';

let h: Harness;
afterEach(async () => h?.close());

/** Button titles on the last card. */
const buttons = () => submitActions(h.lastCard().card!).map((a) => a.title);

describe('external users', () => {
  it('lists only external users that hold a license (R9)', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external');
    const list = h.lastText();
    expect(list).toContain('External users with a license');
    expect(list).toContain('r.ortiz@vendorhub.example');
    expect(list).not.toContain('emma.bakker@acme.example');
  });

  it('an external user losing all licenses: R9 notice, saved, gone from the list', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external');
    await h.click(ADMIN, 'Open', { userId: h.store.userByEmail('r.ortiz@vendorhub.example')!.id });
    expect(h.lastText()).toContain('Uncheck the licenses to remove');
    await h.click(ADMIN, 'Review', { 'lic.lic-messaging-100101': 'false' });
    expect(h.lastText()).toContain('− Webex Messaging · Sub-100101');
    expect(h.lastText()).toContain('has no license left and will no longer show in the External users list');
    await h.click(ADMIN, 'Save');
    expect(h.lastText()).toMatch(/Licenses now\nNo licenses assigned\./);
    expect(h.store.userByEmail('r.ortiz@vendorhub.example')!.licenseIds).toEqual([]);
    await h.click(ADMIN, 'External users');
    expect(h.lastText()).not.toContain('r.ortiz@vendorhub.example');
    expect(h.auditLines().find((l) => l.action === 'license.change')!.codes).toContain('R9.leaves-external-list');
  });

  it('a Pending external user (R8): the card explains, offers delete with a confirmation, and the add-again command', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external lena.fischer@contoso-consult.example');
    const card = h.lastText();
    expect(card).toContain('status is Pending, so their licenses cannot be changed');
    const addAgain = 'external add lena.fischer@contoso-consult.example Webex Messaging, Meeting - Webex Enterprise Edition (acme.webex.com)';
    expect(card).toContain(addAgain);
    expect(card).not.toContain('Review');
    await h.click(ADMIN, 'Delete user');
    expect(h.lastText()).toContain('Delete this external user?');
    await h.click(ADMIN, 'Back');
    await h.click(ADMIN, 'Delete user');
    await h.click(ADMIN, 'Yes, delete the user');
    expect(h.lastText()).toContain('lena.fischer@contoso-consult.example was deleted');
    expect(h.store.userByEmail('lena.fischer@contoso-consult.example')).toBeUndefined();
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'user.delete', targetEmail: 'lena.fischer@contoso-consult.example', codes: ['R8.pending-external'] });

    await h.say(ADMIN, addAgain); // the command as the card showed it
    expect(h.lastText()).toContain('was added as an active external user');
    expect(h.store.userByEmail('lena.fischer@contoso-consult.example')).toMatchObject({
      type: 'external',
      status: 'active',
      licenseIds: ['lic-meetings-acme-100102', 'lic-messaging-100101'],
    });
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'user.add' });
  });

  it('a crafted Review on a Pending user changes nothing', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external lena.fischer@contoso-consult.example');
    const before = h.store.userByEmail('lena.fischer@contoso-consult.example');
    const data = (h.lastCard().card as { actions: { data: Record<string, unknown> }[] }).actions[0]!.data;
    await h.submitRaw(ADMIN, { ...data, action: 'review', 'lic.lic-messaging-100101': 'false' });
    expect(h.lastText()).toContain('This step has no action "review"');
    expect(h.store.userByEmail('lena.fischer@contoso-consult.example')).toEqual(before);
  });

  it('external add refuses a pending user that still exists, unknown licenses, and bad input', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add lena.fischer@contoso-consult.example lic-messaging-100101');
    expect(h.lastText()).toContain('exists with status Pending. Delete them first');
    await h.say(ADMIN, 'external add x@partner.example lic-nope');
    expect(h.lastText()).toContain('No license is called "lic-nope"');
    await h.say(ADMIN, 'external add not-an-email');
    expect(h.lastText()).toContain('Type: external add <email> <license name>, <license name>. Use the names `usage` shows');
  });

  it('a helpdesk agent is not offered Delete user on a Pending user: told to ask an administrator; a crafted delete is refused', async () => {
    h = await createHarness();
    await h.say(HELPDESK, 'external lena.fischer@contoso-consult.example');
    const card = h.lastText();
    expect(card).toContain('status is Pending, so their licenses cannot be changed');
    expect(card).toContain('Only an administrator can delete Lena Fischer and add them again. Ask an administrator to do it.');
    expect(card).not.toContain('external add'); // an admin-only command
    expect(buttons()).not.toContain('Delete user');
    expect(buttons()).toEqual(['Back', 'Cancel']);

    const data = (h.lastCard().card as { actions: { data: Record<string, unknown> }[] }).actions[0]!.data;
    await h.submitRaw(HELPDESK, { ...data, action: 'delete' });
    expect(h.lastText()).toContain('Only an administrator with full privileges can change licenses');
    expect(buttons()).not.toContain('Yes, delete the user');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: HELPDESK.email, details: { what: 'user.delete' } });
    expect(h.store.userByEmail('lena.fischer@contoso-consult.example')).toBeDefined();
  });

  it('an admin on the same card still gets Delete user and the add-again command', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external lena.fischer@contoso-consult.example');
    expect(buttons()).toEqual(['Delete user', 'Back', 'Cancel']);
    expect(h.lastText()).not.toContain('Ask an administrator');
  });
});

describe('R10 hint by role', () => {
  const reviewAttendantConsole = async (actor: typeof ADMIN) => {
    await h.say(actor, 'licenses tom.de.boer@acme.example');
    await h.click(actor, 'Edit licenses');
    await h.click(actor, 'Choose service', { service: 'attendantConsole' });
    await h.click(actor, 'Apply and review', { 'lic.lic-attendant-console-100103': 'true' });
    return h.lastText();
  };

  it('a helpdesk agent is told to ask an administrator for reassign; an admin is told to use it', async () => {
    h = await createHarness();
    const helpdeskReview = await reviewAttendantConsole(HELPDESK);
    expect(helpdeskReview).toContain('ask an administrator to use "reassign"');
    expect(helpdeskReview).not.toContain(', use "reassign"');
    const adminReview = await reviewAttendantConsole(ADMIN);
    expect(adminReview).toContain('use "reassign" to remove the Webex Calling license and assign it again');
    expect(adminReview).not.toContain('ask an administrator');
  });
});

describe('reassign (R10)', () => {
  it('asks for confirmation, then removes and assigns the Calling license again in one audited commit', async () => {
    h = await createHarness();
    const before = h.store.userByEmail('levi.de.haan@acme.example')!;
    await h.say(ADMIN, 'reassign levi.de.haan@acme.example');
    expect(h.lastText()).toContain('This removes Webex Calling - Professional from Levi de Haan and assigns it again');
    const confirm = h.lastCard();
    await h.click(ADMIN, 'Remove and assign again');
    expect(h.lastText()).toContain('was removed and assigned again for Levi de Haan');
    const after = h.store.userByEmail('levi.de.haan@acme.example')!;
    expect(after.rev).toBe(before.rev + 1);
    expect(after.licenseIds).toEqual(before.licenseIds);
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'license.reassign', targetEmail: 'levi.de.haan@acme.example' });
    await h.click(ADMIN, 'Remove and assign again', {}, { card: confirm });
    expect(h.store.userByEmail('levi.de.haan@acme.example')!.rev).toBe(after.rev);
    expect(h.auditLines().filter((l) => l.action === 'license.reassign')).toHaveLength(1);
  });
});
