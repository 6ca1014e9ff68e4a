// openPgStore: the Store on PostgreSQL (DATABASE_URL), for one or several replicas. The schema is
// migrated first; the org is read from the newest snapshot and the batches after it. A database
// with no org yet is filled from `seed` (the first replica to start), or refused with what to run.
import pg from 'pg';
import { OrgDocumentSchema, type OrgDocument } from '../../domain/index.js';
import { GENESIS_HASH } from '../audit-log.js';
import { describeIssues } from '../durable-json-file.js';
import { OrgState } from '../org-state.js';
import { StoreLoadError } from '../types.js';
import { PgStore } from './pg-store.js';
import { migrate } from './schema.js';

export { PgStore, COMMIT_CHANNEL } from './pg-store.js';
export { migrate, MIGRATIONS } from './schema.js';
export { verifyPgAudit } from './verify.js';

export interface OpenPgStoreOptions {
  url: string;
  /** Used only when the database holds no org yet. */
  seed?: () => OrgDocument;
  now?: () => Date;
  snapshotEvery?: number;
  pollMs?: number;
  log?: (level: 'warn' | 'error', message: string) => void;
  /** Connections this replica may hold (default 10). */
  maxConnections?: number;
}

/** Where the URL points, without its password (for messages). */
export const safeUrl = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

export async function openPgStore(options: OpenPgStoreOptions): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  pool.on('error', (error) => options.log?.('warn', `an idle database connection failed: ${error.message}`));
  try {
    await migrate(pool);
    await seedIfEmpty(pool, options);
    const snapshot = (await pool.query<{ batch_id: string; document: unknown }>('SELECT batch_id, document FROM desk_snapshot WHERE id = 1')).rows[0];
    if (!snapshot) throw new StoreLoadError(safeUrl(options.url), 'the database holds no org: run `npm run store:migrate -- --from data/db.json --to $DATABASE_URL`');
    const parsed = OrgDocumentSchema.safeParse(snapshot.document);
    if (!parsed.success) throw new StoreLoadError(`${safeUrl(options.url)} (desk_snapshot)`, describeIssues(parsed.error.issues));
    const head = parsed.data.position ?? { auditSeq: 0, auditHash: GENESIS_HASH };
    const store = new PgStore({
      pool,
      state: new OrgState(parsed.data, `${safeUrl(options.url)} (desk_snapshot)`),
      head: { seq: head.auditSeq, hash: head.auditHash },
      batchId: Number(snapshot.batch_id),
      now: options.now ?? (() => new Date()),
      snapshotEvery: options.snapshotEvery ?? 1000,
      pollMs: options.pollMs ?? 1000,
      log: options.log ?? (() => undefined),
    });
    await store.listen(); // catches up the batches after the snapshot
    return store;
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof StoreLoadError) throw error;
    throw new StoreLoadError(safeUrl(options.url), (error as Error).message);
  }
}

/** The first start on an empty database: the seed is the org (one replica wins; the others read it). */
async function seedIfEmpty(pool: pg.Pool, options: OpenPgStoreOptions): Promise<void> {
  const has = (await pool.query('SELECT 1 FROM desk_head WHERE id = 1')).rowCount === 1;
  if (has || !options.seed) return;
  const parsed = OrgDocumentSchema.safeParse({ ...options.seed(), position: { auditSeq: 0, auditHash: GENESIS_HASH } });
  if (!parsed.success) throw new StoreLoadError(safeUrl(options.url), `the seed document is invalid: ${describeIssues(parsed.error.issues)}`);
  await putOrg(pool, parsed.data, 0);
}

/**
 * Write a whole org as the database's starting point (a seed, or `store:migrate` from a file):
 * the snapshot and the head, in one transaction; refused when the database already holds one.
 */
export async function putOrg(pool: pg.Pool, document: OrgDocument, batchId: number): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query('INSERT INTO desk_head (id, batch_id, audit_seq, audit_hash) VALUES (1, $1, $2, $3) ON CONFLICT DO NOTHING', [
      batchId,
      document.position?.auditSeq ?? 0,
      document.position?.auditHash ?? GENESIS_HASH,
    ]);
    if (inserted.rowCount !== 1) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query('INSERT INTO desk_snapshot (id, batch_id, document) VALUES (1, $1, $2)', [batchId, JSON.stringify(document)]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
