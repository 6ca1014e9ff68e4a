// `history <email>` says what the rules did in the reader's language, with the rule's own
// sentence from the catalog, never its code: for lines that carry the findings' parameters
// and for older lines that carry codes only.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';

const TOM = 'tom.de.boer@acme.example';
let h: Harness;
afterEach(async () => h?.close());


describe('history in words', () => {
  it('R3\'s automatic switch to Professional reads as the rule\'s sentence, in English and in Dutch', async () => {
    h = await createHarness();
    await h.say(ADMIN, `licenses ${TOM}`);
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'attendantConsole' });
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-attendant-console-100103': 'true' });
    await h.click(ADMIN, 'Save');
    expect(h.auditLines().at(-1)!.codes).toContain('R3.switch-to-professional'); // the code stays in the audit line

    await h.say(ADMIN, `history ${TOM}`);
    const text = h.lastText();
    expect(text).toContain(
      'Webex Attendant Console requires Webex Calling on the Professional license, so Tom de Boer gets Webex Calling - Professional (removed: Webex Calling - Basic).',
    );
    expect(text).not.toMatch(/R\d+\.[a-z]/);
    expect(text).not.toContain('Rule codes');

    await h.say(ADMIN, 'language nl');
    await h.say(ADMIN, `geschiedenis ${TOM}`);
    expect(h.lastText()).toContain('stelt u de Webex Calling-service in op Professional-licentie: Tom de Boer krijgt Webex Calling - Professional (verwijderd: Webex Calling - Basic).');
    expect(h.lastText()).not.toMatch(/R\d+\.[a-z]|\{\w+\}/);
  });

  it('an older line with codes only: the sentence is filled from the line itself, with no code and no placeholder left', async () => {
    h = await createHarness();
    const tom = h.store.userByEmail(TOM)!;
    await h.store.audit([
      {
        action: 'license.change',
        actorId: ADMIN.personId,
        actorEmail: ADMIN.email,
        targetUserId: tom.id,
        before: { licenseIds: ['lic-calling-basic-100101'], attendeeOf: [] },
        after: { licenseIds: ['lic-calling-pro-100101', 'lic-attendant-console-100103'], attendeeOf: [] },
        codes: ['R3.switch-to-professional', 'R10.calling-settings-hint', '400408'],
      },
    ]);
    await h.say(ADMIN, `history ${TOM}`);
    const text = h.lastText();
    expect(text).toContain('Webex Attendant Console requires Webex Calling on the Professional license, so Tom de Boer gets');
    expect(text).toContain('(removed: Webex Calling - Basic');
    expect(text).toContain('If opening the user\'s Calling settings shows an error');
    expect(text).toContain('Codes: 400408'); // Webex's own number, which the catalog does not know
    expect(text).not.toMatch(/R\d+\.[a-z]|\{\w+\}/);
  });
});
