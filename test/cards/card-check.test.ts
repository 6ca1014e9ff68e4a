import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARD_NAMES, CARDS_DIR, cardSize, renderCard, type CardName } from '../../src/cards/index.js';
import { cardProblems } from './check-card.js';

const sample = (name: CardName): never =>
  JSON.parse(readFileSync(`${CARDS_DIR}samples/${name}.data.json`, 'utf8')) as never;

describe('card templates with their sample data', () => {
  it('every template in /cards has a name in CARD_NAMES and a sample', () => {
    const files = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...CARD_NAMES].sort());
    const samples = readdirSync(`${CARDS_DIR}samples`).map((f) => f.replace(/\.data\.json$/, ''));
    expect(samples.sort()).toEqual([...CARD_NAMES].sort());
  });

  for (const name of CARD_NAMES) {
    it(`${name} renders within Webex's limits`, () => {
      const { card, fallbackText } = renderCard(name, sample(name));
      expect(cardProblems(card)).toEqual([]);
      expect(card.version).toBe('1.3');
      expect(fallbackText.length).toBeGreaterThan(0);
      console.log(`card ${name}: ${cardSize(card)} bytes`);
    });
  }

  it('a missing data field is an error, not a "${field}" on screen', () => {
    const data: Record<string, unknown> = { ...(sample('message') as object) };
    delete data.text;
    expect(() => renderCard('message', data as never)).toThrow(/missing text/);
  });

  it('the checker catches what Webex refuses', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'a' },
        { type: 'Bogus' },
        { type: 'Input.ChoiceSet', id: 'a', style: 'filtered', choices: [] },
      ],
      actions: Array.from({ length: 5 }, (_, i) => ({ type: 'Action.Submit', title: `x${i}` })).concat([
        { type: 'Action.Execute', title: 'run' },
      ]),
    };
    const problems = cardProblems(bad).join('\n');
    expect(problems).toMatch(/version 1.5/);
    expect(problems).toMatch(/6 actions/);
    expect(problems).toMatch(/duplicate input ids: a/);
    expect(problems).toMatch(/filtered/);
    expect(problems).toMatch(/action type Action.Execute/);
    expect(problems).toMatch(/parse: UnknownElementType/);
  });

  it('the checker refuses the actions Webex’s web widget does not run, and a card not at version 1.3', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.2',
      body: [{ type: 'TextBlock', text: 'x', id: 't', selectAction: { type: 'Action.ToggleVisibility', targetElements: ['t'] } }],
      actions: [
        { type: 'Action.Submit', title: 'ok' },
        { type: 'Action.OpenUrl', title: 'docs', url: 'https://example.com/' },
        { type: 'Action.ShowCard', title: 'more', card: { type: 'AdaptiveCard', body: [] } },
      ],
    };
    const problems = cardProblems(card).join('\n');
    expect(problems).toMatch(/version 1.2 is not "1.3"/);
    expect(problems).toMatch(/action type Action.ShowCard/);
    expect(problems).toMatch(/action type Action.ToggleVisibility/);
    expect(problems).not.toMatch(/action type Action.(Submit|OpenUrl)/);
  });
});

describe('the fake transport checks every card a flow sends', () => {
  it('refuses and remembers a card Webex would refuse', async () => {
    const { FakeOutbox } = await import('../helpers/fake-transport.js');
    const outbox = new FakeOutbox();
    await expect(outbox.sendCard('r', { card: { type: 'AdaptiveCard', version: '1.4', body: [] }, fallbackText: 'x' })).rejects.toThrow(/version 1.4/);
    expect(outbox.cardProblems).toHaveLength(1);
  });
});
