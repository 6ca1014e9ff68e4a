// Importing a realistic Control Hub file: every row goes through the rules; refused rows are
// named with their rule; the rest apply in one commit with one audit line.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planImport } from '../../src/csv/import.js';
import { formatImportReport } from '../../src/csv/report.js';
import { runImport } from '../../src/csv/run-import.js';
import { openStore, type Store } from '../../src/store/index.js';
import { auditLines, csvTestOrg, openTempStore, readFixture } from './helpers.js';

const REALISTIC = 'control-hub-realistic.csv';

describe('import of a realistic Control Hub file', () => {
  let store: Store;
  let dataFile: string;
  let auditFile: string;
  beforeEach(async () => {
    ({ store, dataFile, auditFile } = await openTempStore(csvTestOrg()));
  });
  afterEach(async () => {
    await store.close();
  });

  const importRealistic = (dryRun: boolean) =>
    runImport({ store, csvText: readFixture(REALISTIC), fileName: REALISTIC, mode: 'add-and-remove', dryRun, actor: 'cli:tester' });

  it('names each refused row with its line, email and rule', async () => {
    const { plan } = await importRealistic(false);
    const refused = plan.rows.filter((r) => r.outcome === 'refused').map((r) => [r.line, r.email, r.reasons.map((m) => m.code)]);
    expect(refused).toEqual([
      [2, 'tom.jansen@acme.example', ['R4.standard-with-cx']],
      [3, 'lena.fischer@contoso-consult.example', ['R8.pending-external']],
      [6, 'bram.dekker@acme.example', ['R12.no-free-unit']], // line 5 took the last unit
      [8, 'joost.mulder@acme.example', ['R6.attendee-feature-off']],
      [10, 'rob.de.wit@acme.example', ['R3.switch-to-professional']], // the file must ask for Professional itself
    ]);
    expect(plan.counts).toEqual({ rows: 9, created: 3, updated: 0, unchanged: 1, refused: 5 });
    // Every dash/spacing/case variant in the header was recognised; only the made-up license was not.
    expect(plan.unknownColumns.map((c) => c.header)).toEqual(['Webex Webinars [Sub-100105]']);
    expect(plan.ignoredColumns).toEqual(['Days since Last Service Accessed', 'Department']);
    const report = formatImportReport(plan, { dryRun: false });
    expect(report).toContain('Line 2 tom.jansen@acme.example: refused');
    expect(report).toMatch(/R4\.standard-with-cx: .+/);
    expect(report).toContain('Unknown column "Webex Webinars [Sub-100105]" not used');
    expect(report).toContain('Department');
    // Messages are the catalog's text, not the bare code.
    for (const row of plan.rows) for (const reason of row.reasons) expect(reason.message).not.toBe(reason.code);
  });

  it('applies the accepted rows and nothing of the refused ones', async () => {
    await importRealistic(false);
    expect(store.userByEmail('ann.vos@acme.example')).toMatchObject({
      type: 'internal',
      displayName: 'Ann Vos',
      licenseIds: ['lic-calling-pro-100101', 'lic-meetings-training-100102', 'lic-messaging-100101'],
    });
    expect(store.userByEmail('kim.lee@partner.example')).toMatchObject({ type: 'external', status: 'pending', licenseIds: ['lic-messaging-100101'] });
    expect(store.userByEmail('fleur.smit@acme.example')?.attendeeOf).toEqual(['acme-events.webex.com', 'acme.webex.com']);
    expect(store.userByEmail('tom.jansen@acme.example')?.licenseIds).toEqual(['lic-calling-basic-100101', 'lic-messaging-100101']);
    expect(store.userByEmail('lena.fischer@contoso-consult.example')?.licenseIds).toEqual(['lic-messaging-100101', 'lic-meetings-acme-100102']);
    for (const email of ['bram.dekker@acme.example', 'joost.mulder@acme.example', 'rob.de.wit@acme.example']) {
      expect(store.userByEmail(email)).toBeUndefined();
    }
    expect(store.usedUnits('lic-meetings-training-100102')).toBe(2);
  });

  it('writes once: the import audit line (who, which file, counts) and one license.change line per changed user', async () => {
    const commit = vi.spyOn(store, 'commit');
    await importRealistic(false);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit.mock.calls[0]![0].mutations).toHaveLength(3);
    const lines = auditLines(auditFile);
    expect(lines[0]).toMatchObject({
      action: 'import',
      actorId: 'cli:tester',
      details: { file: REALISTIC, mode: 'add-and-remove', counts: { rows: 9, created: 3, refused: 5 } },
    });
    // The three created users got licenses; refused and unchanged rows have no line.
    expect(lines.slice(1).map((l) => [l.action, l.targetEmail])).toEqual([
      ['license.change', 'ann.vos@acme.example'],
      ['license.change', 'kim.lee@partner.example'],
      ['license.change', 'fleur.smit@acme.example'],
    ]);
    const ann = store.userByEmail('ann.vos@acme.example')!;
    const { entries, total } = await store.history(ann.id, { offset: 0, limit: 10 });
    expect(total).toBe(1);
    expect(entries[0]).toMatchObject({
      action: 'license.change',
      actorId: 'cli:tester',
      before: { licenseIds: [], attendeeOf: [] },
      after: { licenseIds: ann.licenseIds, attendeeOf: [] },
      change: { addLicenseIds: expect.arrayContaining(ann.licenseIds), removeLicenseIds: [] },
      details: { importFile: REALISTIC },
    });
    expect(entries[0]).not.toHaveProperty('eventId');
    // Durable: a fresh open of the same files sees the import.
    await store.close();
    store = await openStore({ dataFile, auditFile });
    expect(store.userByEmail('ann.vos@acme.example')).toBeDefined();
  });

  it('--dry-run reports the same and writes nothing', async () => {
    const commit = vi.spyOn(store, 'commit');
    const dry = await importRealistic(true);
    expect(commit).not.toHaveBeenCalled();
    expect(store.userByEmail('ann.vos@acme.example')).toBeUndefined();
    expect(auditLines(auditFile)).toEqual([]);
    const real = await importRealistic(false);
    expect(real.plan.rows.map((r) => [r.line, r.outcome])).toEqual(dry.plan.rows.map((r) => [r.line, r.outcome]));
  });
});

