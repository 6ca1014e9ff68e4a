// The desk's background work with an admin connection: the outbox worker (apply out) and
// the sync (in) at start, on `sync` and every SYNC_INTERVAL_MINUTES. One sync at a time.
import type { Locale, OrgChange } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import type { FlowOutbox } from '../context.js';
import { webexResultCard } from './notify.js';
import type { OrgConnection } from './port.js';
import { syncFromOrg, type SyncResult } from './sync.js';
import { OutboxWorker, type OutboxWorkerOptions } from './worker.js';

type Log = (level: 'info' | 'warn', message: string, meta: Record<string, unknown>) => void;

export interface OrgDeskOptions {
  store: Store;
  org: OrgConnection;
  outbox: Pick<FlowOutbox, 'sendCard'>;
  botLocale: Locale;
  /** 0: no timer (start and `sync` only). */
  syncIntervalMinutes: number;
  now?: () => Date;
  log?: Log;
  worker?: Partial<Pick<OutboxWorkerOptions, 'parallelUsers' | 'maxAttempts' | 'backoff'>>;
}

export class OrgDesk {
  readonly org: OrgConnection;
  readonly worker: OutboxWorker;
  private syncing: Promise<SyncResult> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OrgDeskOptions) {
    this.org = options.org;
    const { store, outbox, botLocale } = options;
    this.worker = new OutboxWorker({
      store,
      org: options.org,
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...options.worker,
      notify: async (change: OrgChange) => {
        if (!change.notify) return;
        const locale = store.locale(change.notify.personId) ?? botLocale;
        await outbox.sendCard(change.notify.roomId, webexResultCard({ locale }, store, change));
      },
    });
  }

  /** Worker first (changes saved before a restart go out), then the first sync in the background. */
  start(): void {
    this.worker.start();
    void this.syncNow().catch(() => undefined); // logged in syncNow
    const minutes = this.options.syncIntervalMinutes;
    if (minutes > 0) this.timer = setInterval(() => void this.syncNow().catch(() => undefined), minutes * 60_000).unref();
  }

  /** After each event: a commit may have queued a change. */
  kick(): void {
    this.worker.kick();
  }

  /** Runs a sync, or joins the one running. */
  syncNow(): Promise<SyncResult> {
    this.syncing ??= syncFromOrg({ store: this.options.store, org: this.org, now: this.options.now ?? (() => new Date()) })
      .then((result) => {
        this.options.log?.('info', 'synced with Webex', { ...result });
        return result;
      })
      .catch((error: unknown) => {
        this.options.log?.('warn', 'sync with Webex failed; tried again at the next interval or `sync`', { error: error instanceof Error ? error.message : String(error) });
        throw error;
      })
      .finally(() => {
        this.syncing = undefined;
      });
    return this.syncing;
  }

  get isSyncing(): boolean {
    return this.syncing !== undefined;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.worker.stop();
    await this.syncing?.catch(() => undefined);
  }
}
