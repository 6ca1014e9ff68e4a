// The Webex transport: webex-node-bot-framework at the edge, our BotCore behind it.
// Webhook mode (events come through ingestWebhook after the signature check) or
// websocket mode (the framework listens itself). De-duplication, the log context and the
// error boundary of an event are the bot's (src/bot); this file only hands events over.
import type winston from 'winston';
import { RecentIds } from '../../bot/dedupe.js';
import type { BotCore, Outbox } from '../../bot/types.js';
import type { Locale } from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import { currentEventId, logger as appLogger, withEventContext } from '../../logger.js';
import { isAddressedToBot, toIncomingAction, toIncomingMessage } from './convert.js';
import type { Framework, ProcessEvent } from './framework-types.js';
import { DEFAULT_EVENT_LIMITS, EventLanes, isShed, type EventLimits } from './event-lanes.js';
import { InFlight } from './in-flight.js';
import { loadFramework } from './load-framework.js';
import { createWebexOutbox } from './outbox.js';
import { createEdgeEvents } from './edge-events.js';
import { PersonCache } from './person-cache.js';
import { createRestClient } from './rest-client.js';
import { defaultRetryPolicy, statusOf, type RetryPolicy } from './retry.js';
import { addRetryToSdk, type FetchFailure } from './sdk-retry.js';
import { dropEmulatorTokenLine } from './sdk-log-filter.js';
import type { WebhookBody } from './webhook-body.js';
import { shareWebhooks } from './shared-webhooks.js';

export interface WebexTransportOptions {
  bot: BotCore;
  token: string;
  /** REST base for what we send; the SDK reads HYDRA_SERVICE_URL (must match when checkSdkApiBase). */
  apiBase: string;
  /** Webhook mode when set; websocket mode otherwise. */
  webhook?: { url: string; secret: string };
  /** Fail when the loaded SDK talks to another API base (local mode: the emulator). */
  checkSdkApiBase?: boolean;
  /** Webex is the local emulator: the start line says mode=local, and the SDK's complaint about its token is dropped. */
  emulated?: boolean;
  retryPolicy?: RetryPolicy;
  locale?: Locale;
  logger?: winston.Logger;
  startTimeoutMs?: number;
  /** Who is behind an event (tests pass one with a short TTL). */
  people?: PersonCache;
  /** Past these, events are shed (webhook: 503; websocket: the person is told to try again). */
  limits?: EventLimits;
  /** Several replicas share the webhooks (DATABASE_URL): none removes the others' (shared-webhooks.ts). */
  sharedWebhooks?: boolean;
}

export interface WebexTransport {
  readonly outbox: Outbox;
  /** Start the framework; resolves once it has discovered its spaces (and registered webhooks). */
  start(): Promise<void>;
  isReady(): boolean;
  /** Webhook mode: a verified webhook body. Returns what became of it ("shed": over the limits, answer 503). */
  ingestWebhook(body: WebhookBody): 'accepted' | 'stopping' | 'shed';
  /** Stop taking events, finish the ones in flight (bounded), stop the framework. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export function createWebexTransport(options: WebexTransportOptions): WebexTransport {
  const log = options.logger ?? appLogger;
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const locale = options.locale ?? 'en';
  const text = (key: string, params: Record<string, string>) => t(locale, key, params);
  const { Framework, processEvent } = loadFramework(options.checkSdkApiBase ? options.apiBase : undefined);

  const client = createRestClient({
    token: options.token,
    apiBase: options.apiBase,
    retryPolicy: policy,
    onRetry: (info) => log.warn('Webex API call failed, retrying', info),
  });
  const inFlight = new InFlight();
  const outbox = createWebexOutbox(client, {
    onEditsRefused: (error) => log.info('Webex does not edit card messages here: each step sends its card and deletes the clicked one', { status: error.status }),
    onDeleteFailed: (messageId, error) => log.warn('could not delete an old card', { messageId, status: statusOf(error) }),
    background: (work) => void inFlight.track(work),
  });
  const people = options.people ?? new PersonCache();
  /** Events whose person was already told that we could not read them. */
  const told = new RecentIds();
  /** roomId of events we received by webhook, to tell the person when a fetch fails. */
  const eventRooms = new Map<string, string>();
  // In a new 1:1 the membership and the first message arrive together; processed side by
  // side, the framework's two "spawns" of the same space race and it drops one of them:
  // the framework's events go one at a time per space, in their own lane.
  const lanes = new EventLanes(options.limits);
  let accepting = true;

