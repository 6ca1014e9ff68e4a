// One admin edit through the emulator (Emma gets Advanced Messaging), click by click, with
// the bot's API calls of each click: the card-edit tests on both sides of Webex's behaviour.
import type { Message } from '../../src/emulator/index.js';
import { ADMIN } from '../helpers/demo-org-copy.js';
import { afterEach } from 'vitest';
import { startDemoOrgApp, type DemoOrgApp } from './demo-org-app.js';

export const EMMA = 'emma.bakker@acme.example';

/** Open Emma's card, then click through the wizard to Save; returns the bot's calls per click. */
export async function editEmma(running: DemoOrgApp): Promise<{ perClick: string[][]; room: string; cards: Message[] }> {
  const { h } = running;
  const bot = h.app.emulator.state.bot.emails[0];
  const room = await h.directRoomOf(ADMIN.email);
  const said = await h.say(ADMIN.email, room, `licenses ${EMMA}`);
  let card = await h.nextCard(room, said, 'Emma Bakker');
  const perClick: string[][] = [];
  const cards: Message[] = [card];
  for (const [title, inputs, expect] of [
    ['Edit licenses', {}, 'choose a service'],
    ['Choose service', { service: 'messaging' }, 'Another service'],
    ['Apply and review', { 'lic.lic-adv-messaging-100101': 'true' }, 'review the change'],
    ['Save', {}, 'Saved: '],
  ] as const) {
    await h.app.emulator.idle();
    const seq = h.app.emulator.log.since(0).at(-1)!.seq;
    const marker = h.snapshot(room);
    const posted = await h.submit(ADMIN.email, card.id, clickInputsOf(card, title, inputs));
    if (posted.status !== 200) throw new Error(`click ${title}: ${posted.status}`);
    card = await h.waitFor(`the card after ${title}`, () =>
      h.messages(room).find((m) => m.personId === h.app.emulator.state.bot.id && m.attachments && JSON.stringify(m.attachments).includes(expect) && (!marker.has(m.id) || m.updated)),
    );
    cards.push(card);
    await h.app.emulator.idle();
    // An edited card is done; a sent one is done when the clicked card is deleted (after the reply).
    await h.waitFor(`the step after ${title} finished`, () =>
      h.app.emulator.log.since(seq).some((e) => e.who === bot && ((e.title.startsWith('PUT /v1/messages/') && e.status === 200) || e.title.startsWith('DELETE /v1/messages/'))),
    );
    perClick.push(h.app.emulator.log.since(seq).filter((e) => e.kind === 'api' && e.who === bot).map((e) => e.title.replace(/\/v1\/(messages|attachment\/actions)\/[^/?]+/, '/v1/$1/{id}')));
  }
  return { perClick, room, cards };
}

/** The inputs a click sends (the harness's own reader of the card's buttons). */
function clickInputsOf(card: Message, title: string, changes: Record<string, string>) {
  const content = card.attachments![0]!.content as { actions: { title: string; data: Record<string, unknown> }[]; body: unknown[] };
  const action = content.actions.find((a) => a.title === title);
  if (!action) throw new Error(`no button ${title}`);
  return { ...action.data, ...changes };
}

/** Call at the top of a test file: a test starts its own demo-org app, stopped after it. */
export function appPerTest(): (prefix: string) => Promise<DemoOrgApp> {
  let app: DemoOrgApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  return async (prefix) => (app = await startDemoOrgApp({ prefix }));
}
