// 20,000 rows (the most a file may hold) import in one commit: one durable write, with the
// import's audit line and one license.change line per user.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_ROWS } from '../../src/csv/parse.js';
import { runImport } from '../../src/csv/run-import.js';
import { openStore, type Store } from '../../src/store/index.js';
import { auditLines, csvTestOrg, openTempStore } from './helpers.js';

const HEADER = [
  'First Name',
  'Last Name',
  'User ID/Email (Required)',
  'Webex Messaging [Sub-100101]',
  'Webex Calling - Professional [Sub-100101]',
  'Webex Calling - Basic [Sub-100101]',
  'acme.webex.com - Webex Enterprise Edition [Sub-100102]',
  'acme-events.webex.com - Attendee',
].join(',');

function bigFile(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const pro = i % 2 === 0;
    lines.push([`First${i}`, `Last${i}`, `user${i}@acme.example`, 'TRUE', pro ? 'TRUE' : 'FALSE', pro ? 'FALSE' : 'TRUE', i % 3 === 0 ? 'TRUE' : 'FALSE', i % 3 === 0 ? 'FALSE' : 'TRUE'].join(','));
  }
  return lines.join('\n');
}

describe(`import of ${MAX_ROWS} rows`, () => {
  let store: Store;
  afterEach(async () => {
    await store.close();
  });

  it('applies every row in one commit with the import line and one history line per user', async () => {
    const org = csvTestOrg();
    const seed = { ...org, licenses: org.licenses.map((l) => ({ ...l, totalUnits: 100_000 })) };
    const opened = await openTempStore(seed);
    store = opened.store;
    const commit = vi.spyOn(store, 'commit');
    const csvText = bigFile(MAX_ROWS);

    const started = performance.now();
    const { plan, timings } = await runImport({ store, csvText, fileName: 'big.csv', mode: 'add-only', dryRun: false, actor: 'cli:bench' });
    const total = performance.now() - started;
    console.log(
      `${MAX_ROWS} rows: plan (parse + rules) ${timings.planMs.toFixed(0)} ms, write ${timings.writeMs.toFixed(0)} ms, total ${total.toFixed(0)} ms`,
    );

    expect(plan.counts).toEqual({ rows: MAX_ROWS, created: MAX_ROWS, updated: 0, unchanged: 0, refused: 0 });
    expect(commit).toHaveBeenCalledTimes(1);
    const lines = auditLines(opened.auditFile);
    expect(lines).toHaveLength(1 + MAX_ROWS);
    expect(lines[0]).toMatchObject({ action: 'import' });
    expect(lines.filter((l) => l.action === 'license.change')).toHaveLength(MAX_ROWS);
    await store.close();
    store = await openStore({ dataFile: opened.dataFile, auditFile: opened.auditFile });
    expect(store.userCount()).toBe(org.users.length + MAX_ROWS);
    expect(store.usedUnits('lic-calling-pro-100101')).toBe(MAX_ROWS / 2);
    const last = store.userByEmail('user19999@acme.example')!;
    expect(last.attendeeOf).toEqual(['acme-events.webex.com']);
    const history = await store.history(last.id, { offset: 0, limit: 5 });
    expect(history.entries).toMatchObject([{ action: 'license.change', details: { importFile: 'big.csv' }, after: { attendeeOf: ['acme-events.webex.com'] } }]);
  });
});
