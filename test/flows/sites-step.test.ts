// The sites step on a phone: the rules' reasons (R6 TAC advice, R7 site administrator, host
// full) only on a site where the user holds or gets something; elsewhere one short line.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';
import { walk } from '../helpers/cards.js';

let h: Harness;
afterEach(async () => h?.close());

type Json = Record<string, unknown>;

async function openSites(email: string, nl = false): Promise<string> {
  await h.say(ADMIN, `licenses ${email}`);
  await h.click(ADMIN, nl ? 'Licenties bewerken' : 'Edit licenses');
  await h.click(ADMIN, nl ? 'Service kiezen' : 'Choose service', { service: 'meetings' });
  await h.click(ADMIN, nl ? 'Volgende: accounttype per site' : 'Next: account type per site');
  return h.lastText();
}

/** The site inputs of the last card, by site url, with their choices' values. */
function siteInputs(): Record<string, { value: unknown; choices: string[] }> {
  const inputs: Record<string, { value: unknown; choices: string[] }> = {};
  walk(h.lastCard().card, (node) => {
    if (node.type === 'Input.ChoiceSet' && String(node.id).startsWith('site.')) {
      inputs[String(node.id).slice('site.'.length)] = { value: node.value, choices: (node.choices as Json[]).map((c) => String(c.value)) };
    }
  });
  return inputs;
}

/** Three more units of acme.webex.com's Meetings license in use: 24 of 24, full. */
async function fillAcmeSite(): Promise<void> {
  const mutations = ['mateo.garcia@acme.example', 'tom.de.boer@acme.example', 'carlos.mendes@acme.example'].map((email) => {
    const user = h.store.userByEmail(email)!;
    return { type: 'user.assign' as const, userId: user.id, expectedRev: user.rev, licenseIds: [...user.licenseIds, 'lic-meetings-acme-100102'], attendeeOf: user.attendeeOf };
  });
  await h.store.commit({ mutations, audit: [] });
}

describe('the sites step fits a phone', () => {
  it('a user with nothing on the sites: no rules advice, one short line where something is not offered', async () => {
    h = await createHarness();
    const text = await openSites('mateo.garcia@acme.example');
    // The training site offers neither host (5 / 5 used) nor attendee (R6): no choice, its name and one line.
    expect(text).toContain('acme-training.webex.com\nHost and attendee not available on this site');
    expect(Object.keys(siteInputs()).sort()).toEqual(['acme-events.webex.com', 'acme.webex.com']);
    expect(siteInputs()['acme.webex.com']).toEqual({ value: 'none', choices: ['none', 'host', 'attendee'] });
    expect(text).not.toContain('TAC');
    expect(text).not.toContain('Host is not available');
    expect(text).not.toContain('site administrator');
    // Choosing nothing there still works: the other sites' choices are applied.
    await h.click(ADMIN, 'Apply and review', { 'site.acme-events.webex.com': 'attendee' });
    expect(h.lastText()).toContain('+ Attendee on acme-events.webex.com');
  });

  it('a host on a site without the attendee feature gets the TAC advice (R6) there', async () => {
    h = await createHarness();
    const text = await openSites('sem.smits@acme.example');
    expect(siteInputs()['acme-training.webex.com']).toEqual({ value: 'host', choices: ['none', 'host'] });
    expect(text).toContain('Contact the Cisco Technical Assistance Center (TAC) to enable attendee accounts on acme-training.webex.com');
  });

  it('a site administrator who is host there gets the R7 advice; a site where the admin is nothing gets a short line', async () => {
    h = await createHarness();
    const text = await openSites('sanne.de.vries@acme.example');
    expect(text).toContain("Remove Sanne de Vries's site administrator role on acme.webex.com first");
    expect(text).toContain('acme-training.webex.com\nHost and attendee not available on this site');
    expect(text).not.toContain('TAC');
  });

  it('host full: an attendee on the site is told which license, with its subscription, has no free unit', async () => {
    h = await createHarness();
    await fillAcmeSite();
    const text = await openSites('milan.de.groot@acme.example');
    expect(siteInputs()['acme.webex.com']).toEqual({ value: 'attendee', choices: ['none', 'attendee'] });
    expect(text).toContain(
      'Host is not available on acme.webex.com: Meeting - Webex Enterprise Edition (acme.webex.com) · Sub-100102 has no free unit (24 of 24 used).',
    );
    expect(text).not.toContain("the site's Meetings license");
  });

  it('host full, in Dutch', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await fillAcmeSite();
    const text = await openSites('milan.de.groot@acme.example', true);
    expect(text).toContain(
      'Host is niet beschikbaar op acme.webex.com: voor Meeting - Webex Enterprise Edition (acme.webex.com) · Sub-100102 zijn geen licenties meer beschikbaar (24 van 24 in gebruik).',
    );
    expect(text).toContain('acme-training.webex.com\nHost en deelnemer niet beschikbaar op deze site');
  });

  it('a site where only attendee is missing says so in one line', async () => {
    h = await createHarness();
    const text = await openSites('admin@acme.example'); // site administrator of every site (R7), host on acme.webex.com only
    expect(text).toMatch(/acme-events\.webex\.com[\s\S]*Attendee not available on this site/);
    expect(siteInputs()['acme-events.webex.com']).toEqual({ value: 'none', choices: ['none', 'host'] });
  });
});
