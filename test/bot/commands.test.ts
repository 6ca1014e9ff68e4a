import { afterEach, describe, expect, it } from 'vitest';
import { parseCommandText, routeCommand } from '../../src/bot/commands.js';
import { parseSubmit } from '../../src/bot/payload.js';
import { RecentIds } from '../../src/bot/dedupe.js';
import { ADMIN, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';

describe('command text', () => {
  const route = (text: string) => {
    const routed = routeCommand(parseCommandText(text, ['LicenseDesk', 'License Desk']));
    return routed ? [routed.route.name, ...routed.args] : ['unknown'];
  };
  it.each([
    ['help', ['help']],
    ['  HELP  ', ['help']],
    ['@LicenseDesk help', ['help']],
    ['License Desk   licenses   Sanne', ['licenses', 'Sanne']],
    ['LicenseDesk licenses sanne.de.vries@acme.example', ['licenses', 'sanne.de.vries@acme.example']],
    ['SomeBot usage', ['usage']],
    ['SomeBot gebruik', ['usage']],
    ['SomeBot licenties Sanne', ['licenses', 'Sanne']],
    ['SomeBot zoek jan', ['find', 'jan']],
    ['Licenses', ['licenses']],
    ['external', ['external']],
    ['external add a@b.example lic-1 lic-2', ['external add', 'a@b.example', 'lic-1', 'lic-2']],
    ['External ADD a@b.example lic-1', ['external add', 'a@b.example', 'lic-1']],
    ['find  jan  de', ['find', 'jan', 'de']],
    ['find', ['unknown']],
    ['reassign levi.de.haan@acme.example', ['reassign', 'levi.de.haan@acme.example']],
    ['language NL', ['language', 'NL']],
    ['make me a sandwich', ['unknown']],
    ['', ['unknown']],
  ])('%j → %j', (text, expected) => {
    expect(route(text)).toEqual(expected);
  });
});

describe('card payload parsing', () => {
  const base = { flow: 'edit', step: 'review', draftId: 'd1', v: 3, action: 'save' };
  it('keeps routing fields and string inputs; v may come as a numeric string', () => {
    const parsed = parseSubmit({ ...base, v: '3', search: 'x' }, 'm1');
    expect(parsed).toMatchObject({ ok: true, submit: { flow: 'edit', v: 3, messageId: 'm1' } });
    if (parsed.ok) expect([...parsed.submit.inputs]).toEqual([['search', 'x']]);
  });
  it.each([
    [null, /not an object/],
    [[], /not an object/],
    [{ ...base, v: -1 }, /^v:/],
    [{ ...base, action: undefined }, /^action:/],
    [{ ...base, flow: 'x'.repeat(41) }, /^flow:/],
    [{ ...base, x: 1 }, /x: expected text, got number/],
    [{ ...base, x: ['a'] }, /x: expected text, got array/],
    [{ ...base, x: 'y'.repeat(2001) }, /longer than 2000/], // a 2001-character input
  ])('refuses payload %#', (raw, problem) => {
    const parsed = parseSubmit(raw, 'm1');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
  it('a "__proto__" input is just a key', () => {
    const raw = JSON.parse('{"flow":"edit","step":"s","draftId":"d","v":1,"action":"a","__proto__":"x"}');
    const parsed = parseSubmit(raw, 'm');
    expect(parsed.ok && parsed.submit.inputs.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('recent event ids', () => {
  it('remembers a bounded number, oldest forgotten first', () => {
    const ids = new RecentIds(2);
    expect([ids.firstTime('a'), ids.firstTime('a'), ids.firstTime('b'), ids.firstTime('c'), ids.firstTime('a')]).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('commands through the bot', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('unknown text gets a short help; find and usage answer helpdesk too', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'please do things');
    expect(h.lastText()).toContain('I did not understand that');
    expect(h.lastText()).toContain('Try: licenses, external, find <text>');
    await h.say(HELPDESK, 'find jan');
    expect(h.lastText()).toContain('Users matching "jan"');
    await h.say(HELPDESK, 'usage');
    expect(h.lastText()).toMatch(/Meeting - Webex Enterprise Edition \(acme-training.webex.com\)\n5 \/ 5 · FULL\n/);
  });

  it('the welcome card when added to a space', async () => {
    h = await createHarness();
    const { createBot } = await import('../../src/bot/index.js');
    const bot = createBot({ store: h.store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'nl' } });
    await bot.onJoined({ roomId: 'room-9', roomType: 'group' }, h.outbox);
    expect(h.lastText()).toContain('Hallo! Ik ben License Desk');
  });

  it('admins and helpdesk agents from the config count too (emails case-insensitive)', async () => {
    h = await createHarness();
    const { createBot } = await import('../../src/bot/index.js');
    const bot = createBot({ store: h.store, config: { adminEmails: ['boss@acme.example'], helpdeskEmails: [], botLocale: 'en' } });
    await bot.onMessage({ eventId: 'e1', actor: { personId: 'p-boss', email: 'Boss@Acme.example' }, roomId: 'r', roomType: 'direct', text: 'usage' }, h.outbox);
    expect(h.lastText()).toContain('License usage');
  });
});
