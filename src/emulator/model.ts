// The emulator's objects, shaped like the Webex REST API's JSON.

export interface Person {
  id: string;
  emails: string[];
  displayName: string;
  nickName: string;
  firstName: string;
  lastName: string;
  orgId: string;
  type: 'person' | 'bot';
  created: string;
  /**
   * When Webex last saw the person do something (a message, a card submit, signing in): ISO
   * time; absent for someone never seen (an invite not yet accepted). Presence: the list by
   * ids and excludeStatus=true leave it out (see routes/people.ts).
   */
  lastActivity?: string;
  /** Not Webex: the playground's label for who this is (admin, helpdesk, none, bot). */
  label: string;
}

export interface Room {
  id: string;
  title: string;
  type: 'group' | 'direct';
  isLocked: boolean;
  lastActivity: string;
  creatorId: string;
  created: string;
  ownerId: string;
}

export interface Membership {
  id: string;
  roomId: string;
  personId: string;
  personEmail: string;
  personDisplayName: string;
  personOrgId: string;
  isModerator: boolean;
  isMonitor: boolean;
  created: string;
}

export interface Attachment {
  contentType: string;
  content: unknown;
}

export interface Message {
  id: string;
  roomId: string;
  roomType: 'group' | 'direct';
  text?: string;
  markdown?: string;
  html?: string;
  files?: string[];
  attachments?: Attachment[];
  personId: string;
  personEmail: string;
  mentionedPeople?: string[];
  parentId?: string;
  created: string;
  /** Set by an edit (PUT). */
  updated?: string;
}

export interface AttachmentAction {
  id: string;
  type: 'submit';
  messageId: string;
  inputs: Record<string, unknown>;
  personId: string;
  roomId: string;
  created: string;
}

export interface Webhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  orgId: string;
  createdBy: string;
  appId: string;
  ownedBy: 'creator';
  status: 'active' | 'inactive';
  created: string;
}

export interface StoredFile {
  id: string;
  /** The space it was posted in: only its members may download it, as in Webex. */
  roomId: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** What the emulator tells a webhook about. */
export interface EmulatorEvent {
  resource: 'messages' | 'memberships' | 'rooms' | 'attachmentActions';
  event: 'created' | 'updated' | 'deleted';
  actorId: string;
  roomId: string;
  data: Record<string, unknown>;
  /** Only these people's webhooks may hear it (Webex's visibility rules, decided by the route). */
  audience: ReadonlySet<string>;
}
