// A Calling license needs a location and an extension or number (Webex answers 400411 without):
// the wizard asks on its Calling card, the rules judge what was given, the store keeps it.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';
import type { OrgConnection } from '../../src/flows/org/port.js';
import { submitActions } from '../helpers/cards.js';

let h: Harness;
afterEach(async () => h?.close());

const MATEO = 'mateo.garcia@acme.example'; // Messaging only: no Calling license, no properties
const PRO = 'lic-calling-pro-100101';
const buttons = () => submitActions(h.lastCard().card).map((a) => a.title);
const user = (email: string) => h.store.userByEmail(email)!;
const changeLines = () => h.auditLines().filter((l) => l.action === 'license.change');

async function addProfessional(email = MATEO, as = ADMIN): Promise<void> {
  await h.say(as, `licenses ${email}`);
  await h.click(as, 'Edit licenses');
  await h.click(as, 'Choose service', { service: 'calling' });
  await h.click(as, 'Apply and review', { tier: PRO });
}

/** An org connection that only knows the free numbers of each location. */
const orgWithNumbers = (free: Record<string, string[]>): OrgConnection => {
  const no = () => Promise.reject(new Error('not in this test'));
  return { identity: no, licenses: no, people: no, person: no, patchLicenses: no, locations: no, availableNumbers: (id) => Promise.resolve(free[id] ?? []) };
};

