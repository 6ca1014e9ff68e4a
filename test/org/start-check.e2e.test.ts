// `npm start` in Webex mode with an admin token that lacks a scope: src/main.ts as a
// process against the emulator (served here) refuses to start, exit code 2, and stderr
// names WEBEX_ADMIN_TOKEN and the missing scope; it never takes events (no webhooks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SCOPES } from '../../src/transports/org-from-store.js';
import { freePort, killHard, serveDemoOrgWebex, spawnBot, webexModeEnv, type BotProcess, type ServedWebex } from './bot-process.js';

let webex: ServedWebex;
const bots: BotProcess[] = [];

beforeAll(async () => {
  webex = await serveDemoOrgWebex('start-check-');
});
afterAll(async () => {
  for (const bot of bots) await killHard(bot);
  await webex?.close();
});

describe('the start check of the admin connection (src/main.ts in Webex mode)', () => {
  it.each(['spark-admin:licenses_read', 'spark-admin:people_read'])('refuses to start when WEBEX_ADMIN_TOKEN lacks %s: exit code 2, the variable and the scope on stderr', async (missing) => {
    const { model } = webex.emulator.org;
    const token = model.tokens.issue(model.admin!, ADMIN_SCOPES.filter((s) => s !== missing), 3600);
    const port = await freePort();
    const bot = spawnBot(webexModeEnv(webex, port, { WEBEX_ADMIN_TOKEN: token }), port);
    bots.push(bot);
    const timer = setTimeout(() => bot.child.kill('SIGKILL'), 30_000);
    const exit = await bot.exited;
    clearTimeout(timer);
    expect(exit.code, bot.output()).toBe(2);
    expect(bot.output()).toContain(`Cannot start: WEBEX_ADMIN_TOKEN: the admin connection lacks the scope ${missing}`);
    expect(bot.output()).not.toContain(token);
    expect(webex.emulator.state.webhooks.size).toBe(0); // checked before the bot takes events
  });
});
