// `audit verify` on PostgreSQL: every audit row's hash, its link to the row before, and that the
// rows reach the head every commit updates (the chain alone cannot show a removed tail).
import type pg from 'pg';
import { GENESIS_HASH, type AuditHead } from '../audit-log.js';
import { checkLine, type AuditVerdict } from '../audit-verify.js';
import { canonicalJson } from '../canonical-json.js';

const PAGE = 5000;

export async function verifyPgAudit(db: pg.Pool): Promise<AuditVerdict> {
  const headRow = (await db.query<{ audit_seq: string; audit_hash: string }>('SELECT audit_seq, audit_hash FROM desk_head WHERE id = 1')).rows[0];
  const storeHead: AuditHead | undefined = headRow ? { seq: Number(headRow.audit_seq), hash: headRow.audit_hash } : undefined;
  let previous: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let lines = 0;
  for (;;) {
    const { rows } = await db.query<{ entry: unknown }>('SELECT entry FROM desk_audit WHERE seq > $1 ORDER BY seq LIMIT $2', [previous.seq, PAGE]);
    for (const row of rows) {
      lines += 1;
      const checked = checkLine(canonicalJson(row.entry), previous);
      if (typeof checked === 'string') return { ok: false, line: lines, reason: checked };
      previous = checked;
    }
    if (rows.length < PAGE) break;
  }
  if (storeHead && (previous.seq !== storeHead.seq || previous.hash !== storeHead.hash)) {
    return { ok: false, line: lines + 1, reason: `the rows end at seq ${previous.seq} but the desk wrote up to seq ${storeHead.seq}: rows were removed or replaced` };
  }
  return { ok: true, lines };
}
