// Issue 18, forgiving commands and privacy: near misses and British/Dutch spellings answer
// "Did you mean …?" with a button that runs the command (authorized for whoever clicks);
// an unknown user answers with the nearest users; refusals name nobody in a group space;
// help speaks to the role.
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommandText, suggestCommand } from '../../src/bot/commands.js';
import { editDistance, nearMiss } from '../../src/flows/index.js';
import { submitActions } from '../helpers/fake-transport.js';
import { ADMIN, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';

let h: Harness;
afterEach(async () => h?.close());

const buttons = (h: Harness) => submitActions(h.lastCard().card!).map((a) => a.title);
const refusals = (h: Harness) => h.auditLines().filter((l) => l.action === 'auth.refused').length;

describe('edit distance (Damerau–Levenshtein, optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['history', 'histroy', 1], // a swap of neighbours is one edit
    ['export', 'exprot', 1],
    ['licenses', 'lisences', 2],
    ['licenties', 'licentis', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // OSA, not full Damerau: no edit of a swapped pair
  ])('%j ↔ %j = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
  it('stops early above a maximum', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
  });
  it('allows fewer edits for short words: none up to 3 letters, 1 up to 5, then 2', () => {
    expect(nearMiss('rol', 'role')).toBeUndefined();
    expect(nearMiss('usag', 'usage')).toBe(1);
    expect(nearMiss('uasge', 'usage')).toBe(1);
    expect(nearMiss('ugase', 'usage')).toBeUndefined();
    expect(nearMiss('lisences', 'licenses')).toBe(2);
    expect(nearMiss('usage', 'usage')).toBeUndefined(); // the word itself is no near miss
  });
});

describe('suggestCommand', () => {
  const suggest = (text: string, role: 'admin' | 'helpdesk', locale: 'en' | 'nl' = 'en') => suggestCommand(parseCommandText(text), role, locale);
  // Either language's near miss; the suggestion shows the reader's words (English, or Dutch where Dutch has its own).
  it.each([
    ['lisences tom', 'licenses tom', 'licenties tom'],
    ['licentis', 'licenses', 'licenties'],
    ['histroy emma.bakker@acme.example', 'history emma.bakker@acme.example', 'geschiedenis emma.bakker@acme.example'],
    ['exprot', 'export', 'export'],
    ['uasge', 'usage', 'gebruik'],
    ['gebriuk', 'usage', 'gebruik'],
    ['verzoeekn', 'requests', 'verzoeken'],
    ['rol remvoe x@acme.example', 'role remove x@acme.example', 'rol remove x@acme.example'],
    ['audit verfy', 'audit verify', 'audit verify'],
    ['externl add a@b.example Webex', 'external add a@b.example Webex', 'extern add a@b.example Webex'],
  ])('admin: %j → %j in English, %j in Dutch', (text, english, dutch) => {
    expect(suggest(text, 'admin', 'en')).toBe(english);
    expect(suggest(text, 'admin', 'nl')).toBe(dutch);
  });
  it('never suggests a command the role may not use', () => {
    expect(suggest('exprot', 'helpdesk')).toBeUndefined();
    expect(suggest('reasign x@acme.example', 'helpdesk')).toBeUndefined();
    expect(suggest('audit verfy', 'helpdesk')).toBeUndefined();
    expect(suggest('uasge', 'helpdesk')).toBe('usage');
  });
  it('suggests nothing for text far from every command', () => {
    expect(suggest('make me a sandwich', 'admin')).toBeUndefined();
  });
});

describe('forgiving commands through the fake transport', () => {
  it('"licence" and "licences" (British spelling) are accepted directly', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licence emma.bakker@acme.example');
    expect(h.lastText()).toContain('emma.bakker@acme.example');
    expect(h.lastText()).not.toContain('Did you mean');
    await h.say(ADMIN, 'licences');
    expect(h.lastText()).not.toContain('I did not understand');
  });

  it('"lisences <email>" suggests `licenses <email>`; its button opens the user', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'lisences emma.bakker@acme.example');
    expect(h.lastText()).toContain('Did you mean `licenses emma.bakker@acme.example`?');
    expect(buttons(h)).toEqual(['licenses emma.bakker@acme.example']);
    await h.click(ADMIN, 'licenses emma.bakker@acme.example');
    expect(h.lastText()).toContain('Emma Bakker');
    expect(h.lastText()).not.toContain('Did you mean');
  });

  it('"licentis" (Dutch near miss) suggests `licenties` in Dutch, `licenses` in English; its button starts the wizard', async () => {
    h = await createHarness();
    await h.say(HELPDESK, 'licentis');
    expect(h.lastText()).toContain('Did you mean `licenses`?');
    await h.say(HELPDESK, 'language nl');
    await h.say(HELPDESK, 'licentis');
    expect(h.lastText()).toContain('Bedoelde u `licenties`?');
    await h.click(HELPDESK, 'licenties');
    expect(h.lastText()).not.toContain('Bedoelde u');
    expect(submitActions(h.lastCard().card!).length).toBeGreaterThan(0);
  });

  it('a helpdesk agent is never offered an admin-only command', async () => {
    h = await createHarness();
    await h.say(HELPDESK, 'exprot');
    expect(h.lastText()).toContain('I did not understand');
    expect(buttons(h)).toEqual([]);
    await h.say(ADMIN, 'exprot');
    expect(buttons(h)).toEqual(['export']);
  });

  it('a suggestion button is authorized for whoever clicks it (R11 on every submit)', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'exprot');
    const card = h.lastCard();
    const before = refusals(h);
    await h.click(HELPDESK, 'export', {}, { card });
    expect(h.lastText()).toContain('Only administrators can use "export"');
    await h.click(STRANGER, 'export', {}, { card });
    expect(h.lastText()).toContain('Not allowed');
    expect(refusals(h)).toBe(before + 2);
    expect(h.outbox.texts().some((t) => t.includes('.csv'))).toBe(false);
  });
});

