// createBot: the bot layer behind every transport. A message → clean text → command
// route; a card submit → zod-parsed payload → flow. Both go through de-duplication,
// authorization (R11, from the actor Webex gives) and the one error boundary.
import { randomUUID } from 'node:crypto';
import type { Actor, Locale } from '../domain/index.js';
import type { FlowConfig, FlowContext, Reply } from '../flows/index.js';
import type { OrgConnection } from '../flows/org/port.js';
import type { CardFlow } from '../flows/index.js';
import { CARD_FLOWS, errorCard, expireDueRequests, helpCard, removeExpiredDrafts } from '../flows/index.js';
import { DeskSchedule } from './schedule.js';
import { Singletons } from './singletons.js';
import { can } from '../rules/index.js';
import { currentEventId, logger, withEventContext } from '../logger.js';
import type { Store } from '../store/index.js';
import { refuse, roleOf } from './authorize.js';
import { withBoundary } from './boundary.js';
import { helpFor } from './commands.js';
import { commandFlow, runCommand } from './run-command.js';
import { RecentIds } from './dedupe.js';
import { parseSubmit } from './payload.js';
import type { BotCore, Outbox, RoomType } from './types.js';
import { OrgDesk, type OrgDeskOptions } from '../flows/org/desk.js';
import { withOperatorLog } from './operator-log.js';

export interface CreateBotOptions {
  store: Store;
  /** The app's Config satisfies this (adminEmails, helpdeskEmails, botLocale). */
  config: FlowConfig;
  now?: () => Date;
  newId?: () => string;
  /** Names people may type before a command in group spaces ("LicenseDesk licenses …"). */
  botNames?: readonly string[];
  /** How many recent event ids to remember for de-duplication. */
  recentEvents?: number;
  /** Expired drafts are removed at most this often (a scan of all drafts); default 5 minutes. */
  draftSweepEveryMs?: number;
  /** This replica's name in the singleton lease (several replicas on PostgreSQL); default a random id. */
  replicaId?: string;
  /** How long the singleton lease lasts unrenewed (a dead holder's work moves after it); default 15 s. */
  leaseTtlMs?: number;
  /** How often the desk's schedule (grants ending) runs between events; default every minute. */
  scheduleEveryMs?: number;
  /** The outbox worker's pace (tests: short backoff). */
  orgWork?: OrgDeskOptions['worker'];
  /**
   * An admin connection for flows to ask (e.g. free numbers) without the org work started
   * (flow tests). The transport's connection, given at start, takes over.
   */
  org?: OrgConnection;
}

const DRAFT_SWEEP_EVERY_MS = 5 * 60 * 1000;

/** The flows' card flows and the bot's own: "run this command" buttons. */
const FLOWS: ReadonlyMap<string, CardFlow> = new Map([...CARD_FLOWS, [commandFlow.name, commandFlow]]);

