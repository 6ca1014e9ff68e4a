// `npm run store:recover [-- --apply]`: when the bot will not open its store because the
// journal lost changes whose audit lines exist, rebuild from the snapshot, the journal's good
// batches and those audit lines. Without --apply it only shows what it would do. With
// --apply (the bot stopped: it takes the store's lock) it copies every original file to
// recovery-<time>/ beside DATA_FILE first; the audit file is never changed.
import { configFromEnvOrExit } from '../src/config.js';
import { acquireLock } from '../src/store/file-lock.js';
import { lockFileOf } from '../src/store/load-store.js';
import { applyRecovery, planRecovery } from '../src/store/recover.js';

const config = configFromEnvOrExit();
const apply = process.argv.includes('--apply');
const files = { dataFile: config.dataFile, auditFile: config.auditFile };

try {
  const lock = apply ? await acquireLock({ dataFile: files.dataFile, lockFile: lockFileOf(files.dataFile) }) : undefined;
  try {
    const plan = await planRecovery(files);
    const { journal } = plan;
    console.log(`Snapshot: ${plan.snapshotFrom}. Journal: ${journal.goodBatches} good batch(es), ${journal.replayed} replayed${journal.damagedLines.length ? `, damaged line(s) ${journal.damagedLines.join(', ')}` : ''}${journal.note ? ` (${journal.note})` : ''}.`);
    console.log(`The store holds audit lines up to seq ${plan.heldSeq}; ${files.auditFile} ends at seq ${plan.auditHead.seq}.`);
    for (const step of plan.steps) console.log(`  #${step.seq} ${step.action} ${step.target}: ${step.restores ?? 'cannot be restored from the audit line (drafts, requests and roles are not in it): check it by hand'}`);
    if (plan.steps.length === 0) console.log('Nothing is missing: the store holds every audit line.');
    if (!apply) {
      console.log('Nothing was changed. Run with --apply (the bot stopped) to write the rebuilt store; every original file is copied aside first.');
    } else {
      const folder = await applyRecovery(plan, { ...files });
      console.log(`Rebuilt ${files.dataFile} and its journal; the originals are in ${folder}. ${files.auditFile} is unchanged. Start the bot.`);
    }
  } finally {
    await lock?.release();
  }
} catch (error) {
  console.error(`store:recover: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
