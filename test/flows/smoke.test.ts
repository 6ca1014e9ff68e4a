import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('smoke', () => {
  it('help, usage, wizard to messaging save', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'help');
    expect(h.lastText()).toMatch(/License desk/);
    await h.say(ADMIN, 'usage');
    console.log(h.lastText());
    await h.say(ADMIN, 'licenses emma.bakker@acme.example');
    console.log(h.lastText());
    await h.click(ADMIN, 'Edit licenses');
    console.log(h.lastText());
    await h.click(ADMIN, 'Choose service', { service: 'messaging' });
    console.log(h.lastText());
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    console.log(h.lastText());
    await h.click(ADMIN, 'Save');
    console.log(h.lastText());
    console.log(h.outbox.texts());
    expect(h.store.userByEmail('emma.bakker@acme.example')!.licenseIds).toContain('lic-adv-messaging-100101');
  });
});
