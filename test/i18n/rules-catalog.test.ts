// Every rule code has a message in English and Dutch, both catalogs have the same keys,
// and every placeholder in a message is a param the rules actually send.
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { rulesEn } from '../../src/i18n/rules.en.js';
import { rulesNl } from '../../src/i18n/rules.nl.js';
import { ALL_CODES, CODE_PARAMS } from '../../src/rules/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('rules message catalog', () => {
  it('has the same keys in English and Dutch', () => {
    expect(Object.keys(rulesNl).sort()).toEqual(Object.keys(rulesEn).sort());
  });

  it('has exactly the codes the rules emit (ALL_CODES)', () => {
    expect(Object.keys(rulesEn).sort()).toEqual([...ALL_CODES].sort());
  });

  it.each(ALL_CODES.flatMap((code) => [['en', code] as const, ['nl', code] as const]))('%s text for %s uses only its params', (locale, code) => {
    const text = (locale === 'en' ? rulesEn : rulesNl)[code];
    expect(text, `${locale} ${code}`).toBeTruthy();
    const allowed = new Set(CODE_PARAMS[code]);
    for (const name of placeholders(text as string)) expect(allowed.has(name), `${locale} ${code} {${name}}`).toBe(true);
  });

  it('English and Dutch use the same placeholders for each code', () => {
    for (const code of ALL_CODES) expect(placeholders(rulesNl[code] ?? ''), code).toEqual(placeholders(rulesEn[code] ?? ''));
  });

  it('renders the messages issue 3 asks for, in both languages', () => {
    expect(t('en', 'R6.attendee-feature-off', { user: 'Alice', siteUrl: 'acme-training.webex.com' })).toContain(
      'Contact the Cisco Technical Assistance Center (TAC) to enable attendee accounts on acme-training.webex.com',
    );
    expect(t('nl', 'R6.attendee-feature-off', { user: 'Alice', siteUrl: 'acme-training.webex.com' })).toContain(
      'contact opnemen met het Cisco Technical Assistance Center (TAC)',
    );
    expect(t('en', 'R7.site-admin', { user: 'Alice', siteUrl: 'acme.webex.com' })).toContain("Remove Alice's site administrator role on acme.webex.com first");
    expect(t('nl', 'R7.site-admin', { user: 'Alice', siteUrl: 'acme.webex.com' })).toContain(
      'moet u de beheerrechten van de gebruiker voor die Webex Meetings-site verwijderen',
    );
    expect(t('en', 'R4.standard-with-cx', { user: 'Alice', standard: 'S', cx: 'C' })).toContain(
      'Switch Alice to Webex Calling Professional or remove Customer Experience Basic (Essentials)',
    );
    expect(t('nl', 'R4.standard-with-cx', { user: 'Alice', standard: 'S', cx: 'C' })).toContain(
      'U kunt de standaardlicentie voor Webex Calling en de licentie Customer Experience Essentials niet toewijzen aan een gebruiker',
    );
    // The seed machine-translated the product name; Control Hub's Dutch keeps it in English.
    expect(t('nl', 'R4.standard-with-cx', { user: 'Alice', standard: 'S', cx: 'C' })).not.toContain('Basisbeginselen');
    expect(t('en', 'R8.pending-external', { user: 'Bob' })).toContain('Delete the pending external user and add them again');
    expect(t('nl', 'R8.pending-external', { user: 'Bob' })).toContain('eerst de gebruiker verwijderen en vervolgens opnieuw toevoegen');
    expect(t('en', 'R12.no-free-unit', { license: 'Webex Calling - Professional', used: 10, total: 10 })).toContain('(10 of 10 used)');
  });
});
