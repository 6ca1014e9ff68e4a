// Work that must run on one replica at a time: the outbox worker, the sync, the desk schedule.
// With a store that has leases (PostgreSQL), the replica holding the lease runs it; the lease is
// renewed every few seconds and runs out when its holder dies, so a survivor takes over within
// the lease time. The embedded store (one process per data file) runs it at once.
import { logger } from '../logger.js';
import type { Store } from '../store/index.js';

export const SINGLETON_LEASE = 'desk-singletons';
const DEFAULT_TTL_MS = 15_000;

export interface SingletonOptions {
  store: Pick<Store, 'lease'>;
  /** This replica's name in the lease (a random id per process). */
  holder: string;
  ttlMs?: number;
  lead(): void;
  /** The lease was lost (the database unreachable, or taken over after a pause): stop the work. */
  yieldLead(): Promise<void>;
}

export class Singletons {
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private ticking: Promise<void> | undefined;

  constructor(private readonly options: SingletonOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    const { store } = this.options;
    if (!store.lease) {
      this.leading = true;
      this.options.lead();
      return;
    }
    const ttl = this.options.ttlMs ?? DEFAULT_TTL_MS;
    const tick = () => {
      this.ticking ??= this.tick(ttl).finally(() => (this.ticking = undefined));
    };
    tick();
    this.timer = setInterval(tick, Math.max(500, Math.floor(ttl / 3))).unref();
  }

  private async tick(ttl: number): Promise<void> {
    const held = await this.options.store.lease!(SINGLETON_LEASE, this.options.holder, ttl).catch((error: Error) => {
      logger.warn('could not renew the singleton lease; this replica stops its background work until it can', { error: error.message });
      return false;
    });
    if (held && !this.leading) {
      this.leading = true;
      logger.info('this replica runs the outbox worker, the sync and the schedule', { holder: this.options.holder });
      this.options.lead();
    } else if (!held && this.leading) {
      this.leading = false;
      logger.warn('this replica no longer holds the singleton lease; its background work stops', { holder: this.options.holder });
      await this.options.yieldLead();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    if (this.leading) await this.options.yieldLead();
    this.leading = false;
  }
}
