// Webex's error codes for PATCH /v1/licenses/users (Cisco's OpenAPI for the Licenses API)
// are told in the desk's words, in both languages; an unknown code shows Webex's own message.
import { describe, expect, it } from 'vitest';
import { reasonText } from '../../src/flows/org/notify.js';

const CODES: Record<string, RegExp> = {
  '400404': /Professional and Standard/,
  '400406': /Standard \(Basic\) with Webex Attendant Console/,
  '400407': /Standard \(Basic\) with Customer Experience - Essential/,
  '400408': /Attendant Console needs Webex Calling - Professional first/,
  '400411': /location and an extension or phone number/,
  '400112': /Professional to Standard/,
  '400410': /Customer Experience - Essential to Webex Calling Standard/,
  '400413': /one license per offer code/,
  '400216': /attendee account/,
};

describe("Webex's refusals in the desk's words", () => {
  for (const [code, english] of Object.entries(CODES)) {
    it(`${code}: a sentence of its own in English and Dutch, not Webex's raw message`, () => {
      const webex = { code, message: 'License conflict (raw Webex text)' };
      expect(reasonText({ locale: 'en' }, webex)).toMatch(english);
      const dutch = reasonText({ locale: 'nl' }, webex);
      expect(dutch).not.toBe(reasonText({ locale: 'en' }, webex));
      expect(dutch).not.toContain('raw Webex text');
      expect(dutch).not.toMatch(/\bje\b|\bjij\b|\bjouw\b/i); // "u" throughout
    });
  }

  it('a code the desk does not know shows what Webex said', () => {
    expect(reasonText({ locale: 'en' }, { code: '400999', message: 'Something new from Webex' })).toBe('Something new from Webex');
    expect(reasonText({ locale: 'nl' }, { message: '' })).toBe('Webex gaf geen reden.');
  });
});
