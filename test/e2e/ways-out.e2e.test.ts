// Issue 18 through the emulator: the rules speak on the step that breaks them. Tom de Boer
// holds Webex Calling Standard; switching on Customer Experience Essentials breaks R4 on the
// licenses step, whose card offers the message's two ways out as buttons; "Switch to
// Professional" makes that change, and the Save that follows holds it.
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { cardText } from '../helpers/fake-transport.js';
import { cardOf } from './harness.js';
import { appPerTest } from './edit-emma.js';

const startApp = appPerTest();
const TOM = 'tom.de.boer@acme.example';

describe('ways out through the emulator', () => {
  it('R4 on the licenses step: "Switch to Professional" makes the change, the rules check it again, Save keeps it', async () => {
    const running = await startApp('ways-out-');
    const { h } = running;
    const room = await h.directRoomOf(ADMIN.email);
    const said = await h.say(ADMIN.email, room, `licenses ${TOM}`);
    let card = await h.nextCard(room, said, 'Tom de Boer');
    card = await h.click(ADMIN.email, card, 'Edit licenses');
    card = await h.click(ADMIN.email, card, 'Choose service', { service: 'cxBasic' });
    card = await h.click(ADMIN.email, card, 'Apply and review', { 'lic.lic-cx-essential-100103': 'true' });
    const refused = cardText(cardOf(card)!);
    expect(refused).toContain('Cannot be saved like this:');
    expect(refused).toContain('Switch to Professional');
    card = await h.click(ADMIN.email, card, 'Switch to Professional');
    expect(cardText(cardOf(card)!)).not.toContain('Cannot be saved');
    card = await h.click(ADMIN.email, card, 'Apply and review');
    expect(cardText(cardOf(card)!)).toContain('+ Webex Calling - Professional');
    card = await h.click(ADMIN.email, card, 'Save');
    expect(cardText(cardOf(card)!)).toContain('Saved');
    const tom = running.store.userByEmail(TOM)!;
    expect(tom.licenseIds).toEqual(expect.arrayContaining(['lic-cx-essential-100103', 'lic-calling-pro-100101']));
    expect(tom.licenseIds).not.toContain('lic-calling-basic-100101');
  });
});
