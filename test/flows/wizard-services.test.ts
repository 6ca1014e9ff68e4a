// Each service's happy path through the wizard, as an admin sees it in cards.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';

let h: Harness;
afterEach(async () => h?.close());

const user = (email: string) => h.store.userByEmail(email)!;

async function openService(email: string, service: string): Promise<void> {
  await h.say(ADMIN, `licenses ${email}`);
  await h.click(ADMIN, 'Edit licenses');
  await h.click(ADMIN, 'Choose service', { service });
}

describe('the edit-licenses wizard, per service', () => {
  it('Messaging: switch a license on, review, save; the result card and the audit say so', async () => {
    h = await createHarness();
    await openService('emma.bakker@acme.example', 'messaging');
    expect(h.lastText()).toContain('Advanced Messaging · 7 / 11');
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    expect(h.lastText()).toContain('+ Advanced Messaging · Sub-100101');
    expect(h.lastText()).toContain('Ready to save.');
    expect(h.lastText()).toContain('Step 4 of 4: review'); // no Meetings, no sites step; no Calling step
    await h.click(ADMIN, 'Save');
    expect(h.lastText()).toMatch(/Saved: Emma Bakker[\s\S]*Licenses now[\s\S]*Advanced Messaging/);
    expect(user('emma.bakker@acme.example').licenseIds).toContain('lic-adv-messaging-100101');
    const line = h.auditLines().find((l) => l.action === 'license.change')!;
    expect(line).toMatchObject({ actorEmail: 'admin@acme.example', targetEmail: 'emma.bakker@acme.example' });
    expect(line.after!.licenseIds).toContain('lic-adv-messaging-100101');
  });

  it('Meetings: a license, then host on one site and attendee on another', async () => {
    h = await createHarness();
    await openService('mateo.garcia@acme.example', 'meetings');
    // R12: the training site's license is full, so it is shown but not offered.
    expect(h.lastText()).toContain('(acme-training.webex.com) · 5 / 5 · FULL: no free unit, cannot be switched on');
    await h.click(ADMIN, 'Next: account type per site', { 'lic.lic-meetings-events-100102': 'true' });
    const sites = h.lastText();
    expect(sites).toContain('Step 4 of 5: account type per Meetings site');
    // R6 and R12: the training site offers neither attendee nor host; Mateo gets nothing there, so one short line says so.
    expect(sites).toContain('acme-training.webex.com\nHost and attendee not available on this site');
    await h.click(ADMIN, 'Apply and review', { 'site.acme-events.webex.com': 'host', 'site.acme.webex.com': 'attendee' });
    const review = h.lastText();
    expect(review).toContain('Step 5 of 5: review');
    expect(review).toContain('+ Meeting - Webex Enterprise Edition (acme-events.webex.com) · Sub-100102');
    expect(review).toContain('+ Attendee on acme.webex.com');
    await h.click(ADMIN, 'Save');
    expect(user('mateo.garcia@acme.example')).toMatchObject({
      licenseIds: expect.arrayContaining(['lic-meetings-events-100102']),
      attendeeOf: ['acme.webex.com'],
    });
  });

  it('Calling: switch Standard to Professional (one calling license at a time)', async () => {
    h = await createHarness();
    await openService('tom.de.boer@acme.example', 'calling');
    expect(h.lastText()).toContain('One calling license at a time');
    await h.click(ADMIN, 'Apply and review', { tier: 'lic-calling-pro-100101' });
    expect(h.lastText()).toMatch(/\+ Webex Calling - Professional[\s\S]*− Webex Calling - Basic/);
    await h.click(ADMIN, 'Save');
    expect(user('tom.de.boer@acme.example').licenseIds).toEqual(
      expect.arrayContaining(['lic-calling-pro-100101', 'lic-messaging-100101']),
    );
    expect(user('tom.de.boer@acme.example').licenseIds).not.toContain('lic-calling-basic-100101');
  });

  it('Unified CM: add it beside Webex Calling (migration), then remove it (migration complete)', async () => {
    h = await createHarness();
    await openService('levi.de.haan@acme.example', 'calling');
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-ucm-100104': 'true' });
    expect(h.lastText()).toContain('the user is migrating to Webex Calling');
    await h.click(ADMIN, 'Save');
    const saved = h.lastCard();
    await h.click(ADMIN, 'Edit this user again');
    expect(h.lastText()).toContain('Migrating to Webex Calling');
    // The Saved card stays in the space, the record of the change; the user's card came below it.
    expect(h.outbox.deleted.has(saved.messageId)).toBe(false);
    expect(h.lastCard().messageId).not.toBe(saved.messageId);

    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'calling' });
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-ucm-100104': 'false' });
    expect(h.lastText()).toContain('completes the migration to Webex Calling');
    await h.click(ADMIN, 'Save');
    expect(user('levi.de.haan@acme.example').licenseIds).not.toContain('lic-ucm-100104');
    const codes = h.auditLines().filter((l) => l.action === 'license.change').map((l) => l.codes);
    expect(codes[0]).toContain('R2.migrating');
    expect(codes[1]).toContain('R2.migration-complete');
  });

  it('Attendant Console on a Standard user: R3 switches to Professional, shown before Save', async () => {
    h = await createHarness();
    await openService('tom.de.boer@acme.example', 'attendantConsole');
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-attendant-console-100103': 'true' });
    const review = h.lastText();
    expect(review).toContain('Automatic changes');
    expect(review).toContain('Webex Attendant Console requires Webex Calling on the Professional license, so Tom de Boer gets Webex Calling - Professional');
    expect(review).toContain('− Webex Calling - Basic');
    await h.click(ADMIN, 'Save');
    expect(user('tom.de.boer@acme.example').licenseIds).toEqual(
      expect.arrayContaining(['lic-attendant-console-100103', 'lic-calling-pro-100101']),
    );
    expect(user('tom.de.boer@acme.example').licenseIds).not.toContain('lic-calling-basic-100101');
  });

  it('Customer Experience Basic on a Professional user', async () => {
    h = await createHarness();
    await openService('levi.de.haan@acme.example', 'cxBasic');
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-cx-essential-100103': 'true' });
    await h.click(ADMIN, 'Save');
    expect(user('levi.de.haan@acme.example').licenseIds).toContain('lic-cx-essential-100103');
  });

  it('several services before one Save; the service card lists the changes so far', async () => {
    h = await createHarness();
    await openService('mateo.garcia@acme.example', 'messaging');
    await h.click(ADMIN, 'Another service', { 'lic.lic-adv-messaging-100101': 'true' });
    expect(h.lastText()).toMatch(/Changes so far[\s\S]*\+ Advanced Messaging/);
    await h.click(ADMIN, 'Choose service', { service: 'calling' });
    await h.click(ADMIN, 'Apply and review', { tier: 'lic-calling-pro-100101' });
    // Webex needs a location and number with the Calling license (400411): the Calling card asks.
    await h.click(ADMIN, 'Apply and review', { 'calling.location': 'loc-utrecht', 'calling.extension': '4190' });
    await h.click(ADMIN, 'Save');
    expect(user('mateo.garcia@acme.example').calling).toEqual({ locationId: 'loc-utrecht', extension: '4190' });
    expect(user('mateo.garcia@acme.example').licenseIds).toEqual(
      expect.arrayContaining(['lic-adv-messaging-100101', 'lic-calling-pro-100101', 'lic-messaging-100101']),
    );
    expect(h.auditLines().filter((l) => l.action === 'license.change')).toHaveLength(1);
  });

  it('user selection: search, paging, open; each step deletes the card that was clicked', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses');
    expect(h.lastText()).toContain('Users 1–25 of 50');
    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toContain('Users 26–50 of 50');
    await h.click(ADMIN, 'Previous');
    await h.click(ADMIN, 'Search', { search: 'sanne' });
    expect(h.lastText()).toContain('Sanne de Vries · sanne.de.vries@acme.example · internal · active');
    await h.click(ADMIN, 'Open', { userId: 'user-sanne-de-vries' });
    expect(h.lastText()).toMatch(/Sanne de Vries[\s\S]*Site administrator of\nacme.webex.com/);
    const cards = h.outbox.cards();
    expect(cards.slice(0, -1).every((c) => h.outbox.deleted.has(c.messageId))).toBe(true);
    expect(h.outbox.deleted.has(cards.at(-1)!.messageId)).toBe(false);
  });

  it('the user list preselects nobody among several, so Open without a choice asks for one', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses');
    await h.click(ADMIN, 'Open');
    expect(h.lastText()).toContain('Choose a user in the list first, then click Open.');
    await h.say(ADMIN, 'licenses sanne');
    expect(h.lastText()).toContain('Sanne de Vries');
  });
});
