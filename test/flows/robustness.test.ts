// What happens when cards are old, clicked twice, clicked by someone else, or crafted.
// Every case: a clear card, and the store as it was (unless the case is a real Save).
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';
import { cardText, submitActions } from '../helpers/fake-transport.js';

let h: Harness;
afterEach(async () => h?.close());

const user = (email: string) => h.store.userByEmail(email)!;
const EMMA = 'emma.bakker@acme.example';

async function toReview(actor = ADMIN): Promise<void> {
  await h.say(actor, `licenses ${EMMA}`);
  await h.click(actor, 'Edit licenses');
  await h.click(actor, 'Choose service', { service: 'messaging' });
  await h.click(actor, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
}

const dataOf = (title: string) => submitActions(h.lastCard().card!).find((a) => a.title === title)!.data;

describe('stale, expired and repeated cards', () => {
  /** Every result card and line the bot sent after `from`, and whether any says "#0". */
  const afterSave = (from: number) => {
    const sent = h.outbox.sent.slice(from);
    const texts = sent.map((s) => s.text ?? (s.card ? cardText(s.card) : ''));
    return { results: sent.filter((s) => s.fallbackText === 'Saved: Emma Bakker'), lines: sent.filter((s) => s.text !== undefined), hashZero: texts.some((t) => t.includes('#0')) };
  };

  it('ten Save clicks one after another: one result card, one audit line, nothing more in the room', async () => {
    h = await createHarness();
    await toReview();
    const review = h.lastCard();
    const from = h.outbox.sent.length;
    await h.click(ADMIN, 'Save', {}, { card: review });
    const rev = user(EMMA).rev;
    for (let i = 0; i < 9; i++) await h.click(ADMIN, 'Save', {}, { card: review }); // new event ids
    const { results, lines, hashZero } = afterSave(from);
    expect(results).toHaveLength(1);
    expect(lines).toEqual([]);
    expect(hashZero).toBe(false);
    expect(cardText(results[0]!.card!)).toContain('The change is saved (audit #');
    expect(user(EMMA).rev).toBe(rev);
    expect(h.auditLines().filter((l) => l.action === 'license.change')).toHaveLength(1);
  });

  it('ten Save submits at the same moment (different event ids): one result card, one audit line', async () => {
    h = await createHarness();
    await toReview();
    const review = h.lastCard();
    const from = h.outbox.sent.length;
    await Promise.all(Array.from({ length: 10 }, () => h.click(ADMIN, 'Save', {}, { card: review })));
    const { results, lines, hashZero } = afterSave(from);
    expect(results).toHaveLength(1);
    expect(lines).toEqual([]);
    expect(hashZero).toBe(false);
    expect(h.auditLines().filter((l) => l.action === 'license.change')).toHaveLength(1);
    // The result card's own buttons still work after the repeats.
    await h.click(ADMIN, 'Done', {}, { card: results[0] });
    expect(h.outbox.texts().at(-1)).not.toContain('out of date');
  });

  it('Edit this user again, a second Save clicked twice: the Saved cards stay, one more result card, two audit lines', async () => {
    h = await createHarness();
    await toReview();
    await h.click(ADMIN, 'Save');
    const first = h.lastCard();
    await h.click(ADMIN, 'Edit this user again');
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'messaging' });
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'false' });
    const review = h.lastCard();
    const from = h.outbox.sent.length;
    await Promise.all([h.click(ADMIN, 'Save', {}, { card: review }), h.click(ADMIN, 'Save', {}, { card: review })]);
    const { results, lines, hashZero } = afterSave(from);
    expect(results).toHaveLength(1);
    expect(lines).toEqual([]);
    expect(hashZero).toBe(false);
    expect(h.outbox.deleted.has(first.messageId)).toBe(false);
    expect(h.auditLines().filter((l) => l.action === 'license.change')).toHaveLength(2);
  });

  it('the same event delivered twice is handled once', async () => {
    h = await createHarness();
    await toReview();
    const review = h.lastCard();
    await h.click(ADMIN, 'Save', {}, { card: review, eventId: 'evt-same' });
    const sent = h.outbox.sent.length;
    await h.click(ADMIN, 'Save', {}, { card: review, eventId: 'evt-same' });
    expect(h.outbox.sent.length).toBe(sent);
    await h.say(ADMIN, 'usage', { eventId: 'evt-msg' });
    await h.say(ADMIN, 'usage', { eventId: 'evt-msg' });
    expect(h.outbox.sent.length).toBe(sent + 1);
  });

  it('a stale card (an older step of the same draft) changes nothing and shows the current step', async () => {
    h = await createHarness();
    await h.say(ADMIN, `licenses ${EMMA}`);
    const overview = h.lastCard();
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Edit licenses', {}, { card: overview });
    expect(h.outbox.texts().at(-1)).toContain('That card was out of date');
    expect(h.lastText()).toContain('choose a service');
  });

  it('the user changed meanwhile (stale rev): nothing is saved, the card shows the fresh state', async () => {
    h = await createHarness();
    await toReview();
    const review = h.lastCard();
    // Another admin removes Emma's CX license in the meantime.
    await h.say(ADMIN2, `licenses ${EMMA}`);
    await h.click(ADMIN2, 'Edit licenses');
    await h.click(ADMIN2, 'Choose service', { service: 'cxBasic' });
    await h.click(ADMIN2, 'Apply and review', { 'lic.lic-cx-essential-100103': 'false' });
    await h.click(ADMIN2, 'Save');
    const after = user(EMMA);
    await h.click(ADMIN, 'Save', {}, { card: review });
    expect(h.lastText()).toContain('This user was changed by someone else meanwhile, so nothing was saved');
    expect(h.lastText()).not.toContain('Customer Experience - Essential');
    expect(user(EMMA)).toEqual(after);
    expect(user(EMMA).licenseIds).not.toContain('lic-adv-messaging-100101');
  });

  it('an expired draft (after 24 hours) says so and offers to start again', async () => {
    h = await createHarness();
    await toReview();
    const before = user(EMMA);
    h.clock.advance(24 * 60 * 60 * 1000 + 1);
    await h.click(ADMIN, 'Save');
    expect(h.lastText()).toContain('This card is no longer valid');
    expect(h.lastText()).toContain('Nothing was changed.');
    expect(user(EMMA)).toEqual(before);
    expect(h.store.draft('id-1')).toBeUndefined(); // the expired draft is removed
    await h.click(ADMIN, 'Start again');
    expect(h.lastText()).toContain('Edit licenses: choose a user');
  });

  it('Back on every step goes one step back; Cancel ends the wizard and deletes its card', async () => {
    h = await createHarness();
    await toReview();
    await h.click(ADMIN, 'Back');
    expect(h.lastText()).toContain('choose a service');
    expect(h.lastText()).toContain('+ Advanced Messaging');
    await h.click(ADMIN, 'Choose service', { service: 'meetings' });
    await h.click(ADMIN, 'Next: account type per site');
    await h.click(ADMIN, 'Back');
    expect(h.lastText()).toContain('Step 3 of 5: licenses'); // started at the user (no selection), Meetings has a sites step
    await h.click(ADMIN, 'Back');
    await h.click(ADMIN, 'Back');
    expect(h.lastText()).toContain('Step 1 of 5: overview');
    await h.click(ADMIN, 'Back');
    expect(h.lastText()).toContain('Step 1 of 6: choose a user'); // now the change has a selection step too
    const last = h.lastCard();
    await h.click(ADMIN, 'Cancel');
    expect(h.outbox.texts().at(-1)).toBe('Cancelled. Nothing was changed.');
    expect(h.outbox.deleted.has(last.messageId)).toBe(true);
    expect(h.auditLines().filter((l) => l.action === 'license.change')).toHaveLength(0);
    await h.click(ADMIN, 'Open', {}, { card: last });
    expect(h.lastText()).toContain('This card is no longer valid');
  });
});

