// The live card where Webex refuses to edit it (as its reference says): the bot tries one
// edit, then sends and deletes for the rest of the process. (The SDK loads once per process,
// so this is a file of its own; card-edits.e2e.test.ts plays the other side.)
import { describe, expect, it } from 'vitest';
import { appPerTest, editEmma } from './edit-emma.js';

const startApp = appPerTest();

describe('the live card, where Webex refuses to edit it', () => {
  it('falls back for good when Webex refuses the edit, as its reference says: one refused PUT, then send and delete', async () => {
    const app = await startApp('card-edits-refused-');
    const { perClick, room } = await editEmma(app);
    expect(perClick[0]).toEqual(['GET /v1/attachment/actions/{id}', 'PUT /v1/messages/{id}', 'POST /v1/messages', 'DELETE /v1/messages/{id}']);
    for (const calls of perClick.slice(1)) expect(calls).toEqual(['GET /v1/attachment/actions/{id}', 'POST /v1/messages', 'DELETE /v1/messages/{id}']);
    const fault = app.h.app.emulator.log.since(0).find((e) => e.title.startsWith('PUT /v1/messages/'));
    expect(fault?.status).toBe(400);
    // The space keeps the command, the welcome card and one live card: no old step cards left behind.
    const botCards = app.h.messages(room).filter((m) => m.personId === app.h.app.emulator.state.bot.id && m.attachments);
    expect(botCards.map((m) => JSON.stringify(m.attachments).includes('Saved: '))).toContain(true);
    expect(botCards.filter((m) => JSON.stringify(m.attachments).includes('choose a service'))).toHaveLength(0);
  });
});
