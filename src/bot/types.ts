// The bot layer's contract with transports. A transport (Webex via the framework,
// or the in-process fake used in tests) turns its events into these shapes and
// implements Outbox. The actor always comes from Webex's personId/personEmail.
import type { Actor } from '../domain/index.js';
import type { OrgDesk } from '../flows/org/desk.js';
import type { OrgConnection } from '../flows/org/port.js';

export type RoomType = 'direct' | 'group';

export interface IncomingMessage {
  /** Webex message id (or webhook event id): used for de-duplication and in every log line. */
  eventId: string;
  actor: Actor;
  roomId: string;
  roomType: RoomType;
  /** The text with the bot mention already stripped by the transport where it can. */
  text: string;
}

export interface IncomingAction {
  /** Webex attachment action id. */
  eventId: string;
  actor: Actor;
  roomId: string;
  /** Where the card was clicked, when the transport knows; unknown counts as a group space (refusals name nobody). */
  roomType?: RoomType;
  /** The message that carried the card. */
  messageId: string;
  /** The card's submit data + inputs, untrusted: parsed with zod by the bot layer. */
  inputs: unknown;
}

/** An Adaptive Card ready to send, with the text Webex shows where cards do not render. */
export interface OutgoingCard {
  card: Record<string, unknown>;
  fallbackText: string;
}

export interface SentMessage {
  messageId: string;
  /** The space it went to, where the transport says (a 1:1 message sent by email). */
  roomId?: string;
}

export interface Outbox {
  sendCard(roomId: string, card: OutgoingCard): Promise<SentMessage>;
  sendText(roomId: string, markdown: string): Promise<SentMessage>;
  /** 1:1 message to a person by email (approvals without an approvals space). */
  sendCardToPerson(email: string, card: OutgoingCard): Promise<SentMessage>;
  sendTextToPerson(email: string, markdown: string): Promise<SentMessage>;
  sendFile(roomId: string, file: { filename: string; contentType: string; data: Buffer; markdown: string }): Promise<SentMessage>;
  /** A bot may delete its own messages: a clicked card that cannot be edited is deleted after its successor is sent. */
  deleteMessage(messageId: string): Promise<void>;
  /**
   * Put `card` in place of an earlier card message of ours, where the transport can edit one
   * (Webex's reference says a message with attachments cannot be edited, yet card edits work:
   * the Webex outbox tries and falls back). Without it the bot sends the card and deletes the old one.
   */
  replaceCard?(roomId: string, messageId: string, card: OutgoingCard): Promise<SentMessage>;
}

export interface BotCore {
  /** Whether the bot has taken this event id already: a transport need not fetch a redelivered event again. */
  handled(eventId: string): boolean;
  onMessage(message: IncomingMessage, outbox: Outbox): Promise<void>;
  onAction(action: IncomingAction, outbox: Outbox): Promise<void>;
  /** The bot was added to a space: post the welcome card. eventId: the membership's id (once per membership). */
  onJoined(room: { roomId: string; roomType: RoomType; eventId?: string }, outbox: Outbox): Promise<void>;
  /**
   * The transport is up. With an admin connection the bot starts its work on the org: the
   * outbox worker (changes saved before a restart go out first) and the sync.
   */
  start?(services: { outbox: Outbox; org?: OrgConnection | undefined }): void;
  /** Stop the work on the org (in-flight sends finish). */
  stop?(): Promise<void>;
  /** The work on the org once started (tests and benchmarks wait on it). */
  orgDesk?(): OrgDesk | undefined;
}
