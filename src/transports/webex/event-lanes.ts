// Events in order within their lane (a room's messages and clicks; a room's framework
// events), and no more than the limits in flight: past them an event is shed, so the
// caller answers 503 (Webex delivers it again) or tells the person, instead of queueing
// without bound.
export interface EventLimits {
  /** Events taken and not finished yet, over all lanes. */
  eventsInFlight: number;
  /** Events waiting or running in one lane. */
  eventsPerRoom: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = { eventsInFlight: 200, eventsPerRoom: 20 };

/** A hung fetch must not block a lane for good: after this the next event goes anyway. */
const LANE_PATIENCE_MS = 30_000;

export type Shed = { shed: true; reason: 'in flight' | 'lane'; inFlight: number; inLane: number; shedSoFar: number };

export class EventLanes {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly counts = new Map<string, number>();
  private running = 0;
  private shedCount = 0;

  constructor(private readonly limits: EventLimits = DEFAULT_EVENT_LIMITS) {}

  get inFlight(): number {
    return this.running;
  }

  /** Take the event if the limits allow: it runs after the lane's earlier ones. */
  take(lane: string, work: () => Promise<unknown>): Promise<unknown> | Shed {
    const inLane = this.counts.get(lane) ?? 0;
    if (this.running >= this.limits.eventsInFlight || inLane >= this.limits.eventsPerRoom) {
      this.shedCount += 1;
      return { shed: true, reason: this.running >= this.limits.eventsInFlight ? 'in flight' : 'lane', inFlight: this.running, inLane, shedSoFar: this.shedCount };
    }
    this.running += 1;
    this.counts.set(lane, inLane + 1);
    const previous = this.tails.get(lane) ?? Promise.resolve();
    const next = settledOrAfter(previous, LANE_PATIENCE_MS).then(work);
    this.tails.set(lane, next);
    const done = () => {
      this.running -= 1;
      const left = (this.counts.get(lane) ?? 1) - 1;
      if (left > 0) this.counts.set(lane, left);
      else this.counts.delete(lane);
      if (this.tails.get(lane) === next) this.tails.delete(lane);
    };
    next.then(done, done);
    return next;
  }
}

export const isShed = (taken: Promise<unknown> | Shed): taken is Shed => 'shed' in taken;

function settledOrAfter(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work.then(noop, noop), waited]).finally(() => clearTimeout(timer));
}

function noop(): void {}
