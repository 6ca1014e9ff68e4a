// The store as the flows see it: every commit's audit lines are logged for operators once
// written, and a conflict once refused (the lines: src/flows/operator-lines.ts). The bot
// hands each event's flows this wrapper, so no flow logs its own changes.
import { logAudited, logConflict } from '../flows/operator-lines.js';
import { ConflictError, type Store } from '../store/index.js';

/**
 * The store as the flows see it: commit and audit log their lines once written (after the
 * fsync: a line is logged only for what is on disk); a ConflictError is logged, then rethrown.
 * One wrapper per bot: flows key queues and caches by the store object (roles.ts, engine.ts).
 * actorNow: who acts in the event being handled (a conflict has no audit line to name them).
 */
/** A log line that cannot be built must not turn a saved change into a reported failure. */
function logSafely(log: () => void): void {
  try {
    log();
  } catch {
    // the change is saved and audited; only its log line is missing
  }
}

export function withOperatorLog(store: Store, options: { actorNow?: () => string | undefined } = {}): Store {
  const commit: Store['commit'] = async (input) => {
    try {
      const result = await store.commit(input);
      logSafely(() => logAudited(store, input.audit ?? [], result.auditSeqs));
      return result;
    } catch (error) {
      if (error instanceof ConflictError) {
        logConflict(store, error, options.actorNow?.() ?? input.audit?.[0]?.actorEmail ?? 'the desk');
      }
      throw error;
    }
  };
  const audit: Store['audit'] = async (entries) => {
    const result = await store.audit(entries);
    logSafely(() => logAudited(store, entries, result.auditSeqs));
    return result;
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'commit') return commit;
      if (key === 'audit') return audit;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
