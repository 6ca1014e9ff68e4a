// Messages and card submits in webhook mode, handled at our edge instead of by
// webex-node-bot-framework. The framework's path (processEvent → onMessageCreated /
// onAttachmentActions → getTrigger) fetches the person behind every event (GET /people/id)
// and, in a space it has not spawned a bot for, lists memberships and reads the room first:
// up to five calls before the bot can answer. The webhook already says who (personId,
// and for messages personEmail), where (roomId, roomType) and whom a message mentions, so
// one GET of the message or the action is all a reply needs; the person comes from a
// bounded cache (filled after the reply when it was missing). Memberships and rooms stay
// the framework's (spawn, welcome).
import type { BotCore, Outbox } from '../../bot/types.js';
import { stripBotMention } from './convert.js';
import type { WebexPerson } from './framework-types.js';
import type { KnownPerson, PersonCache } from './person-cache.js';
import type { RestClient } from './rest-client.js';
import type { WebhookBody } from './webhook-body.js';

export interface EdgeEventsOptions {
  client: RestClient;
  bot: BotCore;
  outbox: Outbox;
  people: PersonCache;
  /** The bot itself (known once the framework has started). */
  botPerson: () => WebexPerson;
  /** A lookup to fill the cache failed; the event was handled already. */
  onLookupFailed: (personId: string, error: unknown) => void;
  /** The event or its person could not be read from Webex (after retries): the bot never saw it. */
  onFetchFailed: (data: WebhookBody['data'], error: unknown) => Promise<void>;
}

interface FetchedMessage {
  id: string;
  roomId: string;
  roomType?: 'direct' | 'group';
  text?: string;
  html?: string;
  personId: string;
  personEmail?: string;
  mentionedPeople?: string[];
}

interface FetchedAction {
  id: string;
  messageId: string;
  roomId: string;
  personId: string;
  inputs?: unknown;
}

const path = (resource: string, id: string) => `/${resource}/${encodeURIComponent(id)}`;

export function createEdgeEvents(options: EdgeEventsOptions) {
  const { client, bot, outbox, people } = options;

  async function lookUp(personId: string): Promise<KnownPerson> {
    const person = await client.request<WebexPerson>({ method: 'GET', path: path('people', personId) });
    const known = { email: (person.emails[0] ?? '').toLowerCase(), ...(person.displayName ? { displayName: person.displayName } : {}) };
    people.put(personId, known);
    return known;
  }

  /** After the reply: learn the name of someone the cache knew only by email. */
  function learnLater(personId: string): void {
    if (people.get(personId)?.displayName) return;
    lookUp(personId).catch((error: unknown) => options.onLookupFailed(personId, error));
  }

  const actorOf = (personId: string, person: KnownPerson) => ({
    personId,
    email: person.email,
    ...(person.displayName ? { displayName: person.displayName } : {}),
  });

  return {
    /** False when the webhook itself shows the message is not for the bot (its own, or a group message that mentions others). */
    mayAddressBot(data: WebhookBody['data']): boolean {
      const me = options.botPerson().id;
      if (data.personId === me) return false;
      return !(data.roomType === 'group' && data.mentionedPeople !== undefined && !data.mentionedPeople.includes(me));
    },

    async message(data: WebhookBody['data']): Promise<void> {
      let message: FetchedMessage;
      let person: KnownPerson;
      try {
        message = await client.request<FetchedMessage>({ method: 'GET', path: path('messages', data.id) });
        // In a 1:1 every message is for the bot; in a group space (or one whose type is not said) only one that mentions it.
        const me = options.botPerson().id;
        const roomType = message.roomType ?? (data.roomType === 'direct' ? 'direct' : 'group');
        if (message.personId === me || (roomType === 'group' && !message.mentionedPeople?.includes(me))) return;
        message = { ...message, roomType };
        const email = (message.personEmail ?? data.personEmail ?? '').toLowerCase();
        if (email) people.put(message.personId, { email });
        // The message's email is enough to answer; a name the cache no longer vouches for is looked up after the reply.
        person = people.get(message.personId) ?? (email ? { email } : await lookUp(message.personId));
      } catch (error) {
        return options.onFetchFailed(data, error);
      }
      // The bot's own errors are its boundary's (and, if one escapes, the caller's to log): not a fetch failure.
      await bot.onMessage(
        {
          eventId: message.id,
          actor: actorOf(message.personId, person),
          roomId: message.roomId,
          roomType: message.roomType === 'direct' ? 'direct' : 'group',
          text: stripBotMention({ text: message.text ?? '', ...(message.html ? { html: message.html } : {}), bot: options.botPerson() }),
        },
        outbox,
      );
      learnLater(message.personId);
    },

    async action(data: WebhookBody['data']): Promise<void> {
      let action: FetchedAction;
      let person: KnownPerson;
      try {
        action = await client.request<FetchedAction>({ method: 'GET', path: path('attachment/actions', data.id) });
        person = people.get(action.personId) ?? (await lookUp(action.personId));
      } catch (error) {
        return options.onFetchFailed(data, error);
      }
      await bot.onAction({ eventId: action.id, actor: actorOf(action.personId, person), roomId: action.roomId, messageId: action.messageId, inputs: action.inputs }, outbox);
      learnLater(action.personId);
    },
  };
}