  const framework: Framework = new Framework({
    token: options.token,
    ...(options.webhook ? { webhookUrl: options.webhook.url, webhookSecret: options.webhook.secret } : {}),
    messageFormat: 'markdown',
  });
  const edge = createEdgeEvents({
    client,
    bot: options.bot,
    outbox,
    people,
    botPerson: () => framework.person,
    onLookupFailed: (personId, error) => log.warn('could not look up a person for the cache; the next event asks again', { personId, status: statusOf(error) }),
    onFetchFailed: (data, error) => fetchFailed(data, error),
  });

  /**
   * Messages and card submits go to our edge (see edge-events.ts); everything else to the
   * framework. Each goes in order within its room, in its own line: the framework's line
   * keeps its spawns apart, and a reply does not wait for the framework's membership work.
   */
  function workFor(body: WebhookBody): { line: string; run: () => Promise<unknown> } | 'ignore' {
    const room = body.data.roomId ?? body.data.id;
    const ours = framework.active && framework.webhook && body.name === framework.webhook.name;
    const edgeEvent = ours && body.event === 'created' && (body.resource === 'messages' || body.resource === 'attachmentActions');
    if (!edgeEvent) return { line: `framework:${room}`, run: () => (processEvent as ProcessEvent)(framework, body) };
    // A redelivery of an event the bot has taken needs no second fetch (the bot would drop it anyway).
    if (options.bot.handled(body.data.id)) return 'ignore';
    if (body.resource === 'attachmentActions') return { line: `edge:${room}`, run: () => edge.action(body.data) };
    return edge.mayAddressBot(body.data) ? { line: `edge:${room}`, run: () => edge.message(body.data) } : 'ignore';
  }

  /** The message or action could not be read (after retries): tell the person, once. */
  async function fetchFailed(data: WebhookBody['data'], error: unknown): Promise<void> {
    if (options.bot.handled(data.id)) return; // a redelivery failed; the first copy was answered
    log.error('could not read the event from Webex after retries; the person is asked to send it again', { status: statusOf(error) });
    if (data.roomId && told.firstTime(data.id)) await tellPerson(data.roomId, 'transport.fetch-failed', data.id);
  }

  async function tellPerson(roomId: string | undefined, key: string, eventId: string): Promise<void> {
    if (!roomId) return;
    try {
      await outbox.sendText(roomId, text(key, { eventId }));
    } catch (error) {
      log.error('could not tell the person about the failure either', { roomId, error: String(error) });
    }
  }

  const maxInFlight = (options.limits ?? DEFAULT_EVENT_LIMITS).eventsInFlight;
  let shedSoFar = 0;
  /** When each space was last told we are busy (one entry per space that was ever shed). */
  const busyTold = new Map<string, number>();

  /** Hand an event to the bot (which de-duplicates, logs and answers); finish it before stopping. */
  function handle(roomId: string, work: () => Promise<void>): void {
    // Webhook mode stops at the receiver (events already taken still finish); a websocket
    // keeps delivering until the framework stops, so new events are turned away here.
    if (!accepting && !options.webhook) {
      log.info('stopping: event not taken');
      return;
    }
    // A websocket cannot be answered 503: past the limit the person is told to try again
    // (once a minute per space). In webhook mode the lanes bound the work before this.
    if (!options.webhook && inFlight.size >= maxInFlight) {
      shedSoFar += 1;
      log.warn('event shed: too much at once; the person is asked to try again', { inFlight: inFlight.size, limit: maxInFlight, shedSoFar });
      const last = busyTold.get(roomId);
      if (last === undefined || Date.now() - last > 60_000) {
        busyTold.set(roomId, Date.now());
        void inFlight.track(tellPerson(roomId, 'transport.busy', ''));
      }
      return;
    }
    // The bot answers every error itself; what is left here is a bug to log.
    void inFlight.track(work().catch((error: unknown) => log.error('the bot failed on an event', { error: error instanceof Error ? error.stack : String(error) })));
  }

