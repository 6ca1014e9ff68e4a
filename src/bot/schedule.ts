// The desk's own schedule: grants that end or need a reminder, asks nobody took, the weekly reclaim
// report (RECLAIM_REPORT=weekly). It runs at start (a grant that ended or a report due while the
// desk was down is dealt with then), every minute, and on every event, one run at a time, as
// "system" (nobody clicked). Each step commits first (against the grant's or request's version,
// the report's week slot), so a step runs once even when two runs meet.
import type { FlowContext } from '../flows/index.js';
import { remindUntouchedAsks, runGrantSchedule, sendReclaimReport } from '../flows/index.js';
import { logger, withEventContext } from '../logger.js';
import type { Outbox } from './types.js';

const EVERY_MS = 60_000;
export const DESK_ACTOR = { personId: 'system', email: 'system', displayName: 'License Desk' } as const;

type ContextFor = (input: { eventId: string; actor: typeof DESK_ACTOR; roomId: string; outbox: Outbox }) => FlowContext;

export class DeskSchedule {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly everyMs: number;

  constructor(private readonly options: { contextFor: ContextFor; everyMs?: number | undefined }) {
    this.everyMs = options.everyMs ?? EVERY_MS;
  }

  /** Runs now and then every minute, sending through `outbox`. */
  start(outbox: Outbox): void {
    if (this.timer) return;
    const tick = () => {
      const eventId = `schedule-${Date.now()}`;
      void withEventContext(eventId, () => this.run(this.options.contextFor({ eventId, actor: DESK_ACTOR, roomId: '', outbox })));
    };
    tick();
    this.timer = setInterval(tick, this.everyMs).unref();
  }

  /**
   * One run at a time: an event arriving during a run waits for it instead of starting another
   * (events stay in the order they came; a run is a few store reads unless something is due).
   */
  async run(eventCtx: FlowContext): Promise<void> {
    if (this.running) return this.running;
    // Its own event id: its audit lines and the operator log name the desk, not the person whose event ran it.
    const eventId = eventCtx.eventId.startsWith('schedule-') ? eventCtx.eventId : `schedule-${eventCtx.eventId}`;
    const ctx: FlowContext = { ...eventCtx, eventId, actor: DESK_ACTOR, role: 'none', roomId: '', roomType: undefined, locale: eventCtx.config.botLocale };
    const failed = (what: string, error: unknown) => {
      logger.warn(`the desk schedule (${what}) failed; tried again in a minute or at the next event`, { error: error instanceof Error ? error.message : String(error) });
    };
    const work = async (): Promise<void> => {
      try {
        const result = await runGrantSchedule(ctx);
        if (result.reminded + result.ended + result.blocked > 0) logger.info('grants: reminders sent and licenses ended', { ...result });
        const asks = await remindUntouchedAsks(ctx);
        if (asks > 0) logger.info('asks nobody took were posted to the helpdesk again', { asks });
      } catch (error) {
        failed('grants, helpdesk reminders', error);
      }
      // On its own: a grant that keeps failing does not hold up the week's report. It logs what it sent.
      await sendReclaimReport(ctx).catch((error: unknown) => failed('the weekly reclaim report', error));
    };
    this.running = withEventContext(eventId, work).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
