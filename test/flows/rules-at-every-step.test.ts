// Issue 18: the rules speak at every step. A pending external user is refused at the
// overview; a way out the card offered is checked against what the rules offer now; a hint
// never sits next to a refusal that makes it moot.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';
import { verdictSections } from '../../src/flows/verdict-sections.js';
import type { Verdict } from '../../src/rules/index.js';

let h: Harness;
afterEach(async () => h?.close());

const PENDING = 'lena.fischer@contoso-consult.example';
const actionTitles = () => (h.lastCard().card as { actions: Array<{ title: string }> }).actions.map((a) => a.title);

describe('the rules at every step', () => {
  it('R8: a pending external user is refused at the overview, with the way out for an admin (delete, then add again)', async () => {
    h = await createHarness();
    await h.say(ADMIN, `licenses ${PENDING}`);
    expect(h.lastText()).toContain('whose status is Pending, so their licenses cannot be changed');
    expect(actionTitles()).toEqual(['Delete this pending user', 'Back', 'Cancel']);
    await h.click(ADMIN, 'Delete this pending user');
    expect(h.lastText()).toContain('Delete user'); // the external users flow, at this user
    expect(h.store.userByEmail(PENDING)).toBeDefined(); // nothing deleted without its own confirmation
  });

  it('R8: a helpdesk agent sees the refusal without a delete button; a crafted Edit shows the overview again', async () => {
    h = await createHarness();
    await h.say(HELPDESK, `licenses ${PENDING}`);
    expect(h.lastText()).toContain('cannot be changed');
    expect(actionTitles()).toEqual(['Back', 'Cancel']);
    const overview = h.lastCard();
    const data = JSON.parse(JSON.stringify(overview.card)).actions[0].data;
    await h.submitRaw(HELPDESK, { ...data, action: 'edit' }, { messageId: overview.messageId });
    expect(h.lastText()).toContain('cannot be changed');
    expect(h.lastText()).not.toContain('choose a service');
  });

  it('R1: a user holding two Calling licenses (synced that way): "Keep … only" keeps exactly that one, whatever the tier input says', async () => {
    h = await createHarness();
    const tom = h.store.userByEmail('tom.de.boer@acme.example')!;
    await h.store.commit({ mutations: [{ type: 'user.assign', userId: tom.id, expectedRev: tom.rev, licenseIds: [...tom.licenseIds, 'lic-calling-pro-100101'], attendeeOf: tom.attendeeOf }] });
    await h.say(ADMIN, 'licenses tom.de.boer@acme.example');
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'calling' });
    expect(h.lastText()).toContain('cannot have both');
    await h.click(ADMIN, 'Keep Webex Calling - Basic only', { tier: 'lic-calling-pro-100101' }); // the tier input says Professional
    expect(h.lastText()).not.toContain('Cannot be saved');
    await h.click(ADMIN, 'Apply and review');
    expect(h.lastText()).toContain('− Webex Calling - Professional');
    expect(h.lastText()).not.toContain('− Webex Calling - Basic');
  });

  it('a way out the rules no longer offer (a crafted or outdated button) changes nothing and says so', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses tom.de.boer@acme.example');
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'cxBasic' });
    await h.click(ADMIN, 'Another service', { 'lic.lic-cx-essential-100103': 'true' });
    const card = h.lastCard();
    const wayOut = JSON.parse(JSON.stringify(card.card)).actions[0].data;
    expect(wayOut.wayOut).toMatch(/^R4\.standard-with-cx\|switch-to-professional\|/);
    const draftBefore = h.store.draft(wayOut.draftId)!.change;
    await h.submitRaw(ADMIN, { ...wayOut, wayOut: 'R4.standard-with-cx|switch-to-professional|+lic-calling-pro-999|-lic-calling-basic-100101' }, { messageId: card.messageId });
    expect(h.lastText()).toContain('That way out no longer applies');
    expect(h.store.draft(wayOut.draftId)!.change).toEqual(draftBefore);
  });

  it('a refused change shows no hint the refusal makes moot ("Good to know"); an accepted one does', () => {
    const verdict = (violations: Verdict['violations']): Verdict => ({
      ok: violations.length === 0,
      violations,
      autoChanges: [],
      notices: [{ rule: 'R10', code: 'R10.calling-settings-hint', params: { user: 'Tom de Boer', license: 'Webex Calling - Professional' } }],
      result: { licenseIds: [], attendeeOf: [] },
      calling: undefined,
      diff: { addedLicenseIds: ['lic-calling-pro-100101'], removedLicenseIds: [], addedAttendeeSites: [], removedAttendeeSites: [] },
    });
    const titles = (v: Verdict) => verdictSections({ locale: 'en' }, { verdict: v, labels: new Map(), accountTypes: [], mayReassign: true }).map((s) => s.title);
    expect(titles(verdict([]))).toContain('Good to know');
    const refused = titles(verdict([{ rule: 'R12', code: 'R12.no-free-unit', params: { license: 'X', used: 5, total: 5 } }]));
    expect(refused).toContain('Cannot be saved');
    expect(refused).not.toContain('Good to know');
  });
});