function replyFor(outbox: Outbox, roomId: string, eventId: string): Reply {
  async function remove(messageId: string): Promise<void> {
    try {
      await outbox.deleteMessage(messageId);
    } catch (error) {
      // A card left behind is untidy, not wrong: its draft version makes it stale.
      logger.warn('could not delete an old card', { eventId, messageId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    card: (card) => outbox.sendCard(roomId, card),
    text: (markdown) => outbox.sendText(roomId, markdown),
    remove,
    async replace(messageId, card) {
      if (outbox.replaceCard) return outbox.replaceCard(roomId, messageId, card);
      const sent = await outbox.sendCard(roomId, card);
      await remove(messageId);
      return sent;
    },
  };
}

export function createBot(options: CreateBotOptions): BotCore {
  const { config } = options;
  /** Who acts in each event being handled, by event id (for the conflict log line). */
  const actors = new Map<string, string>();
  // Every commit the bot makes is logged for operators once written (operator-log.ts).
  const store = withOperatorLog(options.store, { actorNow: () => actors.get(currentEventId() ?? '') });
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID());
  const recent = new RecentIds(options.recentEvents);
  const localeOf = (actor: Actor): Locale => store.locale(actor.personId) ?? config.botLocale;

  let orgDesk: OrgDesk | undefined;
  /** The admin connection the transport gave at start: every replica queues changes with it; the lease holder sends them. */
  let orgConnection: OrgConnection | undefined;
  let singletons: Singletons | undefined;

  const contextFor = (input: { eventId: string; actor: Actor; roomId: string; roomType?: RoomType | undefined; outbox: Outbox }): FlowContext => ({
    org: orgDesk?.org ?? orgConnection ?? options.org,
    orgSync: orgDesk,
    store,
    config,
    now,
    newId,
    eventId: input.eventId,
    actor: input.actor,
    role: roleOf(input.actor, store, config),
    roomId: input.roomId,
    roomType: input.roomType,
    locale: localeOf(input.actor),
    reply: replyFor(input.outbox, input.roomId, input.eventId),
    outbox: input.outbox,
  });

  const draftSweepEveryMs = options.draftSweepEveryMs ?? DRAFT_SWEEP_EVERY_MS;
  let lastDraftSweep: number | undefined;

  /**
   * Expired drafts go every few minutes, not on every event: the first event after
   * start, then once the interval has passed (set before awaiting, so events arriving
   * meanwhile do not sweep again).
   */
  const sweepDrafts = async (ctx: FlowContext): Promise<void> => {
    const time = ctx.now().getTime();
    if (lastDraftSweep !== undefined && time - lastDraftSweep < draftSweepEveryMs) return;
    lastDraftSweep = time;
    try {
      const removed = await removeExpiredDrafts(ctx);
      if (removed > 0) logger.info('expired drafts removed', { removed });
    } catch (error) {
      logger.warn('could not remove expired drafts; tried again at the next sweep', { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const schedule = new DeskSchedule({ contextFor, everyMs: options.scheduleEveryMs });

  /** On any event: requests past their expiry are closed (the requester is told), grants that are due end, expired drafts go. */
  const sweep = async (ctx: FlowContext): Promise<void> => {
    try {
      await expireDueRequests(ctx);
    } catch (error) {
      logger.warn('could not expire requests; tried again on the next message or card action', { error: error instanceof Error ? error.message : String(error) });
    }
    // Only the replica holding the singleton lease (or the only one): a reminder goes out once.
    if (singletons?.isLeader ?? true) await schedule.run(ctx);
    await sweepDrafts(ctx);
  };

  /** Once per event id: in this process, and across replicas where the store can claim ids. */
  const once = async (eventId: string): Promise<boolean> => {
    if (recent.firstTime(eventId) && (!store.claimEvent || (await store.claimEvent(eventId)))) return true;
    logger.info('duplicate event ignored', { eventId });
    return false;
  };

  /** Every message and card action: once per event id, in its log context, expired requests swept, inside the error boundary. */
  const handleEvent = async (input: Parameters<typeof contextFor>[0], work: (ctx: FlowContext) => Promise<void>): Promise<void> => {
    if (!(await once(input.eventId))) return;
    actors.set(input.eventId, input.actor.email);
    try {
      await withEventContext(input.eventId, async () => {
        // Another replica may have committed this card's step a moment ago.
        await store.refresh?.();
        const ctx = contextFor(input);
        await sweep(ctx);
        await withBoundary(ctx, () => work(ctx));
      });
    } finally {
      actors.delete(input.eventId);
    }
    orgDesk?.kick(); // the event may have queued a change for Webex
  };

  return {
    handled: (eventId) => recent.has(eventId),

    start({ outbox, org }) {
      if (singletons) return;
      orgConnection = org;
      const lead = () => {
        schedule.start(outbox);
        if (!org || orgDesk) return;
        orgDesk = new OrgDesk({
          store,
          org,
          outbox,
          botLocale: config.botLocale,
          syncIntervalMinutes: config.syncIntervalMinutes ?? 15,
          now,
          log: (level, message, meta) => logger[level](message, meta),
          ...(options.orgWork ? { worker: options.orgWork } : {}),
        });
        orgDesk.start();
      };
      const yieldLead = async () => {
        await schedule.stop();
        const stopping = orgDesk;
        orgDesk = undefined;
        await stopping?.stop();
      };
      singletons = new Singletons({ store, holder: options.replicaId ?? `replica-${randomUUID()}`, lead, yieldLead, ...(options.leaseTtlMs ? { ttlMs: options.leaseTtlMs } : {}) });
      // A change another replica queued for Webex: the lease holder's worker sends it.
      store.onRemoteCommit?.(() => orgDesk?.kick());
      singletons.start();
    },

    async stop() {
      await singletons?.stop();
      await schedule.stop();
      await orgDesk?.stop();
    },

    orgDesk: () => orgDesk,

    async onMessage(message, outbox) {
      await handleEvent({ ...message, outbox }, (ctx) => runCommand(ctx, message.text, options.botNames));
    },

    async onAction(action, outbox) {
      await handleEvent({ ...action, outbox }, async (ctx) => {
        const parsed = parseSubmit(action.inputs, action.messageId);
        if (!parsed.ok) {
          logger.info('card payload refused', { problem: parsed.problem });
          await ctx.reply.card(errorCard(ctx, 'error.bad-payload', { problem: parsed.problem }));
          return;
        }
        const { submit } = parsed;
        logger.info('card action', { flow: submit.flow, step: submit.step, action: submit.action, role: ctx.role });
        const flow = FLOWS.get(submit.flow);
        const what = `${submit.flow}.${submit.step}.${submit.action}`;
        const targetUserId = flow?.targetOf(store, submit);
        // Without a role only the flows anyone in the org may use (asking, answering the helpdesk).
        if (!can(ctx.role, 'view') && !(flow && can(ctx.role, flow.needs))) return refuse(ctx, { what, targetUserId });
        if (!flow) return void (await ctx.reply.card(errorCard(ctx, 'error.unknown-flow', { flow: submit.flow })));
        if (!can(ctx.role, flow.needs)) return refuse(ctx, { what, key: 'refused.admin-only', params: { what: submit.action }, targetUserId });
        await flow.handle(ctx, submit);
      });
    },

    async onJoined(room, outbox) {
      const eventId = room.eventId ?? `joined-${room.roomId}`;
      if (!(await once(eventId))) return;
      await withEventContext(eventId, async () => {
        try {
          // Everyone in the space reads it: the general commands, without role-specific power
          // (each person's `help` shows their own); it names nobody.
          await outbox.sendCard(room.roomId, helpCard({ locale: config.botLocale }, 'help.welcome', helpFor('helpdesk', config.botLocale), 'everyone'));
        } catch (error) {
          logger.error('could not post the welcome card; the person still gets it by typing help', { error: error instanceof Error ? error.message : String(error) });
        }
      });
    },
  };
}

export type { BotCore, Outbox, IncomingAction, IncomingMessage, OutgoingCard } from './types.js';