describe('an unknown user: the nearest users, as buttons', () => {
  it('a mistyped email in `licenses` offers the nearest users; a click opens one', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses emma.baker@acme.example');
    expect(h.lastText()).toContain('No user matches "emma.baker@acme.example"');
    expect(buttons(h)[0]).toBe('Emma Bakker');
    expect(buttons(h).length).toBeLessThanOrEqual(5);
    await h.click(ADMIN, 'Emma Bakker');
    expect(h.lastText()).toContain('emma.bakker@acme.example');
    expect(h.lastText()).not.toContain('No user matches');
  });

  it('`history` and `reassign` do the same; a name matching several users lists them', async () => {
    h = await createHarness();
    await h.say(HELPDESK, 'history tom.de.bore@acme.example');
    expect(buttons(h)).toContain('Tom de Boer');
    await h.click(HELPDESK, 'Tom de Boer');
    expect(h.lastText()).not.toContain('No user matches');
    await h.say(ADMIN, 'reassign levi.de.hann');
    expect(buttons(h)[0]).toBe('Levi de Haan');
    await h.say(ADMIN, 'history de');
    expect(h.lastText()).toContain('"de" matches more than one user');
    expect(buttons(h).length).toBe(5);
  });

  it('nothing near: still "not found"', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'history qqqqqqqqqq@nowhere.example');
    expect(h.lastText()).toContain('No user matches');
    expect(buttons(h)).toEqual([]);
  });
});

describe('privacy: who to ask', () => {
  it('a no-role refusal in a group space names nobody', async () => {
    h = await createHarness();
    await h.say(STRANGER, 'licenses', { roomType: 'group' });
    expect(h.lastText()).toContain('Not allowed');
    expect(h.lastText()).toContain('Ask an administrator of this desk');
    expect(h.lastText()).not.toContain('@');
    await h.say(STRANGER, 'help', { roomType: 'group' });
    expect(h.lastText()).not.toContain('@');
  });

  it('a click in a space the transport did not name counts as a group space', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'uasge');
    await h.submitRaw(STRANGER, { flow: 'suggest', step: 'start', draftId: '', v: 0, action: 'run', command: 'usage' });
    expect(h.lastText()).toContain('Not allowed');
    expect(h.lastText()).not.toContain('@');
  });

  it('in a 1:1 it names at most five administrators, then "and N more"', async () => {
    h = await createHarness();
    await h.say(STRANGER, 'usage');
    expect(h.lastText()).toContain('admin@acme.example, noor.admin@acme.example');
    for (let i = 1; i <= 5; i++) await h.say(ADMIN, `role add admin extra${i}@acme.example`);
    await h.say(STRANGER, 'usage');
    expect(h.lastText()).toMatch(/Ask an administrator for access: (\S+@acme\.example, ){4}\S+@acme\.example and 2 more\./);
  });
});

describe('help per role', () => {
  it('an administrator sees every command, in edit words', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'help');
    expect(h.lastText()).toContain('Edit a user\'s licenses');
    expect(h.lastText()).toContain('export');
    expect(h.lastText()).toContain('role add admin|helpdesk <email>');
  });

  it('a helpdesk agent sees only their commands, in request words', async () => {
    h = await createHarness();
    await h.say(HELPDESK, 'help');
    const text = h.lastText();
    expect(text).toContain('Request a change to a user\'s licenses');
    expect(text).not.toContain('Edit a user\'s licenses');
    expect(text).not.toMatch(/^export$|role add|audit verify|reassign/m);
    expect(text).toContain('Your requests');
  });

  it('a person without a role sees a short card: what the desk is, that they need a role, who to ask', async () => {
    h = await createHarness();
    const before = refusals(h);
    await h.say(STRANGER, 'help');
    const text = h.lastText();
    expect(text).toContain('You do not have a role on this desk yet');
    expect(text).toContain('admin@acme.example'); // a 1:1: who the administrators are
    expect(text).not.toContain('licenses [email or name]');
    expect(refusals(h)).toBe(before);
  });

  it('the welcome card in a group space shows the general commands, nothing admin-only, and names nobody', async () => {
    h = await createHarness();
    const { createBot } = await import('../../src/bot/index.js');
    const bot = createBot({ store: h.store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en' } });
    await bot.onJoined({ roomId: 'room-9', roomType: 'group' }, h.outbox);
    const text = h.lastText();
    expect(text).toContain('Hello! I am the license desk');
    expect(text).toContain('administrators change them, helpdesk agents request a change');
    expect(text).not.toMatch(/role add|audit verify|export|reassign/);
    expect(text).not.toContain('@');
  });
});
