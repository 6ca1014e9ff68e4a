// The same procedures in Dutch: `language nl` is stored per person and every card follows.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';
import { submitActions } from '../helpers/fake-transport.js';

let h: Harness;
afterEach(async () => h?.close());

describe('in Dutch', () => {
  it('language nl is remembered for that person only', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'language nl');
    expect(h.lastText()).toContain('Uw kaarten zijn nu in het Nederlands.');
    await h.say(ADMIN, 'help');
    expect(h.lastText()).toContain('License Desk: wat ik doe');
    await h.say(ADMIN2, 'help');
    expect(h.lastText()).toContain('License desk');
    await h.say(ADMIN, 'language fr');
    expect(h.lastText()).toContain('"fr" is geen taal die ik spreek');
  });

  it('the whole wizard, with the rules\' Dutch messages (R3 automatic switch)', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'language nl');
    await h.say(ADMIN, 'licenses tom.de.boer@acme.example');
    expect(h.lastText()).toContain('Stap 1 van 4: overzicht');
    await h.click(ADMIN, 'Licenties bewerken');
    expect(h.lastText()).toContain('Webex Calling (en Unified CM-registratie)');
    await h.click(ADMIN, 'Service kiezen', { service: 'attendantConsole' });
    await h.click(ADMIN, 'Controleren', { 'lic.lic-attendant-console-100103': 'true' });
    const review = h.lastText();
    expect(review).toContain('Automatische wijzigingen');
    expect(review).toMatch(/Attendant Console/);
    expect(review).toContain('Klaar om op te slaan.');
    await h.click(ADMIN, 'Opslaan');
    expect(h.lastText()).toContain('Opgeslagen: Tom de Boer');
    expect(h.store.userByEmail('tom.de.boer@acme.example')!.licenseIds).toContain('lic-attendant-console-100103');
  });

  it('a refusal (R4) and the R6 reason in Dutch', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(ADMIN, 'licenses tom.de.boer@acme.example');
    await h.click(ADMIN, 'Licenties bewerken');
    await h.click(ADMIN, 'Service kiezen', { service: 'cxBasic' });
    await h.click(ADMIN, 'Controleren', { 'lic.lic-cx-essential-100103': 'true' });
    expect(h.lastText()).toContain('Zo kan het niet worden opgeslagen:');
    expect(h.lastText()).toContain('Overschakelen naar Professional');
    expect(h.lastText()).not.toContain('Opslaan\n');
    await h.click(ADMIN, 'Terug');
    await h.click(ADMIN, 'Service kiezen', { service: 'meetings' });
    await h.click(ADMIN, 'Volgende: accounttype per site');
    // Tom gets nothing on the training site: one short line there; the R6 advice comes with a (crafted) attendee.
    expect(h.lastText()).toContain('acme-training.webex.com\nHost en deelnemer niet beschikbaar op deze site');
    await h.click(ADMIN, 'Andere service', { 'site.acme-training.webex.com': 'attendee' });
    expect(h.lastText()).toMatch(/TAC/);
  });

  it('external users, pending (R8), and a refusal for someone without a role, in Dutch', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(ADMIN, 'external');
    expect(h.lastText()).toContain('Externe gebruikers met een licentie');
    await h.say(ADMIN, 'external lena.fischer@contoso-consult.example');
    expect(h.lastText()).toContain('Gebruiker verwijderen');
    expect(h.lastText()).toContain('in behandeling');
    await h.say(STRANGER, 'usage');
    expect(h.lastText()).toContain('Niet toegestaan');
    expect(h.lastText()).toContain('Vraag een beheerder om toegang');
  });

  it('the help card, the unknown-command hint and "Did you mean" show the Dutch command words; English readers keep the English ones', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'taal nl');
    await h.say(ADMIN, 'hulp');
    const help = h.lastText();
    for (const line of ['licenties [e-mail of naam]', 'extern [e-mail of naam]', 'extern add <e-mail> <licentienaam, …>', 'zoek <tekst>', 'gebruik', 'geschiedenis <e-mail>', 'verzoeken', 'rol add admin|helpdesk <e-mail>', 'taal en|nl', 'hulp']) {
      expect(help).toContain(line);
    }
    expect(help).toContain('reassign <e-mail>'); // no Dutch word of its own
    expect(help).not.toMatch(/\blicenses\b|\bfind </);
    await h.say(ADMIN, 'maak een broodje');
    expect(h.lastText()).toContain('Probeer: licenties, extern, zoek <tekst>, gebruik, reassign <e-mail>, taal en|nl, of hulp voor de volledige lijst.');
    await h.say(ADMIN, 'lisences emma.bakker@acme.example');
    expect(h.lastText()).toContain('Bedoelde u `licenties emma.bakker@acme.example`?');
    expect(submitActions(h.lastCard().card!).map((a) => a.title)).toEqual(['licenties emma.bakker@acme.example']);
    await h.click(ADMIN, 'licenties emma.bakker@acme.example');
    expect(h.lastText()).toContain('Emma Bakker');

    await h.say(ADMIN2, 'help');
    expect(h.lastText()).toContain('licenses [email or name]');
    expect(h.lastText()).not.toContain('licenties');
    await h.say(ADMIN2, 'licentis');
    expect(h.lastText()).toContain('Did you mean `licenses`?');
  });

  it('a helpdesk agent refused an admin command reads the Dutch command word and "u"', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(HELPDESK, 'rollen');
    expect(h.lastText()).toContain('Alleen beheerders kunnen "rollen" gebruiken. U kunt wel gegevens opzoeken');
    await h.say(HELPDESK, 'verzoeken');
    expect(h.lastText()).toContain('Uw verzoeken');
  });

  it('an expired card and a crafted payload, in Dutch', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(ADMIN, 'licenses emma.bakker@acme.example');
    h.clock.advance(25 * 60 * 60 * 1000);
    await h.click(ADMIN, 'Licenties bewerken');
    expect(h.lastText()).toContain('Deze kaart is niet meer geldig');
    expect(h.lastText()).toContain('Opnieuw beginnen');
    await h.submitRaw(ADMIN, { flow: 'edit', step: 'overview', draftId: 'x', v: 'one', action: 'edit' });
    expect(h.lastText()).toContain('De kaart stuurde gegevens die ik niet kan gebruiken');
  });
});
