// Every card the bot sends, produced through the real flows, with its size in bytes.
// Prints a table (run: npx vitest run test/cards/card-sizes.test.ts) and checks the limits:
// size, version 1.3, at most 5 actions, only the action types Webex's web widget runs.
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, STRANGER, createHarness } from '../helpers/bot-harness.js';
import { MAX_ACTIONS, MAX_CARD_BYTES, WEBEX_ACTION_TYPES } from './check-card.js';
import { walk } from '../helpers/cards.js';

const sizes: [string, number][] = [];

describe('card sizes through the flows', () => {
  it('measures each card', async () => {
    const h = await createHarness();
    const measure = (name: string) => {
      const card = h.lastCard().card!;
      sizes.push([name, Buffer.byteLength(JSON.stringify(card), 'utf8')]);
    };
    try {
      await h.say(ADMIN, 'help');
      measure('help');
      await h.say(ADMIN, 'usage');
      measure('usage');
      await h.say(ADMIN, 'find a');
      measure('find (user-list)');
      await h.say(ADMIN, 'licenses');
      measure('wizard 1: user selection, 25 users (user-select)');
      await h.say(ADMIN, 'licenses anouk.van.leeuwen@acme.example');
      measure('wizard 2: overview (user-overview)');
      await h.click(ADMIN, 'Edit licenses');
      measure('wizard 3: service choice (service-choice)');
      await h.click(ADMIN, 'Choose service', { service: 'calling' });
      measure('wizard 4: Calling licenses (service-licenses)');
      await h.click(ADMIN, 'Back');
      await h.click(ADMIN, 'Choose service', { service: 'meetings' });
      measure('wizard 4: Meetings licenses (service-licenses)');
      await h.click(ADMIN, 'Next: account type per site');
      measure('wizard 5: account type per site (site-accounts)');
      await h.click(ADMIN, 'Apply and review', { 'site.acme-events.webex.com': 'attendee' });
      measure('wizard 6: review (review)');
      await h.click(ADMIN, 'Save');
      measure('wizard 7: result (result)');
      await h.say(ADMIN, 'external');
      measure('external list (user-select)');
      await h.say(ADMIN, 'external j.smith@partnerco.example');
      measure('external user (external-user)');
      await h.say(ADMIN, 'external lena.fischer@contoso-consult.example');
      measure('external pending user, R8 (external-user)');
      await h.click(ADMIN, 'Delete user');
      measure('delete confirmation (message)');
      await h.say(ADMIN, 'reassign levi.de.haan@acme.example');
      measure('reassign confirmation (message)');
      await h.say(STRANGER, 'usage');
      measure('refusal (message)');
      await h.say(HELPDESK, 'licenses');
      await h.submitRaw(HELPDESK, { flow: 'edit' });
      measure('error (message)');
      // A helpdesk request and its approval card, the request list and a history.
      await h.say(HELPDESK, 'licenses emma.bakker@acme.example');
      await h.click(HELPDESK, 'Edit licenses');
      await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
      await h.click(HELPDESK, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
      await h.click(HELPDESK, 'Submit request', { reason: 'Emma moves to the support team' });
      await h.say(ADMIN, 'requests');
      await h.say(ADMIN, 'history anouk.van.leeuwen@acme.example');
      measure('history (history)');
      // Every card of the run, measured or not.
      for (const sent of h.outbox.cards()) {
        const types: string[] = [];
        walk(sent.card, (node) => {
          if (typeof node.type === 'string' && node.type.startsWith('Action.')) types.push(node.type);
        });
        expect(sent.card!.version, sent.fallbackText).toBe('1.3');
        expect(types.length, sent.fallbackText).toBeLessThanOrEqual(MAX_ACTIONS);
        expect(types.filter((t) => !WEBEX_ACTION_TYPES.has(t)), sent.fallbackText).toEqual([]);
      }
    } finally {
      await h.close();
    }
    for (const [, size] of sizes) expect(size).toBeLessThan(MAX_CARD_BYTES);
  });
});

afterAll(() => {
  console.log(['card sizes (bytes of card JSON):', ...sizes.map(([name, size]) => `  ${String(size).padStart(6)}  ${name}`)].join('\n'));
});