describe('Calling properties in the edit wizard', () => {
  it('adding Calling Professional asks for the location, extension and number', async () => {
    h = await createHarness();
    await addProfessional();
    const text = h.lastText();
    expect(text).toContain('Mateo Garcia: Webex Calling location and number');
    expect(text).toContain('Webex needs a location and an extension or a phone number (or both) for Webex Calling - Professional.');
    expect(text).toMatch(/Location[\s\S]*Extension[\s\S]*Phone number/);
    expect(JSON.stringify(h.lastCard().card)).toMatch(/"Input.ChoiceSet","id":"calling.location"[\s\S]*Amsterdam HQ[\s\S]*Rotterdam[\s\S]*Utrecht/);
    expect(buttons()).toEqual(['Apply and review', 'Another service', 'Back', 'Cancel']);
  });

  it.each([
    ['an unknown location (crafted submit)', { 'calling.location': 'loc-paris', 'calling.extension': '4190' }, 'The location loc-paris is not a Webex Calling location of this organization'],
    ['a number another user holds', { 'calling.location': 'loc-amsterdam', 'calling.number': '+31 20 555 0101' }, 'The phone number +31205550101 already belongs to Lucas Smit'],
    ['an extension taken in the same location', { 'calling.location': 'loc-amsterdam', 'calling.extension': '4101' }, 'The extension 4101 in Amsterdam HQ already belongs to Acme IT Admin'],
    ['a malformed extension', { 'calling.location': 'loc-amsterdam', 'calling.extension': '41a' }, 'The extension 41a is not valid: use 2 to 10 digits only'],
    ['a number that is not E.164', { 'calling.location': 'loc-amsterdam', 'calling.number': '020 555 0199' }, 'The phone number 0205550199 is not valid'],
    ['neither extension nor number', { 'calling.location': 'loc-amsterdam' }, 'needs an extension or a phone number'],
    ['no location', { 'calling.extension': '4190' }, 'Choose a location first'],
  ])('%s: the card says why and nothing is saved', async (_name, inputs, message) => {
    h = await createHarness();
    const before = user(MATEO);
    await addProfessional();
    await h.click(ADMIN, 'Apply and review', inputs);
    expect(h.lastText()).toContain('Webex Calling location and number');
    expect(h.lastText()).toContain(message);
    expect(user(MATEO)).toEqual(before);
    expect(changeLines()).toEqual([]);
  });

  it('the step counter counts the Calling step once it is asked, and never jumps', async () => {
    h = await createHarness();
    await h.say(ADMIN, `licenses ${MATEO}`);
    expect(h.lastText()).toContain('Step 1 of 4: overview');
    await h.click(ADMIN, 'Edit licenses');
    expect(h.lastText()).toContain('Step 2 of 4: choose a service');
    await h.click(ADMIN, 'Choose service', { service: 'calling' });
    expect(h.lastText()).toContain('Step 3 of 4: licenses');
    await h.click(ADMIN, 'Apply and review', { tier: PRO });
    expect(h.lastText()).toContain('Step 4 of 5: Calling location and number');
    await h.click(ADMIN, 'Apply and review', { 'calling.location': 'loc-amsterdam', 'calling.extension': '4190' });
    expect(h.lastText()).toContain('Step 5 of 5: review');
  });

  it('a good save stores the properties; the review and the result show them', async () => {
    h = await createHarness();
    await addProfessional();
    await h.click(ADMIN, 'Apply and review', { 'calling.location': 'loc-amsterdam', 'calling.extension': '4190', 'calling.number': '+31 20 555-0110' });
    expect(h.lastText()).toContain('Location: Amsterdam HQ, extension 4190, number +31205550110');
    expect(h.lastText()).toContain('Ready to save.');
    await h.click(ADMIN, 'Save');
    expect(h.lastText()).toContain('Location: Amsterdam HQ, extension 4190, number +31205550110');
    expect(user(MATEO).calling).toEqual({ locationId: 'loc-amsterdam', extension: '4190', phoneNumber: '+31205550110' });
    expect(user(MATEO).licenseIds).toContain(PRO);
    expect(changeLines()).toHaveLength(1);
  });

  it('Back from review returns to the Calling card with what was given', async () => {
    h = await createHarness();
    await addProfessional();
    await h.click(ADMIN, 'Another service', { 'calling.location': 'loc-rotterdam', 'calling.extension': '4190' });
    await h.click(ADMIN, 'Choose service', { service: 'calling' });
    await h.click(ADMIN, 'Apply and review', { tier: PRO });
    expect(JSON.stringify(h.lastCard().card)).toMatch(/"id":"calling.extension"[^}]*"value":"4190"/);
  });

  it('with the org connection, the number is one of the location\'s free numbers', async () => {
    h = await createHarness({ org: orgWithNumbers({ 'loc-rotterdam': ['+31105550107', '+31105550108'] }) });
    await addProfessional();
    expect(buttons()).toContain('Show free numbers');
    await h.click(ADMIN, 'Show free numbers', { 'calling.location': 'loc-rotterdam', 'calling.extension': '4190' });
    const card = JSON.stringify(h.lastCard().card);
    expect(card).toMatch(/"Input.ChoiceSet","id":"calling.number"/);
    expect(h.lastText()).toContain('Phone number: free numbers of Rotterdam');
    expect(card).toContain('+31105550108');
    await h.click(ADMIN, 'Apply and review', { 'calling.number': '+31105550108' });
    await h.click(ADMIN, 'Save');
    expect(user(MATEO).calling).toEqual({ locationId: 'loc-rotterdam', extension: '4190', phoneNumber: '+31105550108' });
  });

  it('R1 a tier switch keeps the user\'s properties: no Calling card', async () => {
    h = await createHarness();
    const before = user('tom.de.boer@acme.example').calling;
    await addProfessional('tom.de.boer@acme.example');
    expect(h.lastText()).toContain('review the change');
    await h.click(ADMIN, 'Save');
    expect(user('tom.de.boer@acme.example').calling).toEqual(before);
    expect(before).toBeDefined();
  });

  it('removing the Calling license drops the properties', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses levi.de.haan@acme.example');
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'calling' });
    await h.click(ADMIN, 'Apply and review', { tier: 'none' });
    expect(h.lastText()).toContain('The location and number go with the Webex Calling license.');
    await h.click(ADMIN, 'Save');
    expect(user('levi.de.haan@acme.example').calling).toBeUndefined();
  });

  it('R10 reassign keeps the properties', async () => {
    h = await createHarness();
    const before = user('levi.de.haan@acme.example');
    await h.say(ADMIN, 'reassign levi.de.haan@acme.example');
    await h.click(ADMIN, 'Remove and assign again');
    expect(user('levi.de.haan@acme.example').rev).toBe(before.rev + 1);
    expect(user('levi.de.haan@acme.example').calling).toEqual(before.calling);
  });

  it('a helpdesk request carries the properties; the approval card shows them', async () => {
    h = await createHarness();
    await addProfessional(MATEO, HELPDESK);
    await h.click(HELPDESK, 'Apply and review', { 'calling.location': 'loc-utrecht', 'calling.extension': '4190' });
    await h.click(HELPDESK, 'Submit request', { reason: 'Mateo joins the Utrecht phone team' });
    const [request] = h.store.requests();
    expect(request?.change.calling).toEqual({ locationId: 'loc-utrecht', extension: '4190' });
    expect(user(MATEO).calling).toBeUndefined();
  });
});
