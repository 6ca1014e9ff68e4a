// Export the demo org, import it into an empty store with the same catalog: the same users.
// And export → import into the store it came from changes nothing.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportCsv, exportDocumentCsvFiles } from '../../src/csv/export.js';
import { runImport } from '../../src/csv/run-import.js';
import { loadDemoOrg } from '../../src/demo/demo-org.js';
import type { Store } from '../../src/store/index.js';
import { assignmentsByEmail, auditLines, openTempStore } from './helpers.js';

const demo = loadDemoOrg();
const allUsers = (store: Store) => store.searchUsers({ limit: store.userCount() }).users;

describe('round trip through the CSV', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const open = async (seed: typeof demo) => {
    const opened = await openTempStore(seed);
    stores.push(opened.store);
    return opened;
  };

  it('export the demo org, import into an empty store: the stores are equal', async () => {
    const { store: source } = await open(demo);
    const csvText = exportCsv(source);
    const { store: target } = await open({ ...demo, users: [] });

    const { plan } = await runImport({ store: target, csvText, fileName: 'demo.csv', mode: 'add-and-remove', dryRun: false, actor: 'cli:test' });

    expect(plan.rows.filter((r) => r.outcome === 'refused')).toEqual([]);
    expect(plan.unknownColumns).toEqual([]);
    expect(plan.counts.created).toBe(demo.users.length);
    expect(assignmentsByEmail(allUsers(target))).toEqual(assignmentsByEmail(allUsers(source)));
    for (const license of demo.licenses) expect(target.usedUnits(license.id)).toBe(source.usedUnits(license.id));
  });

  it('splits a big org into files that each import, together giving the same users', async () => {
    const files = exportDocumentCsvFiles(demo, { maxRows: 20 });
    expect(files.map((f) => (parse(f) as string[][]).length - 1)).toEqual([20, 20, 10]);
    const { store: target } = await open({ ...demo, users: [] });
    for (const [i, csvText] of files.entries()) {
      await runImport({ store: target, csvText, fileName: `part-${i + 1}.csv`, mode: 'add-and-remove', dryRun: false, actor: 'cli:test' });
    }
    expect(assignmentsByEmail(allUsers(target))).toEqual(assignmentsByEmail(demo.users));
  });

  it('export then import into the same store changes nothing', async () => {
    const { store, auditFile } = await open(demo);
    const before = allUsers(store).map((u) => ({ ...u }));
    const commit = vi.spyOn(store, 'commit');
    for (const mode of ['add-only', 'add-and-remove'] as const) {
      const { plan } = await runImport({ store, csvText: exportCsv(store), fileName: 'same.csv', mode, dryRun: false, actor: 'cli:test' });
      expect(plan.counts).toMatchObject({ unchanged: demo.users.length, created: 0, updated: 0, refused: 0 });
    }
    expect(commit.mock.calls.flatMap(([input]) => input.mutations)).toEqual([]);
    expect(allUsers(store)).toEqual(before); // revs included
    expect(auditLines(auditFile).map((l) => l.action)).toEqual(['import', 'import']);
  });

  it('writes every license column and TRUE/FALSE in each cell, attendee columns only where the feature is on', async () => {
    const { store } = await open(demo);
    const [header = [], ...rows] = parse(exportCsv(store)) as string[][];
    expect(header.slice(0, 9)).toEqual(['First Name', 'Last Name', 'Display Name', 'User ID/Email (Required)', 'User Status', 'User Type', 'Extension', 'Phone Number', 'Location']);
    expect(header).toContain('Webex Calling - Professional [Sub-100101]');
    expect(header).toContain('acme.webex.com - Webex Enterprise Edition [Sub-100102]');
    expect(header).toContain('acme.webex.com - Attendee');
    expect(header).not.toContain('acme-training.webex.com - Attendee'); // attendee feature off (R6)
    expect(header.length).toBe(9 + demo.licenses.length + demo.sites.filter((s) => s.attendeeAccountEnabled).length);
    expect(rows).toHaveLength(demo.users.length);
    for (const row of rows) for (const cell of row.slice(9)) expect(['TRUE', 'FALSE']).toContain(cell);

    const controlHubOnly = parse(exportCsv(store, { controlHubOnly: true })) as string[][];
    expect(controlHubOnly[0]).not.toContain('User Type');
  });
});