describe('cards clicked by someone else', () => {
  it("another admin clicking my card is refused: the card belongs to me (audited)", async () => {
    h = await createHarness();
    await toReview();
    const before = user(EMMA);
    await h.click(ADMIN2, 'Save');
    expect(h.lastText()).toContain('This card belongs to admin@acme.example');
    expect(user(EMMA)).toEqual(before);
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: 'noor.admin@acme.example' });
  });

  it('someone without a role clicking an admin\'s card gets the refusal, from their own role', async () => {
    h = await createHarness();
    await toReview();
    await h.click(STRANGER, 'Save');
    expect(h.lastText()).toContain('Not allowed');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: 'someone@acme.example' });
  });
});

describe('crafted payloads: a clear error card, nothing changed', () => {
  const cases: [string, (d: Record<string, unknown>) => unknown, RegExp][] = [
    ['v of the wrong type', (d) => ({ ...d, v: { x: 1 } }), /The card sent data I cannot use \(v:/],
    ['missing draftId', (d) => ({ ...d, draftId: undefined }), /draftId/],
    ['an input that is not text', (d) => ({ ...d, 'lic.lic-cx-essential-100103': true }), /expected text, got boolean/],
    ['not an object', () => ['save'], /not an object/],
    ['an unknown license id', (d) => ({ ...d, step: 'licenses', action: 'review', 'lic.lic-nope': 'true' }), /out of date|did not offer/],
    ['an unknown flow', (d) => ({ ...d, flow: 'nope' }), /does not know|do not know/],
    ['a __proto__ key holding an object', (d) => JSON.parse(`{"__proto__":{"polluted":"yes"},${JSON.stringify(d).slice(1)}`), /__proto__: expected text, got object/],
    ['a __proto__ key holding text', (d) => JSON.parse(`{"__proto__":"x","constructor":"y",${JSON.stringify({ ...d, action: 'nope' }).slice(1)}`), /This step has no action "nope"/],
  ];
  for (const [name, craft, expected] of cases) {
    it(name, async () => {
      h = await createHarness();
      await toReview();
      const before = user(EMMA);
      await h.submitRaw(ADMIN, craft(dataOf('Back')));
      expect(`${h.lastText()}\n${h.outbox.texts().at(-1) ?? ''}`).toMatch(expected);
      expect(user(EMMA)).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('a license id the step did not offer (at the current version)', async () => {
    h = await createHarness();
    await h.say(ADMIN, `licenses ${EMMA}`);
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'messaging' });
    const licensesCard = h.lastCard();
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-calling-basic-100101': 'true' });
    expect(h.lastText()).toContain('The card sent "true" for "lic.lic-calling-basic-100101", which this step did not offer');
    await h.click(ADMIN, 'Apply and review', { 'lic.does-not-exist': 'true' }, { card: licensesCard });
    expect(h.lastText()).toContain('which this step did not offer');
    expect(h.store.draft('id-1')!.change.addLicenseIds).toEqual([]);
  });

  it('another user\'s draft id with my own (valid) version is refused', async () => {
    h = await createHarness();
    await toReview();
    const theirs = dataOf('Save');
    await h.say(HELPDESK, 'licenses');
    await h.submitRaw(HELPDESK, theirs);
    expect(h.lastText()).toContain('This card belongs to admin@acme.example');
    expect(user(EMMA).licenseIds).not.toContain('lic-adv-messaging-100101');
  });

  it('an error inside a handler never escapes: the person gets an error card with the event id', async () => {
    h = await createHarness();
    const store = h.store as unknown as { usage: () => never; subscriptions: () => never };
    store.subscriptions = () => {
      throw new Error('disk on fire');
    };
    await h.say(ADMIN, 'usage', { eventId: 'evt-boom' });
    expect(h.lastText()).toContain('Something went wrong on my side (reference evt-boom)');
  });
});
