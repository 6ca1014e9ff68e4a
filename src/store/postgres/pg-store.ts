// The Store on PostgreSQL, for several replicas. Each replica keeps the org in memory (the same
// OrgState as the embedded store) and keeps it fresh: a commit locks desk_head (FOR UPDATE),
// first applies the batches other replicas committed since this one last looked, then checks
// and applies its own mutations exactly as the embedded store does (revisions, audit chain),
// and writes the batch, its audit lines and the new head in one transaction. Other replicas hear
// of it by NOTIFY and catch up; a poll catches up what a lost notification missed.
import type pg from 'pg';
import type { AuditEntry, OrgDocument } from '../../domain/index.js';
import type { AuditHead } from '../audit-log.js';
import { checkBatch } from '../check-batch.js';
import type { OrgState } from '../org-state.js';
import { applyMutation, PendingLayer } from '../pending-changes.js';
import { StateReads } from '../state-reads.js';
import { WriteQueue, type QueuedCommit } from '../write-queue.js';
import type { AuditVerdict } from '../audit-verify.js';
import { verifyPgAudit } from './verify.js';
import { StoreLoadError, StoreWriteError, type CommitInput, type CommitResult, type Mutation, type Store } from '../types.js';

export const COMMIT_CHANNEL = 'desk_commit';
const CATCH_UP_PAGE = 500;

export interface PgStoreParts {
  pool: pg.Pool;
  state: OrgState;
  head: AuditHead;
  batchId: number;
  now: () => Date;
  /** Write a new snapshot once this replica has applied this many batches since the last one. */
  snapshotEvery: number;
  /** How often to look for batches a lost notification did not announce (ms; 0: never). */
  pollMs: number;
  log: (level: 'warn' | 'error', message: string) => void;
}

interface BatchRow {
  id: string;
  mutations: Mutation[];
  audit_seq: string;
  audit_hash: string;
}

export class PgStore extends StateReads implements Store {
  /** The one writer of this replica: commits go out together (group commit); catching up runs as the writer too. */
  private readonly queue = new WriteQueue(
    (batch) => this.flush(batch),
    () => this.snapshotIfDue(),
  );
  private closed = false;
  private listener: pg.PoolClient | undefined;
  private poll: NodeJS.Timeout | undefined;
  private sinceSnapshot = 0;
  private readonly remoteListeners: (() => void)[] = [];
  /** When each batch this replica applied was committed (for read-model lag). */
  readonly applied: { batchId: number; committedAt: number; seenAt: number }[] = [];

  constructor(private readonly parts: PgStoreParts) {
    super();
  }

  protected get state(): OrgState {
    return this.parts.state;
  }

  /** The whole org as this replica holds it, with where the audit ends (moving out, comparing). */
  exportDocument(): OrgDocument {
    return { ...this.parts.state.toDocument(), position: { auditSeq: this.parts.head.seq, auditHash: this.parts.head.hash } };
  }

