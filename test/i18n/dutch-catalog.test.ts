// Issue 18, "Dutch as Control Hub speaks it": a scan of every Dutch text. The reader is "u"
// (never je/jij/jouw/jullie), product names stay as Control Hub shows them, Control Hub's
// terms are used, and every command a text names is one the bot routes, in the reader's words.
import { describe, expect, it } from 'vitest';
import { COMMAND_ROUTES, parseCommandText, routeCommand, shownCommand } from '../../src/bot/commands.js';
import type { Locale } from '../../src/domain/index.js';
import { catalogs, t } from '../../src/i18n/index.js';

const dutch = Object.entries(catalogs.nl);

describe('the Dutch catalog', () => {
  it('has the same keys as the English one', () => {
    expect(Object.keys(catalogs.nl).sort()).toEqual(Object.keys(catalogs.en).sort());
  });

  it('addresses the reader as u: no je, jij, jouw or jullie', () => {
    const informal = dutch.filter(([, text]) => /\b(je|jij|jouw|jullie)\b/i.test(text)).map(([key, text]) => `${key}: ${text}`);
    expect(informal).toEqual([]);
  });

  it('writes "Uw" with a capital only at the start of a sentence', () => {
    const capitalised = dutch.filter(([, text]) => /(^|[^.!?]\s+)Uw\b/.test(text.replace(/^Uw\b/, ''))).map(([key]) => key);
    expect(capitalised).toEqual([]);
    const lowerAtStart = dutch.filter(([, text]) => /(^|[.!?]\s+)uw\b/.test(text)).map(([key]) => key);
    expect(lowerAtStart).toEqual([]);
  });

  it('keeps the product names: License Desk, Customer Experience Essentials (not the seed\'s machine translation)', () => {
    const offenders = dutch.filter(([, text]) => /licentiebalie|\bbalie\b|\bde desk\b|Basisbeginselen|klantervaring/i.test(text)).map(([key]) => key);
    expect(offenders).toEqual([]);
    expect(t('nl', 'help.title')).toBe('License Desk: wat ik doe');
    expect(t('nl', 'service.cxBasic')).toBe('Customer Experience Essentials');
    expect(t('nl', 'R4.standard-with-cx', { user: 'Alice', standard: 'S', cx: 'C' })).toContain('de licentie Customer Experience Essentials niet toewijzen aan een gebruiker');
  });

  it("uses Control Hub's terms", () => {
    const offenders = dutch.filter(([, text]) => /aanzet|aangezet|uitzet|uitgezet|\bVOL\b|\bvolle licentie/i.test(text)).map(([key]) => key);
    expect(offenders).toEqual([]);
    expect(t('nl', 'usage.full')).toBe('Geen licenties meer beschikbaar');
    expect(t('nl', 'licenses.intro.default')).toContain('Schakel licenties per abonnement in of uit');
    expect(t('nl', 'history.count', { from: 1, to: 10, total: 12 })).toBe('Wijzigingen 1–10 van 12, nieuwste eerst');
    expect(t('nl', 'requests.line', { id: 'REQ-1', user: 'Tom', status: 'open', requester: 'hd@acme.example', date: '2026-01-01', reason: 'x' })).toContain(
      'aangevraagd door hd@acme.example',
    );
  });

  it('says an approval was an administrator\'s, never the requester\'s', () => {
    for (const key of ['request.outcome.approved', 'request.outcome.failed', 'request.decided.approved', 'request.decided.failed']) {
      expect(t('nl', key, { id: 'REQ-1', user: 'Tom', by: 'boss@acme.example' }), key).toMatch(/door beheerder boss@acme\.example/);
    }
  });
});

/** Commands a text names: `…` spans, and what follows "Typ:"/"Type:" (up to the full stop, split at "of"/"or"). */
function commandsIn(text: string): string[] {
  const quoted = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const typed = [...text.matchAll(/\bTyp(?:e)?: ([^.]+)\./g)].flatMap((m) => m[1]!.split(/ (?:of|or) /));
  return [...quoted, ...typed].filter((c) => !c.startsWith('{'));
}

describe.each(['en', 'nl'] as const)('commands named in the %s texts', (locale: Locale) => {
  const named = Object.entries(catalogs[locale]).flatMap(([key, text]) => commandsIn(text).map((command) => ({ key, command })));

  it('finds some', () => {
    expect(named.length).toBeGreaterThan(10);
  });

  it.each(named)('$key: `$command` is a command, in the reader\'s words', ({ command }) => {
    // A request's number where the text names one ({first}, {id}: R-1), else an email.
    const text = command.replace(/\{(first|id)\}/g, 'R-1').replace(/\{\w+\}/g, 'x@acme.example').replace(/<[^>]+>/g, 'x');
    const routed = routeCommand(parseCommandText(text));
    expect(routed, command).toBeDefined();
    const words = shownCommand(routed!.route, locale);
    expect(text === words || text.startsWith(`${words} `), `${command} should start with ${words}`).toBe(true);
  });
});

describe('the command table', () => {
  it.each(COMMAND_ROUTES.map((route) => [route.name, route] as const))('%s: its Dutch and English words route to it', (_name, route) => {
    for (const locale of ['en', 'nl'] as const) {
      // "ik heb <licentie> nodig": the Dutch phrase ends after its argument.
      const text = `${shownCommand(route, locale)} x@acme.example${route.name === 'I need' && locale === 'nl' ? ' nodig' : ''}`;
      const args = route.name === 'role' ? shownCommand(route, locale) : text;
      expect(routeCommand(parseCommandText(args))?.route.name, `${locale} ${args}`).toBe(route.name);
    }
  });
});
