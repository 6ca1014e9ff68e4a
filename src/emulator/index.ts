// A local Webex API emulator: enough of /v1 for webex-node-bot-framework, the Webex
// SDK, our bot and the playground page. Mount `api` at /v1 on any Hono app.
import { Hono } from 'hono';
import { Deliveries } from './deliveries.js';
import { EventLog } from './event-log.js';
import { Faults } from './faults.js';
import { authAndFaults, logCalls, type EmulatorBehaviour, type EmulatorContext, type EmulatorEnv } from './http.js';
import type { Person, Room } from './model.js';
import { actionRoutes } from './routes/actions.js';
import { contentRoutes, messageRoutes } from './routes/messages.js';
import { peopleRoutes } from './routes/people.js';
import { ensureDirectRoom, membershipRoutes, roomRoutes } from './routes/rooms.js';
import { webhookRoutes } from './routes/webhooks.js';
import { EmulatorState, type PersonSeed } from './state.js';

export type { PersonSeed } from './state.js';
export type { LogEntry } from './event-log.js';
export type { FaultInput } from './faults.js';
export * from './model.js';

export interface EmulatorOptions {
  bot: PersonSeed;
  people: PersonSeed[];
  /** The group space with the bot and everyone. */
  groupTitle?: string;
  botToken?: string;
  behaviour?: Partial<EmulatorBehaviour>;
}

export interface Emulator {
  api: Hono<EmulatorEnv>;
  state: EmulatorState;
  log: EventLog;
  faults: Faults;
  /** Changeable at run time (tests play both sides of a documented/observed difference). */
  behaviour: EmulatorBehaviour;
  groupRoom: Room;
  /** Where the API is reachable (for file URLs), e.g. http://127.0.0.1:3000/v1. Set once listening. */
  setPublicBase(url: string): void;
  /** The 1:1 space of a person and the bot, created on first use (the bot hears "membership created"). */
  openDirectRoom(personId: string): Room;
  people(): Person[];
  /** Resolves when all queued webhook deliveries have been answered. */
  idle(): Promise<void>;
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const state = new EmulatorState({ bot: options.bot, people: options.people, botToken: options.botToken });
  const log = new EventLog();
  const faults = new Faults();
  const deliveries = new Deliveries(state, log, faults);
  const behaviour: EmulatorBehaviour = { cardEdits: 'refused', latencyMs: 0, ...options.behaviour };
  const ctx: EmulatorContext = { state, log, faults, deliveries, behaviour };
  let publicBase = 'http://127.0.0.1/v1';

  const groupRoom = state.createRoom({ title: options.groupTitle ?? 'License desk', type: 'group', creator: state.bot });
  for (const person of state.people.values()) state.addMember(groupRoom, person);

  const api = new Hono<EmulatorEnv>({ strict: false });
  api.use('*', authAndFaults(ctx), logCalls(ctx));
  api.route('/people', peopleRoutes(ctx));
  api.route('/rooms', roomRoutes(ctx));
  api.route('/memberships', membershipRoutes(ctx));
  api.route('/messages', messageRoutes(ctx, () => publicBase));
  api.route('/contents', contentRoutes(ctx));
  api.route('/attachment/actions', actionRoutes(ctx));
  api.route('/webhooks', webhookRoutes(ctx));
  api.all('*', (c) => c.json({ message: `The emulator does not implement ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  return {
    api,
    state,
    log,
    faults,
    behaviour,
    groupRoom,
    setPublicBase: (url) => {
      publicBase = url.replace(/\/+$/, '');
    },
    openDirectRoom(personId) {
      const person = state.people.get(personId);
      if (!person) throw new Error(`no emulated person ${personId}`);
      return ensureDirectRoom(ctx, person, state.bot);
    },
    people: () => [...state.people.values()],
    idle: () => deliveries.idle(),
  };
}
