// Issue 18 through the emulator: a near miss answers "Did you mean …?" with a button that
// runs the command; a person without a role is refused in the group space without a single
// email on the card.
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { cardText } from '../helpers/fake-transport.js';
import { cardOf } from './harness.js';
import { EMMA, appPerTest } from './edit-emma.js';

const startApp = appPerTest();

describe('forgiving commands through the emulator', () => {
  it('"lisences <email>" suggests `licenses <email>` and its button opens the user; a person without a role is refused in the group space with no email on the card', async () => {
    const { h } = await startApp('forgiving-');
    const room = await h.directRoomOf(ADMIN.email);
    const said = await h.say(ADMIN.email, room, `lisences ${EMMA}`);
    const suggestion = await h.nextCard(room, said, 'Did you mean');
    expect(cardText(cardOf(suggestion)!)).toContain(`Did you mean \`licenses ${EMMA}\`?`);
    const opened = await h.click(ADMIN.email, suggestion, `licenses ${EMMA}`);
    expect(cardText(cardOf(opened)!)).toContain('Emma Bakker');

    // One app per process (the SDK's API base): the group-space refusal in the same test.
    const group = h.app.emulator.groupRoom.id;
    const asked = await h.say('sanne.de.vries@acme.example', group, 'usage', { mentionBot: true });
    const refused = await h.nextCard(group, asked, 'Not allowed');
    const text = cardText(cardOf(refused)!);
    expect(text).toContain('Not allowed');
    expect(text).toContain('Ask an administrator of this desk');
    expect(text).not.toContain('@');
  });
});
