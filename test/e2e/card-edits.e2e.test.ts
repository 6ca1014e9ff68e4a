// The live card edited in place. Webex's reference says a message with attachments cannot be
// edited (400), while public card samples see edits work: the emulator plays either
// (behaviour.cardEdits), and the bot tries an edit once and falls back for good on refusal.
import { describe, expect, it } from 'vitest';
import { EMMA, appPerTest, editEmma } from './edit-emma.js';

const startApp = appPerTest();

describe('the live card, where Webex edits cards', () => {
  it('is edited in place where Webex edits cards: one call before the reply, two per click, a whole edit in 10', async () => {
    const app = await startApp('card-edits-');
    app.h.app.emulator.behaviour.cardEdits = 'accepted';
    const { perClick, cards } = await editEmma(app);
    for (const calls of perClick) expect(calls).toEqual(['GET /v1/attachment/actions/{id}', 'PUT /v1/messages/{id}']);
    expect(new Set(cards.map((c) => c.id)).size).toBe(1); // one message, edited four times
    expect(app.store.userByEmail(EMMA)?.licenseIds).toContain('lic-adv-messaging-100101');
    expect(2 + perClick.flat().length).toBeLessThanOrEqual(11); // the command's GET + POST, then the clicks
  });
});
