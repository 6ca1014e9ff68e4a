// `external add <email> <license name, …>`: licenses by Control Hub's names as `usage` shows
// them (any case, the start of a name or of a word in it), with the site or subscription in
// brackets where a name is shared; an ambiguous or unknown name answers with the choices.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';
import { lookUpLicense, typedName } from '../../src/flows/external/license-names.js';

let h: Harness;
afterEach(async () => h?.close());

const licensesOf = (email: string) => h.store.userByEmail(email)?.licenseIds;

describe('external add by license name', () => {
  it('names, starts of names and a site in brackets, any case, separated by commas; ids still work', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add kim@partner.example advanced, webex messaging, Meeting (acme)');
    expect(h.lastText()).toContain('kim@partner.example was added as an active external user with:');
    expect(h.lastText()).toContain('+ Meeting - Webex Enterprise Edition (acme.webex.com)');
    expect(licensesOf('kim@partner.example')!.sort()).toEqual(['lic-adv-messaging-100101', 'lic-meetings-acme-100102', 'lic-messaging-100101']);

    await h.say(ADMIN, 'external add lou@partner.example Meeting - Webex Enterprise Edition (acme-events.webex.com)');
    expect(licensesOf('lou@partner.example')).toEqual(['lic-meetings-events-100102']);
    await h.say(ADMIN, 'external add max@partner.example lic-messaging-100101 lic-adv-messaging-100101');
    expect(licensesOf('max@partner.example')!.sort()).toEqual(['lic-adv-messaging-100101', 'lic-messaging-100101']);
  });

  it('"Attendant Console" is the Webex Attendant Console license: the rules then answer about it (R3 needs Calling Professional)', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add kim@partner.example Attendant Console');
    const text = h.lastText();
    expect(text).not.toContain('No license is called');
    // R3 adds Calling Professional, which Webex accepts only with a location and number: external add cannot give them.
    expect(text).toContain('Webex needs a location and a number for Webex Calling - Professional');
    expect(licensesOf('kim@partner.example')).toBeUndefined();
  });

  it('a name several licenses fit lists them with site and subscription; the one typed with its subscription is added', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add kim@partner.example Meeting');
    let text = h.lastText();
    expect(text).toContain('"Meeting" fits several licenses. Which one do you mean?');
    expect(text).toContain('Meeting - Webex Enterprise Edition (acme.webex.com) — acme.webex.com · Sub-100102');
    expect(text).toContain('Meeting - Webex Enterprise Edition (acme-events.webex.com) — acme-events.webex.com · Sub-100102');
    expect(text).toContain('For example: `external add kim@partner.example Meeting - Webex Enterprise Edition (acme.webex.com)`');
    expect(licensesOf('kim@partner.example')).toBeUndefined();

    // The same license name in a second subscription.
    const attendant = h.store.license('lic-attendant-console-100103')!;
    await h.store.commit({ mutations: [{ type: 'catalog.put', sites: [], subscriptions: [], licenses: [{ ...attendant, id: 'lic-attendant-console-100101', subscriptionId: 'Sub-100101' }] }] });
    await h.say(ADMIN, 'external add kim@partner.example attendant, webex messaging');
    text = h.lastText();
    expect(text).toContain('"attendant" fits several licenses.');
    expect(text).toContain('Webex Attendant Console (Sub-100103) — Sub-100103');
    expect(text).toContain('Webex Attendant Console (Sub-100101) — Sub-100101');

    await h.say(ADMIN, 'language nl');
    await h.say(ADMIN, 'extern add kim@partner.example Messaging');
    expect(h.lastText()).toContain('"Messaging" past bij meerdere licenties. Welke bedoelt u?');
    expect(h.lastText()).toContain('Advanced Messaging — Sub-100101');
  });

  it('an unknown name lists the licenses; a subscription that does not have the name lists that name\'s licenses', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'external add kim@partner.example Webex Messaging, Zoom');
    expect(h.lastText()).toContain('No license is called "Zoom". Type one of these (as `usage` shows them):');
    expect(h.lastText()).toContain('Webex Attendant Console — Sub-100103');
    await h.say(ADMIN, 'external add kim@partner.example Webex Messaging (Sub-100104)');
    expect(h.lastText()).toContain('No license is called "Webex Messaging (Sub-100104)"');
    expect(h.lastText()).toContain('Webex Messaging — Sub-100101');
    expect(h.lastText()).not.toContain('Webex Attendant Console');
    expect(licensesOf('kim@partner.example')).toBeUndefined();
  });

  it('what the bot tells an admin to type always names that one license (shared names, sites, subscriptions)', async () => {
    h = await createHarness();
    const base = h.store.licenses();
    const meeting = base.find((l) => l.id === 'lic-meetings-acme-100102')!;
    // The same Meetings site in a second subscription, and a name shared by two subscriptions.
    const catalog = [...base, { ...meeting, id: 'lic-meetings-acme-100101', subscriptionId: 'Sub-100101' }, { ...base[0]!, id: 'lic-calling-pro-100104', subscriptionId: 'Sub-100104' }];
    for (const license of catalog) {
      const typed = typedName(license, catalog);
      expect(lookUpLicense(catalog, typed), typed).toEqual({ kind: 'found', license });
    }
    expect(typedName(meeting, catalog)).toBe('Meeting - Webex Enterprise Edition (acme.webex.com) (Sub-100102)');
  });
});
