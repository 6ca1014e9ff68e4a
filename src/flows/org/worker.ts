// The outbox worker: sends each queued change to Webex, one change at a time per user and
// in order, several users at once. 429/5xx/network: tried again later with backoff
// (bounded). A change that may already have reached Webex (sent before a crash, or its
// answer lost) is compared with what Webex holds first, and only what is missing is sent.
import type { AuditInput, OrgChange } from '../../domain/index.js';
import { ConflictError, type Store } from '../../store/index.js';
import type { OrgOps } from './changes.js';
import { OrgUnavailableError, type OrgConnection } from './port.js';
import { partsFromAnswer, partsFromRefusal, statusOfParts, stillMissing } from './results.js';

export interface OutboxWorkerOptions {
  store: Store;
  org: OrgConnection;
  /** Tell the person who saved it (Applied in Webex, or what failed). Errors are logged, not retried. */
  notify: (change: OrgChange) => Promise<void>;
  now?: () => Date;
  parallelUsers?: number;
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  log?: (level: 'info' | 'warn', message: string, meta: Record<string, unknown>) => void;
}

const DEFAULTS = { parallelUsers: 4, maxAttempts: 8, backoff: { baseMs: 2_000, maxMs: 10 * 60_000 } };

export class OutboxWorker {
  private readonly inFlight = new Map<string, Promise<void>>(); // by user id
  /** Queued when this process started: the last one may have sent them already. */
  private readonly uncertain = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly settledWaiters: (() => void)[] = [];
  private readonly options: Required<Omit<OutboxWorkerOptions, 'log'>> & Pick<OutboxWorkerOptions, 'log'>;

  constructor(options: OutboxWorkerOptions) {
    this.options = { now: () => new Date(), ...DEFAULTS, ...options };
  }

  start(): void {
    this.running = true;
    for (const change of this.options.store.orgChanges({ status: 'queued' })) this.uncertain.add(change.id);
    // Answered before the last stop, but nobody heard it yet.
    const untold = this.options.store.orgChanges().filter((c) => c.told === false);
    void Promise.all(untold.map((change) => this.tell(change)));
    this.kick();
  }

  /** Look for due work now (after a commit that queued a change, or a Retry). */
  kick(): void {
    if (!this.running) return;
    setImmediate(() => this.pass());
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.allSettled(this.inFlight.values());
  }

  /** Resolves when nothing is in flight and nothing queued is due (tests, benchmarks). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private isIdle(): boolean {
    const now = this.options.now().getTime();
    return this.inFlight.size === 0 && !this.options.store.orgChanges({ status: 'queued' }).some((c) => due(c, now));
  }

  private pass(): void {
    if (!this.running) return;
    const now = this.options.now().getTime();
    const firstPerUser = new Map<string, OrgChange>();
    for (const change of this.options.store.orgChanges({ status: 'queued' })) {
      if (!firstPerUser.has(change.userId)) firstPerUser.set(change.userId, change);
    }
    let nextWake: number | undefined;
    for (const change of firstPerUser.values()) {
      if (this.inFlight.has(change.userId)) continue;
      if (!due(change, now)) {
        const at = Date.parse(change.notBefore!);
        nextWake = nextWake === undefined ? at : Math.min(nextWake, at);
        continue;
      }
      if (this.inFlight.size >= this.options.parallelUsers) break;
      const work = this.send(change).finally(() => {
        this.inFlight.delete(change.userId);
        this.kick();
      });
      this.inFlight.set(change.userId, work);
    }
    clearTimeout(this.timer);
    if (nextWake !== undefined) this.timer = setTimeout(() => this.pass(), Math.max(10, nextWake - now)).unref();
    if (this.isIdle()) this.settledWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async send(change: OrgChange): Promise<void> {
    const { org } = this.options;
    try {
      let ops: OrgOps = { licenses: change.licenses, siteUrls: change.siteUrls };
      if (change.attempts > 0 || this.uncertain.has(change.id)) {
        const person = await org.person({ email: change.email });
        if (!person) return await this.finish(change, partsFromRefusal(change, { code: 'person-unknown', message: `Webex has no person ${change.email}` }));
        ops = stillMissing(change, person);
      }
      this.uncertain.delete(change.id);
      if (ops.licenses.length === 0 && ops.siteUrls.length === 0) {
        return await this.finish(change, partsFromAnswer(change, { kind: 'done', httpStatus: 200, ...heldAfter(change) }));
      }
      const answer = await org.patchLicenses({ email: change.email, ...ops });
      const parts = answer.kind === 'done' ? partsFromAnswer(change, answer) : partsFromRefusal(change, answer);
      await this.finish(change, parts);
    } catch (error) {
      await this.later(change, error);
    }
  }

  private async finish(change: OrgChange, parts: OrgChange['parts']): Promise<void> {
    const now = this.options.now().toISOString();
    const { notBefore: _n, ...rest } = change;
    const next: OrgChange = {
      ...rest,
      status: statusOfParts(parts),
      parts,
      attempts: change.attempts + 1,
      updatedAt: now,
      ...(change.notify ? { told: false } : {}),
      version: change.version + 1,
    };
    const saved = await this.save(change, next, [resultLine(next)]);
    if (!saved) return;
    this.options.log?.('info', `change ${next.status} in Webex`, { changeId: next.id, user: next.email, source: next.source });
    await this.tell(next);
  }

  /** Tell the person who saved it, then note that they were told (a crash in between tells them twice, never not at all). */
  private async tell(change: OrgChange): Promise<void> {
    if (!change.notify || change.told !== false) return;
    try {
      await this.options.notify(change);
    } catch (error) {
      this.options.log?.('warn', 'could not tell the admin what Webex answered; tried again at the next start', { changeId: change.id, error: String(error) });
      return;
    }
    // The same version: a card's Retry and Revert, made from this change, stay valid.
    const current = this.options.store.orgChange(change.id);
    if (current?.version === change.version) await this.save(change, { ...current, told: true }, []);
  }

