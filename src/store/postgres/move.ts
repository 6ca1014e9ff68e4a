// Moving the desk in and out of PostgreSQL (`npm run store:migrate`): a data file and its audit
// log become the database's starting point, or the database becomes a data file and audit log.
// Both sides are compared afterwards (the org, record for record, and the audit chain); the
// source is never changed, and a target that already holds an org is refused.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { AuditEntry, OrgDocument } from '../../domain/index.js';
import { encodeAuditLine, readAuditEntries } from '../audit-log.js';
import { verifyAuditFile } from '../audit-verify.js';
import { canonicalJson } from '../canonical-json.js';
import { openStore } from '../index.js';
import { readStoreDocument } from '../load-store.js';
import { openPgStore, putOrg, safeUrl } from './index.js';
import { migrate } from './schema.js';
import { verifyPgAudit } from './verify.js';

export interface MoveReport {
  users: number;
  auditLines: number;
  auditSeq: number;
}

/** The org without where its audit ends: what both sides must agree on. */
const comparable = (document: OrgDocument): string => {
  const { position: _position, ...rest } = document;
  return canonicalJson(rest);
};

export async function fileToPostgres(options: { dataFile: string; auditFile: string; url: string }): Promise<MoveReport> {
  // Opening takes the lock (the bot must be stopped) and brings the audit file up to the journal.
  const fileStore = await openStore({ dataFile: options.dataFile, auditFile: options.auditFile });
  const head = fileStore.auditHead();
  await fileStore.close();
  const chain = await verifyAuditFile(options.auditFile, { storeHead: head });
  if (!chain.ok) throw new Error(`${options.auditFile}: ${chain.reason}; nothing was moved`);
  const document = { ...(await readStoreDocument({ dataFile: options.dataFile })), position: { auditSeq: head.seq, auditHash: head.hash } };
  const entries = await readAuditEntries(options.auditFile);
  const pool = new pg.Pool({ connectionString: options.url });
  try {
    await migrate(pool);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if ((await client.query('SELECT 1 FROM desk_head')).rowCount) throw new Error(`${safeUrl(options.url)} already holds an org; nothing was moved`);
      for (let i = 0; i < entries.length; i += 1000) {
        const page = entries.slice(i, i + 1000);
        const values = page.flatMap((e) => [e.seq, e.targetUserId ?? null, JSON.stringify(e)]);
        await client.query(`INSERT INTO desk_audit (seq, target_user_id, entry) VALUES ${page.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})`).join(', ')}`, values);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (!(await putOrg(pool, document, 0))) throw new Error(`${safeUrl(options.url)} already holds an org; nothing was moved`);
    const verdict = await verifyPgAudit(pool);
    if (!verdict.ok) throw new Error(`the audit rows do not verify after the move: ${verdict.reason}`);
  } finally {
    await pool.end();
  }
  const moved = await openPgStore({ url: options.url, pollMs: 0 });
  try {
    if (comparable(moved.exportDocument()) !== comparable(document)) throw new Error('the org in the database differs from the file after the move');
    return { users: moved.userCount(), auditLines: entries.length, auditSeq: moved.auditHead().seq };
  } finally {
    await moved.close();
  }
}

export async function postgresToFile(options: { url: string; dataFile: string; auditFile: string }): Promise<MoveReport> {
  for (const file of [options.dataFile, options.auditFile]) {
    if (existsSync(file) && statSync(file).size > 0) throw new Error(`${file} exists; move it away first (nothing was written)`);
  }
  const source = await openPgStore({ url: options.url, pollMs: 0 });
  let document: OrgDocument;
  let entries: AuditEntry[];
  try {
    await source.settle();
    const pool = new pg.Pool({ connectionString: options.url });
    try {
      const verdict = await verifyPgAudit(pool);
      if (!verdict.ok) throw new Error(`the database's audit rows do not verify: ${verdict.reason}; nothing was written`);
      entries = (await pool.query<{ entry: AuditEntry }>('SELECT entry FROM desk_audit ORDER BY seq')).rows.map((r) => r.entry);
    } finally {
      await pool.end();
    }
    document = source.exportDocument();
  } finally {
    await source.close();
  }
  writeFileSync(options.auditFile, entries.map(encodeAuditLine).join(''), { mode: 0o600 });
  const target = await openStore({ dataFile: options.dataFile, auditFile: options.auditFile, seed: () => document });
  await target.close();
  const written = { ...(await readStoreDocument({ dataFile: options.dataFile })), position: document.position };
  if (comparable(written) !== comparable(document)) throw new Error('the data file differs from the database after the move');
  const chain = await verifyAuditFile(options.auditFile, { storeHead: { seq: document.position!.auditSeq, hash: document.position!.auditHash } });
  if (!chain.ok) throw new Error(`${options.auditFile}: ${chain.reason}`);
  return { users: document.users.length, auditLines: entries.length, auditSeq: document.position!.auditSeq };
}
