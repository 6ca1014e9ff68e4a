// Group commit's first half, the same for every store: each queued commit is checked against
// the state plus the commits before it in the batch (one that fails is refused alone), its audit
// lines chained after theirs. The caller writes what was accepted, then applies `layer`.
import type { AuditEntry } from '../domain/index.js';
import { chainEntries, type AuditHead } from './audit-log.js';
import type { OrgView } from './org-state.js';
import { applyMutation, linkAuditSeq, PendingLayer } from './pending-changes.js';
import { withRequestNumbers } from './request-numbers.js';
import type { Mutation } from './types.js';
import type { QueuedCommit } from './write-queue.js';

export interface CheckedBatch {
  layer: PendingLayer;
  accepted: { job: QueuedCommit; seqs: number[] }[];
  /** As applied (a new request with its number), for the journal. */
  mutations: Mutation[];
  entries: AuditEntry[];
  head: AuditHead;
}

export function checkBatch(state: OrgView, batch: readonly QueuedCommit[], head: AuditHead, time: string): CheckedBatch {
  const layer = new PendingLayer(state);
  const checked: CheckedBatch = { layer, accepted: [], mutations: [], entries: [], head };
  for (const job of batch) {
    try {
      const own = new PendingLayer(layer);
      let chained = chainEntries(job.input.audit ?? [], checked.head, time);
      const applied = job.input.mutations.map((mutation) => applyMutation(own, linkAuditSeq(mutation, chained.entries)));
      // Lines naming a request get its number, known only now for a new request (same seqs, new hashes).
      const numbered = withRequestNumbers(job.input.audit ?? [], (id) => own.request(id)?.number);
      if (numbered.stamped) chained = chainEntries(numbered.inputs, checked.head, time);
      layer.absorb(own);
      checked.head = chained.head;
      checked.entries.push(...chained.entries);
      checked.mutations.push(...applied);
      checked.accepted.push({ job, seqs: chained.entries.map((entry) => entry.seq) });
    } catch (error) {
      job.reject(error);
    }
  }
  return checked;
}