  /** A transient failure: try again after a backoff, or give up after maxAttempts (failed, with Retry). */
  private async later(change: OrgChange, error: unknown): Promise<void> {
    const { maxAttempts, backoff } = this.options;
    const attempts = change.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof OrgUnavailableError) || attempts >= maxAttempts) {
      const parts = partsFromRefusal(change, { code: error instanceof OrgUnavailableError ? 'unavailable' : 'error', message });
      return this.finish({ ...change, attempts: attempts - 1 }, parts);
    }
    const wait = error.retryAfterMs ?? Math.min(backoff.baseMs * 2 ** (attempts - 1), backoff.maxMs);
    const next: OrgChange = {
      ...change,
      attempts,
      lastError: message,
      notBefore: new Date(this.options.now().getTime() + wait).toISOString(),
      updatedAt: this.options.now().toISOString(),
      version: change.version + 1,
    };
    this.options.log?.('warn', 'Webex is not reachable for a change; trying again later', { changeId: change.id, attempts, waitMs: wait, error: message });
    await this.save(change, next, []);
  }

  private async save(before: OrgChange, next: OrgChange, audit: AuditInput[]): Promise<boolean> {
    try {
      await this.options.store.commit({ mutations: [{ type: 'orgChange.put', change: next, expectedVersion: before.version }], audit });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false; // an admin's Retry or Revert came first
      throw error;
    }
  }
}

const due = (change: OrgChange, now: number): boolean => change.notBefore === undefined || Date.parse(change.notBefore) <= now;

/** Nothing left to send: Webex holds the change as asked. */
function heldAfter(change: OrgChange) {
  return {
    licenses: change.licenses.filter((op) => op.operation === 'add').map((op) => op.id),
    attendeeOf: change.siteUrls.filter((op) => op.operation === 'add').map((op) => op.siteUrl),
    pendingLicenses: [],
    pendingAttendeeOf: [],
  };
}

function resultLine(change: OrgChange): AuditInput {
  return {
    action: 'webex.apply',
    actorId: 'webex',
    actorEmail: 'webex',
    targetUserId: change.userId,
    targetEmail: change.email,
    codes: change.parts.flatMap((p) => (p.code ? [p.code] : [])),
    details: { changeId: change.id, status: change.status, ...(change.auditSeq ? { changeSeq: change.auditSeq } : {}), parts: change.parts },
  };
}
