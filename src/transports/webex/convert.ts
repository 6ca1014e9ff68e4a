// Framework triggers → the bot layer's IncomingMessage / IncomingAction. The actor is
// the person Webex says acted (personId, and the email of that person), never card inputs.
import type { IncomingAction, IncomingMessage } from '../../bot/types.js';
import type { ActionTrigger, FrameworkBot, MessageTrigger, WebexPerson } from './framework-types.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Remove the bot's mention from a message's text. Webex's text holds the mention as the
 * name shown (the html says which: <spark-mention data-object-id="BOT">Name</spark-mention>);
 * without html we fall back to a leading display name or first name.
 */
export function stripBotMention(options: { text: string; html?: string; bot: WebexPerson }): string {
  const { text, html, bot } = options;
  const names: string[] = [];
  if (html) {
    const tag = new RegExp(
      `<spark-mention[^>]*data-object-id="${escapeRegExp(bot.id)}"[^>]*>(.*?)</spark-mention>`,
      'g',
    );
    for (const match of html.matchAll(tag)) if (match[1]) names.push(match[1]);
  }
  let result = text;
  for (const name of names) result = result.replace(name, ' ');
  if (names.length === 0) {
    const candidates = [bot.displayName, bot.nickName, bot.firstName].filter((n): n is string => !!n);
    for (const name of candidates) {
      const leading = new RegExp(`^\\s*@?${escapeRegExp(name)}\\b`, 'i');
      if (leading.test(result)) {
        result = result.replace(leading, ' ');
        break;
      }
    }
  }
  return result.replace(/\s+/g, ' ').trim();
}

/** Should the bot answer? In a group space only when mentioned; in a 1:1 always. */
export function isAddressedToBot(bot: FrameworkBot, trigger: MessageTrigger, botId: string): boolean {
  if (bot.room.type === 'direct') return true;
  return trigger.message.mentionedPeople?.includes(botId) ?? false;
}

function actorOf(person: WebexPerson, fallbackEmail = ''): IncomingMessage['actor'] {
  return {
    personId: person.id,
    email: (person.emails[0] ?? fallbackEmail).toLowerCase(),
    ...(person.displayName ? { displayName: person.displayName } : {}),
  };
}

export function toIncomingMessage(bot: FrameworkBot, trigger: MessageTrigger, botPerson: WebexPerson): IncomingMessage {
  const raw = trigger.message.text ?? trigger.text ?? '';
  const html = trigger.message.html;
  return {
    eventId: trigger.message.id,
    actor: actorOf(trigger.person, trigger.message.personEmail),
    roomId: trigger.message.roomId,
    roomType: bot.room.type,
    text: stripBotMention({ text: raw, ...(html ? { html } : {}), bot: botPerson }),
  };
}

export function toIncomingAction(trigger: ActionTrigger): IncomingAction {
  const action = trigger.attachmentAction;
  return {
    eventId: action.id,
    actor: actorOf(trigger.person),
    roomId: action.roomId,
    messageId: action.messageId,
    inputs: action.inputs,
  };
}
