// The emulator's in-memory world: people, spaces, memberships, messages, card
// submits, webhooks and uploaded files. Routes read and change it; nothing is persisted.
import { randomToken, stableUuid, webexId } from './ids.js';
import type { AttachmentAction, Membership, Message, Person, Room, StoredFile, Webhook } from './model.js';

export interface PersonSeed {
  email: string;
  displayName: string;
  /** Shown in the playground: admin, helpdesk, none. */
  label?: string;
}

export const ORG_ID = webexId('ORGANIZATION', stableUuid('license-desk-emulated-org'));

const now = () => new Date().toISOString();

export function makePerson(seed: PersonSeed, type: Person['type']): Person {
  const [firstName = seed.displayName, ...rest] = seed.displayName.split(' ');
  return {
    id: webexId('PEOPLE', stableUuid(seed.email.toLowerCase())),
    emails: [seed.email.toLowerCase()],
    displayName: seed.displayName,
    nickName: firstName,
    firstName,
    lastName: rest.join(' '),
    orgId: ORG_ID,
    type,
    created: '2026-01-01T00:00:00.000Z',
    label: seed.label ?? (type === 'bot' ? 'bot' : 'none'),
  };
}

export class EmulatorState {
  readonly people = new Map<string, Person>();
  readonly rooms = new Map<string, Room>();
  readonly memberships = new Map<string, Membership>();
  /** In creation order (Map keeps insertion order). */
  readonly messages = new Map<string, Message>();
  readonly actions = new Map<string, AttachmentAction>();
  readonly webhooks = new Map<string, Webhook>();
  readonly files = new Map<string, StoredFile>();
  private readonly tokens = new Map<string, string>(); // token -> personId
  /** emails[0] -> person id, the first person with that email (people are only added, never changed or removed). */
  private readonly idByEmail = new Map<string, string>();
  readonly bot: Person;
  readonly botToken: string;

  constructor(options: { bot: PersonSeed; people: PersonSeed[]; botToken?: string }) {
    this.bot = makePerson(options.bot, 'bot');
    this.botToken = options.botToken ?? randomToken('bot');
    this.addPerson(this.bot, this.botToken);
    for (const seed of options.people) {
      const person = makePerson(seed, 'person');
      if (!this.people.has(person.id)) this.addPerson(person, randomToken('person'));
    }
  }

  /** The person with this email, created (with a person token) when new: the org's people share the chat directory. */
  ensurePerson(seed: PersonSeed & { firstName?: string; lastName?: string }): Person {
    const existing = this.personByEmail(seed.email);
    if (existing) return existing;
    const person = makePerson(seed, 'person');
    if (seed.firstName !== undefined) person.firstName = seed.firstName;
    if (seed.lastName !== undefined) person.lastName = seed.lastName;
    this.addPerson(person, randomToken('person'));
    return person;
  }

  private addPerson(person: Person, token: string): void {
    this.people.set(person.id, person);
    this.tokens.set(token, person.id);
    const email = person.emails[0];
    if (email !== undefined && !this.idByEmail.has(email)) this.idByEmail.set(email, person.id);
  }

  personByToken(token: string): Person | undefined {
    const id = this.tokens.get(token);
    return id === undefined ? undefined : this.people.get(id);
  }

  tokenOf(personId: string): string | undefined {
    for (const [token, id] of this.tokens) if (id === personId) return token;
    return undefined;
  }

  personByEmail(email: string): Person | undefined {
    const id = this.idByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.people.get(id);
  }

  createRoom(options: { title: string; type: Room['type']; creator: Person }): Room {
    const created = now();
    const room: Room = {
      id: webexId('ROOM'),
      title: options.title,
      type: options.type,
      isLocked: false,
      lastActivity: created,
      creatorId: options.creator.id,
      created,
      ownerId: ORG_ID,
    };
    this.rooms.set(room.id, room);
    return room;
  }

  addMember(room: Room, person: Person): Membership {
    const existing = this.membership(room.id, person.id);
    if (existing) return existing;
    const membership: Membership = {
      id: webexId('MEMBERSHIP'),
      roomId: room.id,
      personId: person.id,
      personEmail: person.emails[0] ?? '',
      personDisplayName: person.displayName,
      personOrgId: person.orgId,
      isModerator: false,
      isMonitor: false,
      created: now(),
    };
    this.memberships.set(membership.id, membership);
    return membership;
  }

  membership(roomId: string, personId: string): Membership | undefined {
    return [...this.memberships.values()].find((m) => m.roomId === roomId && m.personId === personId);
  }

  members(roomId: string): Membership[] {
    return [...this.memberships.values()].filter((m) => m.roomId === roomId);
  }

  isMember(roomId: string, personId: string): boolean {
    return this.membership(roomId, personId) !== undefined;
  }

  /** The 1:1 space of two people, if it exists. */
  directRoom(a: string, b: string): Room | undefined {
    return [...this.rooms.values()].find(
      (room) => room.type === 'direct' && this.isMember(room.id, a) && this.isMember(room.id, b),
    );
  }

  /** A direct room's title is the other person's name, as each side sees it. */
  roomFor(room: Room, viewerId: string): Room {
    if (room.type !== 'direct') return room;
    const other = this.members(room.id).find((m) => m.personId !== viewerId);
    return { ...room, title: other?.personDisplayName ?? room.title };
  }

  webhooksOf(personId: string): Webhook[] {
    return [...this.webhooks.values()].filter((w) => w.createdBy === personId);
  }
}
