// `npm run store:recover`: when the store will not open because the journal lost changes
// whose audit lines exist (damaged, emptied or deleted), rebuild from what is left: the
// snapshot (or its .bak), the journal's good batches, and the audit lines past them, whose
// after-state restores a user's licenses. It shows what it would do; with --apply it copies
// every original file aside first, writes a new snapshot and journal, and never touches
// the audit file.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AuditEntrySchema, type AuditEntry, type OrgDocument, type User } from '../domain/index.js';
import { GENESIS_HASH, safeJson } from './audit-log.js';
import { DurableJsonFile } from './durable-json-file.js';
import { nodeFileOps, readIfExists, replaceFileDurably } from './file-ops.js';
import { encodeJournalLine } from './journal.js';
import { backupFileOf, journalFileOf } from './load-store.js';
import { OrgState } from './org-state.js';
import { applyMutation, PendingLayer } from './pending-changes.js';
import { readJournalLeniently } from './recover-journal.js';

export interface RecoveryStep {
  seq: number;
  action: string;
  target: string;
  /** What the rebuild does with the line; undefined: it cannot restore it (reported). */
  restores?: string;
}

export interface RecoveryPlan {
  snapshotFrom: string;
  journal: { goodBatches: number; replayed: number; damagedLines: number[]; note?: string };
  /** The last audit seq the snapshot + replayed journal hold. */
  heldSeq: number;
  auditHead: { seq: number; hash: string };
  steps: RecoveryStep[];
  document: OrgDocument;
}

async function readAudit(file: string): Promise<AuditEntry[]> {
  const text = (await readIfExists(nodeFileOps, file))?.toString('utf8') ?? '';
  return text.split('\n').flatMap((line) => {
    const entry = AuditEntrySchema.safeParse(safeJson(line));
    return entry.success ? [entry.data] : [];
  });
}

/** What an audit line past the store's record lets the rebuild restore. */
function restore(state: OrgState, entry: AuditEntry): { restores?: string; user?: User | null } {
  const user = entry.targetUserId ? state.user(entry.targetUserId) : undefined;
  if (entry.action === 'user.delete' && user) return { restores: 'delete the user again', user: null };
  if (!entry.after || !entry.targetUserId) return {};
  if (user) return { restores: `licenses and attendee sites as after this line`, user: { ...user, ...entry.after, rev: user.rev + 1 } };
  if (entry.action !== 'user.add' || !entry.targetEmail) return {};
  const added: User = { id: entry.targetUserId, email: entry.targetEmail, displayName: entry.targetEmail, type: 'external', status: 'active', siteAdminOf: [], ...entry.after, rev: 0 };
  return { restores: 'add the external user again', user: added };
}

export async function planRecovery(options: { dataFile: string; auditFile: string }): Promise<RecoveryPlan> {
  const { dataFile, auditFile } = options;
  let snapshotFrom = dataFile;
  let snapshot = new DurableJsonFile({ file: dataFile, fs: nodeFileOps });
  let document = await snapshot.read().catch(() => null);
  if (!document) {
    snapshotFrom = backupFileOf(dataFile);
    snapshot = new DurableJsonFile({ file: snapshotFrom, fs: nodeFileOps });
    document = await snapshot.read();
    if (!document) throw new Error(`neither ${dataFile} nor ${snapshotFrom} holds a usable snapshot: restore one from a backup first`);
  }
  const state = new OrgState(document, snapshotFrom);
  const journal = await readJournalLeniently(journalFileOf(dataFile));
  let heldSeq = document.position?.auditSeq ?? 0;
  let replayed = 0;
  let note: string | undefined;
  // The journal this snapshot continues, or the one it was taken from (batches past its offset).
  const taken = document.position?.journal;
  const continues = journal.header?.base === snapshot.lastHash;
  if (journal.header && (continues || taken?.base === journal.header.base)) {
    if (continues) heldSeq = Math.max(heldSeq, journal.header.auditSeq);
    const from = continues ? 0 : journal.batchStarts.filter((start) => start < taken!.offset).length;
    for (const batch of journal.batches.slice(from)) {
      const layer = new PendingLayer(state);
      try {
        for (const mutation of batch.mutations) applyMutation(layer, mutation);
      } catch (error) {
        note = `batch ${batch.batch} cannot be replayed (${(error as Error).message}); later ones are left out`;
        break;
      }
      state.apply(layer.changes);
      replayed += 1;
      heldSeq = Math.max(heldSeq, ...batch.audit.map((e) => e.seq));
    }
  } else if (journal.batches.length > 0) note = 'the journal belongs to another snapshot: its batches are not replayed';

  const audit = await readAudit(auditFile);
  const auditHead = audit.at(-1) ?? { seq: 0, hash: GENESIS_HASH };
  const steps: RecoveryStep[] = [];
  for (const entry of audit.filter((e) => e.seq > heldSeq)) {
    const { restores, user } = restore(state, entry);
    if (user !== undefined) {
      const layer = new PendingLayer(state);
      layer.setUser(entry.targetUserId!, user);
      state.apply(layer.changes);
    }
    steps.push({ seq: entry.seq, action: entry.action, target: entry.targetEmail ?? entry.targetUserId ?? '', ...(restores ? { restores } : {}) });
  }
  return {
    snapshotFrom,
    journal: { goodBatches: journal.batches.length, replayed, damagedLines: journal.damagedLines, ...(note ? { note } : {}) },
    heldSeq,
    auditHead: { seq: auditHead.seq, hash: auditHead.hash },
    steps,
    document: { ...state.toDocument(), position: { auditSeq: auditHead.seq, auditHash: auditHead.hash } },
  };
}

/** Copy the originals to `recovery-<time>/` beside the data file (modes kept: 0600), then write the rebuilt snapshot and an empty journal. */
export async function applyRecovery(plan: RecoveryPlan, options: { dataFile: string; auditFile: string; now?: Date }): Promise<string> {
  const { dataFile, auditFile } = options;
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const folder = path.join(path.dirname(dataFile), `recovery-${stamp}`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  for (const file of [dataFile, journalFileOf(dataFile), backupFileOf(dataFile), auditFile]) {
    await copyFile(file, path.join(folder, path.basename(file))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  const snapshot = new DurableJsonFile({ file: dataFile, fs: nodeFileOps, backupFile: backupFileOf(dataFile) });
  await snapshot.write(plan.document);
  const header = encodeJournalLine({ base: snapshot.lastHash!, auditSeq: plan.auditHead.seq, auditHash: plan.auditHead.hash });
  await replaceFileDurably(nodeFileOps, { file: journalFileOf(dataFile), data: header });
  return folder;
}
