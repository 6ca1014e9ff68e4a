// A fake transport: an in-memory Outbox that records what the bot sends (and checks every
// card against Webex's limits), and a driver that sends {actor, room, text} and card
// submits through the real bot layer, the way the Webex transport will.
import type { Actor } from '../../src/domain/index.js';
import type { BotCore, Outbox, OutgoingCard, RoomType, SentMessage } from '../../src/bot/types.js';
import { cardProblems } from '../cards/check-card.js';
import { defaultInputs, submitActions, walk } from './cards.js';

export interface Sent {
  messageId: string;
  roomId: string;
  card?: Record<string, unknown>;
  fallbackText?: string;
  text?: string;
  toPerson?: string;
}

type Json = Record<string, unknown>;

export class FakeOutbox implements Outbox {
  readonly sent: Sent[] = [];
  readonly deleted = new Set<string>();
  /** Every Webex-limit problem of every card sent; the harness fails the test on any. */
  readonly cardProblems: string[] = [];
  private counter = 0;
  /** Messages edited in place (only with `edits`). */
  readonly edited = new Set<string>();
  /** With `edits`, like Webex's PUT /v1/messages/{id}: a card is edited in place (same id); without, the bot sends anew and deletes. */
  replaceCard?: (roomId: string, messageId: string, card: OutgoingCard) => Promise<SentMessage>;

  constructor(options: { edits?: boolean } = {}) {
    if (!options.edits) return;
    this.replaceCard = async (_roomId, messageId, card) => {
      this.check(card);
      const sent = this.sent.find((s) => s.messageId === messageId);
      if (!sent || this.deleted.has(messageId)) throw new Error(`no message ${messageId}`);
      Object.assign(sent, { card: card.card, fallbackText: card.fallbackText });
      this.edited.add(messageId);
      return { messageId, roomId: sent.roomId };
    };
  }

  /** Like Webex, refuse a card it would refuse; also remember it, since the bot's error boundary catches the throw. */
  private check(card: OutgoingCard): void {
    const problems = cardProblems(card.card);
    if (problems.length === 0) return;
    const message = `card "${card.fallbackText}" breaks Webex limits:\n  ${problems.join('\n  ')}`;
    this.cardProblems.push(message);
    throw new Error(message);
  }

  private record(entry: Omit<Sent, 'messageId'>): SentMessage {
    const messageId = `msg-${++this.counter}`;
    this.sent.push({ messageId, ...entry });
    return { messageId };
  }
  async sendCard(roomId: string, card: OutgoingCard): Promise<SentMessage> {
    this.check(card);
    return this.record({ roomId, card: card.card, fallbackText: card.fallbackText });
  }
  async sendText(roomId: string, markdown: string): Promise<SentMessage> {
    return this.record({ roomId, text: markdown });
  }
  async sendCardToPerson(email: string, card: OutgoingCard): Promise<SentMessage> {
    this.check(card);
    return { ...this.record({ roomId: `direct:${email}`, toPerson: email, card: card.card, fallbackText: card.fallbackText }), roomId: `direct:${email}` };
  }
  async sendTextToPerson(email: string, markdown: string): Promise<SentMessage> {
    return this.record({ roomId: `direct:${email}`, toPerson: email, text: markdown });
  }
  async sendFile(roomId: string, file: { filename: string; markdown: string }): Promise<SentMessage> {
    return this.record({ roomId, text: `${file.markdown} [${file.filename}]` });
  }
  async deleteMessage(messageId: string): Promise<void> {
    if (!this.sent.some((s) => s.messageId === messageId)) throw new Error(`no message ${messageId}`);
    this.deleted.add(messageId);
  }

  cards(): Sent[] {
    return this.sent.filter((s) => s.card);
  }
  lastCard(): Sent {
    const card = this.cards().at(-1);
    if (!card) throw new Error('the bot has sent no card');
    return card;
  }
  texts(): string[] {
    return this.sent.filter((s) => s.text !== undefined).map((s) => s.text!);
  }
}

/** All text a person sees on a card (TextBlocks, facts, choice and toggle titles, buttons). */
export { defaultInputs, submitActions };

export function cardText(card: Json): string {
  const parts: string[] = [];
  walk(card, (obj) => {
    for (const key of ['text', 'title', 'value', 'label'] as const) {
      if (typeof obj[key] === 'string' && obj.type !== 'Input.Toggle') parts.push(obj[key] as string);
    }
    if (obj.type === 'Input.Toggle' && typeof obj.title === 'string') parts.push(obj.title);
  });
  return parts.join('\n');
}

export interface Driver {
  outbox: FakeOutbox;
  /** Room type: 'direct' unless told (the driver's room is a 1:1). */
  say(actor: Actor, text: string, options?: { roomId?: string; eventId?: string; roomType?: RoomType }): Promise<void>;
  /** Click a button of a card (the last one unless given), merging its data with inputs as Webex does. */
  click(actor: Actor, title: string, inputs?: Record<string, string>, options?: { card?: Sent; eventId?: string; roomType?: RoomType }): Promise<void>;
  /** Send any payload as an attachment action (crafted submits). */
  submitRaw(actor: Actor, inputs: unknown, options?: { messageId?: string; eventId?: string }): Promise<void>;
}

export function createDriver(bot: BotCore, roomId = 'room-1', options: { edits?: boolean } = {}): Driver {
  const outbox = new FakeOutbox(options);
  let events = 0;
  const nextEvent = () => `evt-${++events}`;
  return {
    outbox,
    async say(actor, text, options = {}) {
      await bot.onMessage({ eventId: options.eventId ?? nextEvent(), actor, roomId: options.roomId ?? roomId, roomType: options.roomType ?? 'direct', text }, outbox);
    },
    async click(actor, title, inputs = {}, options = {}) {
      const sent = options.card ?? outbox.lastCard();
      const actions = submitActions(sent.card!);
      const action = actions.find((a) => a.title === title);
      if (!action) throw new Error(`no button "${title}" on the card; it has: ${actions.map((a) => a.title).join(', ')}`);
      const payload = { ...defaultInputs(sent.card!), ...inputs, ...action.data };
      await bot.onAction({ eventId: options.eventId ?? nextEvent(), actor, roomId: sent.roomId, roomType: options.roomType ?? 'direct', messageId: sent.messageId, inputs: payload }, outbox);
    },
    async submitRaw(actor, inputs, options = {}) {
      const messageId = options.messageId ?? outbox.lastCard().messageId;
      await bot.onAction({ eventId: options.eventId ?? nextEvent(), actor, roomId, messageId, inputs }, outbox);
    },
  };
}
