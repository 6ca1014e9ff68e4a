// What a flow step gets: the dependencies, who acts, where to answer, in which language.
// The bot layer builds it per event; flows never see the transport itself.
import type { Actor, ActorRole, Locale } from '../domain/index.js';
import type { RenderedCard } from '../cards/index.js';
import type { Store } from '../store/index.js';
import type { OrgConnection, SyncResult } from './org/port.js';

/** The part of the bot's config flows read (structurally a subset of src/config.ts's Config). */
export interface FlowConfig {
  readonly adminEmails: readonly string[];
  readonly helpdeskEmails: readonly string[];
  readonly botLocale: Locale;
  /** Where approval cards go; unset: a 1:1 card to each admin. */
  readonly approvalsRoomId?: string | undefined;
  /** Where people's own asks go for the helpdesk; unset: a 1:1 card to each helpdesk agent. */
  readonly helpdeskRoomId?: string | undefined;
  /** Hours after which an ask nobody took is posted to the helpdesk again, once (default 8). */
  readonly helpdeskRemindHours?: number;
  /** Days before an open request expires (default 7). */
  readonly requestExpiryDays?: number;
  /** Days within which an applied change can be undone (default 30). */
  readonly undoDays?: number;
  /** "weekly": the licenses to win back, every Monday 08:00 UTC, to approvalsRoomId or each admin 1:1 (default "off"). */
  readonly reclaimReport?: 'off' | 'weekly';
  /** The audit log file `audit verify` checks. */
  readonly auditFile?: string;
  /** Minutes between syncs with the org (0: at start and on `sync` only; default 15). */
  readonly syncIntervalMinutes?: number;
}

/** Messages to places other than the event's room (approvals, the requester's space, files). */
export interface FlowOutbox {
  sendCard(roomId: string, card: RenderedCard): Promise<{ messageId: string; roomId?: string }>;
  sendCardToPerson(email: string, card: RenderedCard): Promise<{ messageId: string; roomId?: string }>;
  sendText(roomId: string, markdown: string): Promise<{ messageId: string }>;
  sendTextToPerson(email: string, markdown: string): Promise<{ messageId: string }>;
  deleteMessage(messageId: string): Promise<void>;
  /** Edit an earlier card of ours in place, where the transport can (Webex: PUT /v1/messages/{id}, with its own fallback). */
  replaceCard?(roomId: string, messageId: string, card: RenderedCard): Promise<{ messageId: string }>;
  sendFile(roomId: string, file: { filename: string; contentType: string; data: Buffer; markdown: string }): Promise<{ messageId: string }>;
}

/** How flows answer: the bot layer binds these to the event's room and outbox. */
export interface Reply {
  card(card: RenderedCard): Promise<{ messageId: string }>;
  text(markdown: string): Promise<{ messageId: string }>;
  /** Remove an earlier card of ours. */
  remove(messageId: string): Promise<void>;
  /** The clicked card becomes this one: edited in place where Webex allows it, else sent anew and the old one removed. */
  replace(messageId: string, card: RenderedCard): Promise<{ messageId: string }>;
}

export interface FlowContext {
  readonly store: Store;
  readonly config: FlowConfig;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly eventId: string;
  readonly actor: Actor;
  readonly role: ActorRole;
  readonly roomId: string;
  /** A 1:1 space or a group space; unknown (a card click the transport did not say): treated as a group space, where everyone reads. */
  readonly roomType?: 'direct' | 'group' | undefined;
  readonly locale: Locale;
  readonly reply: Reply;
  readonly outbox: FlowOutbox;
  /** The admin connection to the Webex org; unset: changes are saved in the desk only. */
  readonly org?: OrgConnection | undefined;
  /** The sync with the org (one at a time), when there is an admin connection. */
  readonly orgSync?: { syncNow(): Promise<SyncResult>; readonly isSyncing: boolean } | undefined;
}