describe('modes', () => {
  let store: Store;
  beforeEach(async () => {
    ({ store } = await openTempStore(csvTestOrg()));
  });
  afterEach(async () => {
    await store.close();
  });
  const header = 'User ID/Email (Required),Webex Messaging [Sub-100101],Webex Calling - Basic [Sub-100101],Webex Calling - Professional [Sub-100101]';

  it('add-only never removes; add-and-remove makes the licenses equal the row', async () => {
    const csvText = `${header}\ntom.jansen@acme.example,FALSE,FALSE,TRUE\n`;
    // Tom holds Basic: asking for Professional without dropping Basic is R1's auto replace, refused in add-only.
    const addOnly = planImport({ reader: store, csvText, mode: 'add-only', actor: 't' });
    expect(addOnly.rows[0]).toMatchObject({ outcome: 'refused', reasons: [{ code: 'R1.replace-calling' }] });

    const addOnlyMessaging = planImport({ reader: store, csvText: `${header}\ntom.jansen@acme.example,FALSE,FALSE,\n`, mode: 'add-only', actor: 't' });
    expect(addOnlyMessaging.rows[0]?.outcome).toBe('unchanged');

    const exact = planImport({ reader: store, csvText, mode: 'add-and-remove', actor: 't' });
    expect(exact.rows[0]).toMatchObject({ outcome: 'updated', added: ['Webex Calling - Professional [Sub-100101]'] });
    expect(exact.rows[0]?.removed.sort()).toEqual(['Webex Calling - Basic [Sub-100101]', 'Webex Messaging [Sub-100101]']);
  });

  it('an empty cell leaves that license alone in both modes', () => {
    const csvText = `${header}\ntom.jansen@acme.example,,,\n`;
    for (const mode of ['add-only', 'add-and-remove'] as const) {
      expect(planImport({ reader: store, csvText, mode, actor: 't' }).rows[0]?.outcome).toBe('unchanged');
    }
  });
});
