// A local Webex API emulator: enough of /v1 for webex-node-bot-framework, the Webex
// SDK, our bot and the playground page. Mount `api` at /v1 on any Hono app.
import { Hono } from 'hono';
import { Deliveries } from './deliveries.js';
import { EventLog } from './event-log.js';
import { Faults } from './faults.js';
import { authAndFaults, logCalls, type EmulatorBehaviour, type EmulatorContext, type EmulatorEnv } from './http.js';
import type { Person, Room } from './model.js';
import { orgControl, type OrgControl } from './org/control.js';
import { Org } from './org/org.js';
import type { OrgSeed } from './org/types.js';
import { actionRoutes } from './routes/actions.js';
import { contentRoutes, messageRoutes } from './routes/messages.js';
import { licenseRoutes } from './routes/licenses.js';
import { peopleRoutes } from './routes/people.js';
import { ensureDirectRoom, membershipRoutes, roomRoutes } from './routes/rooms.js';
import { locationRoutes, telephonyRoutes } from './routes/telephony.js';
import { tokenRoutes } from './routes/token.js';
import { webhookRoutes } from './routes/webhooks.js';
import { EmulatorState, type PersonSeed } from './state.js';

export type { PersonSeed } from './state.js';
export type { LogEntry } from './event-log.js';
export type { FaultInput } from './faults.js';
export type { OrgControl, OrgPersonView, OutsideChange } from './org/control.js';
export type * from './org/types.js';
export * from './model.js';

export interface EmulatorOptions {
  bot: PersonSeed;
  people: PersonSeed[];
  /** The group space with the bot and everyone. */
  groupTitle?: string;
  botToken?: string;
  behaviour?: Partial<EmulatorBehaviour>;
  /** The org for the admin APIs (licenses, sites, locations, numbers); its people join the directory. */
  org?: OrgSeed;
}

export interface Emulator {
  api: Hono<EmulatorEnv>;
  state: EmulatorState;
  log: EventLog;
  faults: Faults;
  /** Changeable at run time (tests play both sides of a documented/observed difference). */
  behaviour: EmulatorBehaviour;
  groupRoom: Room;
  /** The org behind the admin APIs: tokens, people's licenses, changes from outside the desk. */
  org: OrgControl;
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
  const behaviour: EmulatorBehaviour = { cardEdits: 'refused', latencyMs: 0, orgRateLimitPerSecond: 0, ...options.behaviour };
  // Before the group space: org-only people stay out of it (the space is the chat seed's).
  const groupMembers = [...state.people.values()];
  const org = new Org(state, log, options.org);
  const ctx: EmulatorContext = { state, log, faults, deliveries, behaviour, org };
  let publicBase = 'http://127.0.0.1/v1';

  const groupRoom = state.createRoom({ title: options.groupTitle ?? 'License desk', type: 'group', creator: state.bot });
  for (const person of groupMembers) state.addMember(groupRoom, person);

  const api = new Hono<EmulatorEnv>({ strict: false });
  api.use('*', authAndFaults(ctx), logCalls(ctx));
  api.route('/people', peopleRoutes(ctx));
  api.route('/rooms', roomRoutes(ctx));
  api.route('/memberships', membershipRoutes(ctx));
  api.route('/messages', messageRoutes(ctx, () => publicBase));
  api.route('/contents', contentRoutes(ctx));
  api.route('/attachment/actions', actionRoutes(ctx));
  api.route('/webhooks', webhookRoutes(ctx));
  api.route('/licenses', licenseRoutes(ctx));
  api.route('/locations', locationRoutes(ctx));
  api.route('/telephony', telephonyRoutes(ctx));
  api.route('/access_token', tokenRoutes(ctx));
  api.all('*', (c) => c.json({ message: `The emulator does not implement ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  return {
    api,
    state,
    log,
    faults,
    behaviour,
    groupRoom,
    org: orgControl(org, (email) => state.personByEmail(email)),
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