  framework.on('message', (fbot, trigger) => {
    if (!isAddressedToBot(fbot, trigger, framework.person.id)) return;
    const message = toIncomingMessage(fbot, trigger, framework.person);
    handle(message.roomId, () => options.bot.onMessage(message, outbox));
  });
  framework.on('attachmentAction', (fbot, trigger) => {
    const roomType = fbot.room.type === 'direct' ? 'direct' : 'group';
    const action = { ...toIncomingAction(trigger), roomType } as const;
    handle(action.roomId, () => options.bot.onAction(action, outbox));
  });
  framework.on('spawn', (fbot, _frameworkId, addedBy) => {
    // addedBy is set only when someone added the bot just now (not at startup discovery);
    // the bot opening a 1:1 itself (to message a person) is no reason for a welcome.
    if (!addedBy || addedBy === framework.person.id) return;
    const room = { roomId: fbot.room.id, roomType: fbot.room.type, eventId: `joined:${fbot.membership?.id ?? fbot.room.id}` };
    handle(room.roomId, () => options.bot.onJoined(room, outbox));
  });
  framework.on('log', (line) => log.debug(String(line)));

  async function start(): Promise<void> {
    const started = framework.start();
    if (options.emulated) dropEmulatorTokenLine(framework.webex);
    if (options.sharedWebhooks) shareWebhooks(framework.webex, (what) => log.debug(what));
    // start() creates the SDK synchronously; wrap its fetches before any event arrives.
    addRetryToSdk(framework.webex, {
      policy,
      onRetry: (info) => log.warn('Webex fetch failed, retrying', info),
      onGiveUp: (failure: FetchFailure) => {
        // The fetch runs inside the webhook event's context (AsyncLocalStorage), so we know
        // which event the framework is about to drop, and in which space it happened.
        const eventId = currentEventId() ?? failure.id ?? 'unknown';
        withEventContext(eventId, () =>
          log.error('Webex fetch failed after retries; the framework drops this event', {
            what: failure.what,
            id: failure.id,
            status: statusOf(failure.error),
          }),
        );
        const roomId = eventRooms.get(eventId) ?? (failure.id ? eventRooms.get(failure.id) : undefined);
        if (roomId && told.firstTime(eventId)) void inFlight.track(tellPerson(roomId, 'transport.fetch-failed', eventId));
      },
    });
    await started;
    await waitUntil(
      () => framework.initialized && (!options.webhook || webhooksRegistered(framework)),
      options.startTimeoutMs ?? 20_000,
    );
    log.info('Webex framework started', { bot: framework.person.emails[0], mode: options.emulated ? 'local' : options.webhook ? 'webhook' : 'websocket' });
  }

  return {
    outbox,
    start,
    isReady: () => accepting && framework.initialized,
    ingestWebhook(body) {
      if (!accepting) return 'stopping';
      // A redelivery goes through too: the bot handles each event id once.
      const work = workFor(body);
      if (work === 'ignore') return 'accepted';
      const taken = withEventContext(body.data.id, () => lanes.take(work.line, work.run));
      if (isShed(taken)) {
        withEventContext(body.data.id, () => log.warn('event shed: too much at once; Webex is answered 503 and delivers it again', { resource: body.resource, ...taken }));
        return 'shed';
      }
      if (body.data.roomId) rememberRoom(eventRooms, body.data.id, body.data.roomId);
      void inFlight.track(taken.catch((error: unknown) => withEventContext(body.data.id, () => log.error('handling a webhook event failed', { resource: body.resource, error: error instanceof Error ? error.stack : String(error) }))));
      return 'accepted';
    },
    async stop(stopOptions = {}) {
      accepting = false;
      const finished = await inFlight.drain(stopOptions.timeoutMs ?? 10_000);
      if (!finished) log.warn('stopping with events still in flight', { count: inFlight.size });
      await framework.stop().catch((error: unknown) => log.warn('framework stop failed', { error: String(error) }));
    },
  };
}

function webhooksRegistered(framework: Framework): boolean {
  return !!framework.webhook && !!framework.webhook.id && !!framework.cardsWebhook?.id;
}

function rememberRoom(rooms: Map<string, string>, eventId: string, roomId: string): void {
  rooms.set(eventId, roomId);
  if (rooms.size > 5_000) {
    const oldest = rooms.keys().next().value;
    if (oldest !== undefined) rooms.delete(oldest);
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`the Webex framework did not get ready within ${timeoutMs} ms: check WEBEX_BOT_TOKEN (the bot's access token from developer.webex.com) and that this machine reaches webexapis.com`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