  /** Listen for other replicas' commits, and poll for what a lost notification missed. */
  async listen(): Promise<void> {
    const client = await this.parts.pool.connect();
    client.on('notification', () => void this.catchUp().catch(() => undefined));
    client.on('error', (error) => {
      this.parts.log('warn', `the database connection for commit notices failed (${error.message}); reconnecting`);
      this.listener = undefined;
      client.release(true);
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.query(`LISTEN ${COMMIT_CHANNEL}`);
    this.listener = client;
    await this.catchUp(); // what was committed before we listened
    if (this.parts.pollMs > 0 && !this.poll) this.poll = setInterval(() => void this.catchUp().catch(() => undefined), this.parts.pollMs).unref();
  }

  /** Apply the batches committed after the last one this replica applied. */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.queue.exclusive(async () => {
      const before = this.parts.batchId;
      await this.applyNewBatches(this.parts.pool);
      if (this.parts.batchId !== before) for (const listener of this.remoteListeners) listener();
    });
  }

  private async applyNewBatches(db: pg.Pool | pg.PoolClient, upTo = Number.MAX_SAFE_INTEGER): Promise<void> {
    for (;;) {
      const { rows } = await db.query<BatchRow & { committed_at: Date }>(
        'SELECT id, mutations, audit_seq, audit_hash, committed_at FROM desk_batches WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3',
        [this.parts.batchId, upTo, CATCH_UP_PAGE],
      );
      for (const row of rows) {
        const id = Number(row.id);
        if (id !== this.parts.batchId + 1) throw new StoreLoadError('desk_batches', `batch ${this.parts.batchId + 1} is missing (found ${id})`);
        const layer = new PendingLayer(this.parts.state);
        for (const mutation of row.mutations) applyMutation(layer, mutation);
        this.parts.state.apply(layer.changes);
        this.parts.batchId = id;
        this.parts.head = { seq: Number(row.audit_seq), hash: row.audit_hash };
        this.applied.push({ batchId: id, committedAt: row.committed_at.getTime(), seenAt: Date.now() });
        if (this.applied.length > 10_000) this.applied.splice(0, 5_000);
      }
      if (rows.length < CATCH_UP_PAGE) return;
    }
  }

  commit(input: CommitInput): Promise<CommitResult> {
    if (this.closed) return Promise.reject(new StoreWriteError('the store is closed'));
    if (input.mutations.length === 0 && (input.audit ?? []).length === 0) return Promise.resolve({ auditSeqs: [] });
    return this.queue.push(input);
  }

  /**
   * The commits queued meanwhile, in one transaction: each checked against the state plus the
   * ones before it (one that fails is refused alone), then one batch row, their audit rows and
   * the new head. Nothing is acknowledged before COMMIT.
   */
  private async flush(batch: QueuedCommit[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.parts.pool.connect();
    } catch (error) {
      const failure = new StoreWriteError(`could not save the change: the database is not reachable (${(error as Error).message})`, { cause: error });
      for (const job of batch) job.reject(failure);
      return;
    }
    const accepted: { job: QueuedCommit; seqs: number[] }[] = [];
    let pending = batch;
    try {
      await client.query('BEGIN');
      const head = (await client.query<{ batch_id: string }>('SELECT batch_id FROM desk_head WHERE id = 1 FOR UPDATE')).rows[0];
      if (!head) throw new StoreWriteError('the database holds no org (desk_head is empty)');
      await this.applyNewBatches(client, Number(head.batch_id));
      const checked = checkBatch(this.parts.state, batch, this.parts.head, this.parts.now().toISOString());
      const { layer: batchLayer, mutations, entries, head: auditHead } = checked;
      accepted.push(...checked.accepted);
      pending = accepted.map((a) => a.job);
      if (accepted.length === 0) {
        await client.query('ROLLBACK');
        return;
      }
      const id = this.parts.batchId + 1;
      await client.query('INSERT INTO desk_batches (id, mutations, audit_seq, audit_hash) VALUES ($1, $2, $3, $4)', [id, JSON.stringify(mutations), auditHead.seq, auditHead.hash]);
      await insertAudit(client, entries);
      await client.query('UPDATE desk_head SET batch_id = $1, audit_seq = $2, audit_hash = $3 WHERE id = 1', [id, auditHead.seq, auditHead.hash]);
      await client.query('SELECT pg_notify($1, $2)', [COMMIT_CHANNEL, String(id)]);
      await client.query('COMMIT');
      this.parts.state.apply(batchLayer.changes);
      this.parts.batchId = id;
      this.parts.head = auditHead;
      this.sinceSnapshot += 1;
      for (const { job, seqs } of accepted) job.resolve({ auditSeqs: seqs });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const failure = error instanceof StoreWriteError || error instanceof StoreLoadError ? error : new StoreWriteError(`could not save the change: ${(error as Error).message}`, { cause: error });
      for (const job of pending) job.reject(failure);
    } finally {
      client.release();
    }
  }

  private async snapshotIfDue(): Promise<void> {
    if (this.sinceSnapshot < this.parts.snapshotEvery) return;
    await this.writeSnapshot().catch((error: Error) => this.parts.log('warn', `could not write a snapshot: ${error.message}`));
  }

  /** The document as this replica holds it now, so a replica starting later replays less. */
  private async writeSnapshot(): Promise<void> {
    const client = this.parts.pool;
    const batchId = this.parts.batchId;
    const document = { ...this.parts.state.toDocument(), position: { auditSeq: this.parts.head.seq, auditHash: this.parts.head.hash } };
    await client.query('UPDATE desk_snapshot SET document = $1, batch_id = $2, written_at = now() WHERE id = 1 AND batch_id < $2', [JSON.stringify(document), batchId]);
    this.sinceSnapshot = 0;
  }

  audit(entries: CommitInput['audit']): Promise<CommitResult> {
    return this.commit({ mutations: [], audit: entries });
  }

  auditHead(): { seq: number; hash: string } {
    return { ...this.parts.head };
  }

  async auditEntry(seq: number): Promise<AuditEntry | undefined> {
    const { rows } = await this.parts.pool.query<{ entry: AuditEntry }>('SELECT entry FROM desk_audit WHERE seq = $1 AND target_user_id IS NOT NULL', [seq]);
    return rows[0]?.entry;
  }

  async history(userId: string, opts: { offset: number; limit: number }): Promise<{ entries: AuditEntry[]; total: number }> {
    const [page, count] = await Promise.all([
      this.parts.pool.query<{ entry: AuditEntry }>('SELECT entry FROM desk_audit WHERE target_user_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT $3', [userId, opts.offset, opts.limit]),
      this.parts.pool.query<{ n: string }>('SELECT count(*) AS n FROM desk_audit WHERE target_user_id = $1', [userId]),
    ]);
    return { entries: page.rows.map((r) => r.entry), total: Number(count.rows[0]?.n ?? 0) };
  }

  /** Claim an event id for this desk (Webex retries, and may deliver to another replica): true the first time. */
  async claimEvent(eventId: string): Promise<boolean> {
    const { rowCount } = await this.parts.pool.query('INSERT INTO desk_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [eventId]);
    // Webex retries for minutes, not days: ids older than two days are let go, now and then.
    if (Math.random() < 0.001) await this.parts.pool.query("DELETE FROM desk_events WHERE seen_at < now() - interval '2 days'").catch(() => undefined);
    return rowCount === 1;
  }

  verifyAudit(): Promise<AuditVerdict> {
    return verifyPgAudit(this.parts.pool);
  }

  refresh(): Promise<void> {
    return this.catchUp();
  }

  /** Take or renew a lease (a singleton's): true while `holder` holds it; another holder's lease must have run out. */
  async lease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const { rows } = await this.parts.pool.query<{ holder: string }>(
      `INSERT INTO desk_leases (name, holder, until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
         WHERE desk_leases.holder = EXCLUDED.holder OR desk_leases.until < now()
       RETURNING holder`,
      [name, holder, ttlMs],
    );
    return rows[0]?.holder === holder;
  }

  onRemoteCommit(listener: () => void): void {
    this.remoteListeners.push(listener);
  }

  settle(): Promise<void> {
    return this.queue.exclusive(() => Promise.resolve());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.settle();
    this.closed = true;
    clearInterval(this.poll);
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${COMMIT_CHANNEL}`).catch(() => undefined);
      this.listener.release();
    }
    await this.parts.pool.end();
  }
}

async function insertAudit(client: pg.PoolClient, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const values = entries.flatMap((entry) => [entry.seq, entry.targetUserId ?? null, JSON.stringify(entry)]);
  const rows = entries.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
  await client.query(`INSERT INTO desk_audit (seq, target_user_id, entry) VALUES ${rows}`, values);
}
