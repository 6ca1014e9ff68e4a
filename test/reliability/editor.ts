// One person driving the real bot through the fake transport, with their own outbox and
// room, so many editors can work at once without reading each other's cards.
// Event ids are unique per editor (the bot de-duplicates by event id).
import type { BotCore } from '../../src/bot/types.js';
import type { Actor } from '../../src/domain/index.js';
import { FakeOutbox, cardText, defaultInputs, submitActions, type Sent } from '../helpers/fake-transport.js';

export class Editor {
  readonly outbox = new FakeOutbox();
  readonly roomId: string;
  private events = 0;

  constructor(
    private readonly bot: BotCore,
    readonly actor: Actor,
  ) {
    this.roomId = `room-${actor.personId}`;
  }

  private nextEvent(): string {
    return `${this.actor.personId}-evt-${++this.events}`;
  }

  async say(text: string): Promise<void> {
    await this.bot.onMessage({ eventId: this.nextEvent(), actor: this.actor, roomId: this.roomId, roomType: 'direct', text }, this.outbox);
  }

  /** Click a button of a card (the editor's last card unless given), inputs merged as Webex does. */
  async click(title: string, inputs: Record<string, string> = {}, card: Sent = this.outbox.lastCard()): Promise<void> {
    const action = submitActions(card.card!).find((a) => a.title === title);
    if (!action) throw new Error(`${this.actor.email}: no button "${title}" on "${card.fallbackText}"; it has: ${submitActions(card.card!).map((a) => a.title).join(', ')}`);
    const payload = { ...defaultInputs(card.card!), ...inputs, ...action.data };
    await this.bot.onAction({ eventId: this.nextEvent(), actor: this.actor, roomId: this.roomId, messageId: card.messageId, inputs: payload }, this.outbox);
  }

  /** Send any payload as a card submit (crafted input). */
  async submitRaw(inputs: unknown, messageId = 'msg-crafted'): Promise<void> {
    await this.bot.onAction({ eventId: this.nextEvent(), actor: this.actor, roomId: this.roomId, messageId, inputs }, this.outbox);
  }

  lastCard(): Sent {
    return this.outbox.lastCard();
  }

  /** What the person saw last: the last card's text, or the last plain text if that came later. */
  lastAnswer(): string {
    const last = this.outbox.sent.at(-1);
    if (!last) return '';
    return last.card ? `${last.fallbackText ?? ''}\n${cardText(last.card)}` : (last.text ?? '');
  }

  /** Everything sent to this editor since message index `from`. */
  answersSince(from: number): string[] {
    return this.outbox.sent.slice(from).map((s) => (s.card ? `${s.fallbackText ?? ''}\n${cardText(s.card)}` : (s.text ?? '')));
  }
}

/** The wizard up to the review card: one license of the Messaging service switched on or off. */
export async function reviewToggle(editor: Editor, options: { email: string; licenseId: string; on: boolean }): Promise<void> {
  await editor.say(`licenses ${options.email}`);
  await editor.click('Edit licenses');
  await editor.click('Choose service', { service: 'messaging' });
  await editor.click('Apply and review', { [`lic.${options.licenseId}`]: String(options.on) });
}
