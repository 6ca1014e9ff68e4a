// The desk's tables on PostgreSQL, created and migrated by the bot (`npm run db:migrate`, and at
// every start). Versioned: each migration runs once, in its own transaction, under an advisory
// lock, so replicas starting together migrate once.
//
// The design: desk_batches is the journal (every commit's mutations, as applied, in one order
// the database gives); desk_audit the hash-chained audit lines (one chain across replicas);
// desk_head the last batch and audit line, locked by each commit (FOR UPDATE) so commits are
// serialized by the database; desk_snapshot a recent document, so a replica starts from it and
// replays only the batches after it.
import type pg from 'pg';

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'journal, audit, head, snapshot, events, leases',
    sql: `
      CREATE TABLE desk_head (
        id int PRIMARY KEY CHECK (id = 1),
        batch_id bigint NOT NULL,
        audit_seq bigint NOT NULL,
        audit_hash text NOT NULL
      );
      CREATE TABLE desk_snapshot (
        id int PRIMARY KEY CHECK (id = 1),
        batch_id bigint NOT NULL,
        document jsonb NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE desk_batches (
        id bigint PRIMARY KEY,
        mutations jsonb NOT NULL,
        audit_seq bigint NOT NULL,
        audit_hash text NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE desk_audit (
        seq bigint PRIMARY KEY,
        target_user_id text,
        entry jsonb NOT NULL
      );
      CREATE INDEX desk_audit_by_user ON desk_audit (target_user_id, seq DESC);
      CREATE TABLE desk_events (
        event_id text PRIMARY KEY,
        seen_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE desk_leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        until timestamptz NOT NULL
      );
    `,
  },
];

/** Any number, the same for every replica: migrations wait for each other on it. */
const MIGRATION_LOCK = 4_217_001;

/** Bring the schema to the newest version; returns the versions applied now. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS desk_schema (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM desk_schema')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO desk_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
