// Every card the bot sends, produced through the real flows, with its size in bytes.
// Prints a table (run: npx vitest run test/cards/card-sizes.test.ts) and checks the limit.
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, HELPDESK, STRANGER, createHarness } from '../helpers/bot-harness.js';
import { MAX_CARD_BYTES } from './check-card.js';

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
    } finally {
      await h.close();
    }
    for (const [, size] of sizes) expect(size).toBeLessThan(MAX_CARD_BYTES);
  });
});

afterAll(() => {
  console.log(['card sizes (bytes of card JSON):', ...sizes.map(([name, size]) => `  ${String(size).padStart(6)}  ${name}`)].join('\n'));
});
