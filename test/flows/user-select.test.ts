// The user selection step on a phone: a long page of users is a dropdown (compact choice),
// a short one stays radio buttons; search, Previous / Next and Open work either way.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';
import { walk } from '../helpers/cards.js';

let h: Harness;
afterEach(async () => h?.close());

type Json = Record<string, unknown>;

/** The card's user choice (input id userId). */
function userChoice(): Json {
  let found: Json | undefined;
  walk(h.lastCard().card, (node) => {
    if (node.type === 'Input.ChoiceSet' && node.id === 'userId') found = node;
  });
  if (!found) throw new Error('the card has no user choice');
  return found;
}
const choiceValues = (choice: Json) => (choice.choices as { value: string }[]).map((c) => c.value);

/** The demo org's 50 users and 10 external ones added through the bot: 60 in all. */
async function sixtyUsers(): Promise<void> {
  h = await createHarness();
  for (let i = 0; i < 10; i++) {
    await h.say(ADMIN, `external add guest${i}@partner.example lic-messaging-100101`);
    expect(h.lastText()).toContain(`guest${i}@partner.example`);
  }
  expect(h.store.userCount()).toBe(60);
}

describe('user selection fits a phone', () => {
  it('a list of 60 users pages as a compact choice; Previous, Next and Open work', async () => {
    await sixtyUsers();
    await h.say(ADMIN, 'licenses');
    expect(h.lastText()).toContain('Users 1–25 of 60');
    const first = userChoice();
    expect(first).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', placeholder: 'Choose a user', value: '' });
    expect(choiceValues(first)).toHaveLength(25);

    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toContain('Users 26–50 of 60');
    expect(userChoice().style).toBe('compact');
    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toContain('Users 51–60 of 60');
    const last = userChoice();
    expect(last.style).toBe('compact'); // 10 users: still more than a phone shows as radios
    expect(choiceValues(last)).toHaveLength(10);
    expect(h.lastText()).not.toMatch(/\nNext\n/);
    await h.click(ADMIN, 'Previous');
    expect(h.lastText()).toContain('Users 26–50 of 60');

    // Nothing is preselected: Open without a choice asks for one.
    await h.click(ADMIN, 'Open');
    expect(h.lastText()).toContain('Choose a user in the list first, then click Open.');
    await h.say(ADMIN, 'licenses');
    const chosen = choiceValues(userChoice())[3]!;
    await h.click(ADMIN, 'Open', { userId: chosen });
    const user = h.store.user(chosen)!;
    expect(h.lastText()).toContain(user.email);
    expect(h.lastText()).toContain('Edit licenses');
  });

  it('a search with more than 8 matches is compact; one with 8 or fewer stays radio buttons', async () => {
    await sixtyUsers();
    await h.say(ADMIN, 'licenses');
    await h.click(ADMIN, 'Search', { search: 'guest' });
    expect(h.lastText()).toContain('Users 1–10 of 10');
    expect(userChoice().style).toBe('compact');
    await h.click(ADMIN, 'Search', { search: 'guest1' });
    expect(h.lastText()).toContain('Users 1–1 of 1');
    expect(userChoice().style).toBe('expanded');
    expect(choiceValues(userChoice())).toHaveLength(1);
    await h.click(ADMIN, 'Open'); // a single match is preselected
    expect(h.lastText()).toContain('guest1@partner.example');
  });

  it('the external list is compact too once it is longer than 8', async () => {
    await sixtyUsers();
    await h.say(ADMIN, 'external');
    const choice = userChoice();
    expect(choiceValues(choice).length).toBeGreaterThan(8);
    expect(choice.style).toBe('compact');
  });
});
