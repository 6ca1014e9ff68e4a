// Who hears what, as on Webex: members of a space hear its membership events; a bot
// in a group space hears only messages that mention it (and its own); card submits
// go to the app that sent the card.
import type { Membership, Message } from './model.js';
import type { EmulatorState } from './state.js';

export function membershipAudience(state: EmulatorState, roomId: string): Set<string> {
  return new Set(state.members(roomId).map((m) => m.personId));
}

export function messageAudience(state: EmulatorState, message: Message): Set<string> {
  const audience = new Set<string>();
  for (const member of state.members(message.roomId)) {
    const person = state.people.get(member.personId);
    if (!person) continue;
    const hearsAll = person.type === 'person' || message.roomType === 'direct' || message.personId === person.id;
    if (hearsAll || message.mentionedPeople?.includes(person.id)) audience.add(person.id);
  }
  return audience;
}

export function membershipData(m: Membership): Record<string, unknown> {
  return { ...m };
}

/** A message webhook's data: ids and who, never the text (Webex makes you fetch it). */
export function messageData(message: Message): Record<string, unknown> {
  return {
    id: message.id,
    roomId: message.roomId,
    roomType: message.roomType,
    personId: message.personId,
    personEmail: message.personEmail,
    ...(message.mentionedPeople ? { mentionedPeople: message.mentionedPeople } : {}),
    ...(message.files ? { files: message.files } : {}),
    created: message.created,
  };
}
