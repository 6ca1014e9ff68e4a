// Loading a real org into an empty store: the CSV plus the org's GET /v1/licenses body, in
// one commit. And the catalog's mapping, upserts and unit check on a store that has one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportCsv } from '../../src/csv/export.js';
import { ImportRefusedError } from '../../src/csv/import.js';
import { LicenseFileError, parseWebexLicenses, serviceOf } from '../../src/csv/license-catalog.js';
import { formatImportReport } from '../../src/csv/report.js';
import { runImport } from '../../src/csv/run-import.js';
import { loadDemoOrg } from '../../src/demo/demo-org.js';
import { emptyOrgDocument } from '../../src/domain/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { assignmentsByEmail, auditLines, openTempStore, readFixture } from './helpers.js';

const LICENSES_FILE = 'webex-licenses.json';
const demo = loadDemoOrg();
const items = parseWebexLicenses(readFixture(LICENSES_FILE));
const allUsers = (store: Store) => store.searchUsers({ limit: store.userCount() }).users;

describe('service from the Webex license name', () => {
  it.each([
    ['Webex Calling - Professional', undefined, { service: 'calling', tier: 'professional' }],
    ['Webex Calling - Basic', undefined, { service: 'calling', tier: 'standard' }],
    ['Webex Calling – Standard', undefined, { service: 'calling', tier: 'standard' }],
    ['Unified Communication Manager (UCM)', undefined, { service: 'ucm' }],
    ['Meeting - Webex Enterprise Edition', 'acme.webex.com', { service: 'meetings' }],
    ['Meeting - Webex Meetings Free', undefined, { service: 'other' }],
    ['Webex Attendant Console', undefined, { service: 'attendantConsole' }],
    ['Customer Experience - Essential', undefined, { service: 'cxBasic' }],
    ['Customer Experience - Basic', undefined, { service: 'cxBasic' }],
    ['Webex Messaging', undefined, { service: 'messaging' }],
    ['Advanced Messaging', undefined, { service: 'messaging' }],
    ['Webex Calling - Workspaces', undefined, { service: 'other' }],
  ])('%s (site %s)', (name, siteUrl, expected) => {
    expect(serviceOf({ name, siteUrl })).toEqual(expected);
  });
});

describe('the licenses file', () => {
  it('names what is wrong with a file that is not a GET /v1/licenses body', () => {
    expect(() => parseWebexLicenses('{"items": [')).toThrow(LicenseFileError);
    expect(() => parseWebexLicenses('[]')).toThrow(/items/);
    expect(() => parseWebexLicenses('{"items":[{"id":"x","name":"Webex Messaging"}]}')).toThrow(/items\.0\.totalUnits/);
  });
});

describe('import with a license catalog', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const open = async (seed: ReturnType<typeof loadDemoOrg>) => {
    const opened = await openTempStore(seed);
    stores.push(opened.store);
    return opened;
  };
  const licenseCatalog = { fileName: LICENSES_FILE, items };

  it('without the catalog, an empty store knows none of the license columns', async () => {
    const { store: source } = await open(demo);
    const { store: empty } = await open(emptyOrgDocument());
    const { plan } = await runImport({ store: empty, csvText: exportCsv(source), fileName: 'demo.csv', mode: 'add-only', dryRun: true, actor: 't' });
    expect(plan.unknownColumns).toHaveLength(demo.licenses.length + demo.sites.filter((s) => s.attendeeAccountEnabled).length);
  });

  it('loads the demo org into an empty store: same users, same catalog, one commit', async () => {
    const { store: source } = await open(demo);
    const csvText = exportCsv(source);
    // Empty but for the Calling locations (a sync brings them; GET /v1/licenses does not): the export's Location column names them.
    const { store: target, dataFile, auditFile } = await open({ ...emptyOrgDocument(), locations: demo.locations });
    const commit = vi.spyOn(target, 'commit');

    const { plan } = await runImport({ store: target, csvText, fileName: 'demo.csv', mode: 'add-and-remove', dryRun: false, actor: 'cli:t', licenseCatalog });

    expect(plan.unknownColumns).toEqual([]);
    expect(plan.counts).toMatchObject({ created: demo.users.length, refused: 0 });
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit.mock.calls[0]![0].mutations[0]?.type).toBe('catalog.put');
    expect(assignmentsByEmail(allUsers(target))).toEqual(assignmentsByEmail(allUsers(source)));
    // The service mapping gives back the demo's own catalog; the workspace license comes along as "other".
    const imported = target.licenses().filter((l) => l.id !== 'lic-calling-workspaces-100101');
    expect(imported).toEqual(demo.licenses);
    expect(target.license('lic-calling-workspaces-100101')?.service).toBe('other');
    expect(target.subscriptions().map((s) => s.id).sort()).toEqual(demo.subscriptions.map((s) => s.id).sort());
    // The training site has no attendee column in the export (its feature is off): it stays off.
    expect([...target.sites()].sort((a, b) => a.url.localeCompare(b.url))).toEqual([...demo.sites].sort((a, b) => a.url.localeCompare(b.url)));
    for (const license of demo.licenses) expect(target.usedUnits(license.id)).toBe(source.usedUnits(license.id));

    const report = formatImportReport(plan, { dryRun: false });
    expect(report).toContain(`License catalog ${LICENSES_FILE}: 11 licenses added, 0 updated (total units), 4 subscriptions and 3 Meetings sites added`);
    expect(report).toContain('site acme-training.webex.com: attendee accounts off');
    expect(report).toContain('license Meeting - Webex Meetings Free (lic-trial-meetings) not used: no subscriptionId');
    expect(auditLines(auditFile)[0]).toMatchObject({ action: 'import', details: { licenseCatalog: { file: LICENSES_FILE } } });

    await target.close();
    const reopened = await openStore({ dataFile, auditFile });
    stores.splice(stores.indexOf(target), 1, reopened);
    expect(reopened.license('lic-calling-pro-100101')).toEqual(demo.licenses.find((l) => l.id === 'lic-calling-pro-100101'));
    expect(reopened.userCount()).toBe(demo.users.length);
  });

  it('into a store that knows no Calling locations yet (never synced), the Calling columns are read past: every user is loaded, without properties', async () => {
    const { store: source } = await open(demo);
    const { store: target } = await open(emptyOrgDocument());
    const { plan } = await runImport({ store: target, csvText: exportCsv(source), fileName: 'demo.csv', mode: 'add-and-remove', dryRun: false, actor: 't', licenseCatalog });
    const withCalling = demo.users.filter((u) => u.calling);
    expect(withCalling.length).toBeGreaterThan(0);
    expect(plan.counts).toMatchObject({ created: demo.users.length, refused: 0 });
    for (const user of withCalling) {
      const loaded = target.userByEmail(user.email)!;
      expect([...loaded.licenseIds].sort()).toEqual([...user.licenseIds].sort());
      expect(loaded.calling).toBeUndefined();
    }
  });

  it('updates the total units of licenses the store has; their holders stay', async () => {
    const { store } = await open(demo);
    const used = store.usedUnits('lic-messaging-100101');
    const raised = items.map((i) => (i.id === 'lic-messaging-100101' ? { ...i, totalUnits: 500 } : i));
    const { plan } = await runImport({
      store,
      csvText: 'User ID/Email (Required)\n',
      fileName: 'none.csv',
      mode: 'add-only',
      dryRun: false,
      actor: 't',
      licenseCatalog: { fileName: 'l.json', items: raised },
    });
    expect(plan.catalog?.updated).toEqual(['lic-messaging-100101']);
    expect(plan.catalog?.added.licenses).toEqual(['lic-calling-workspaces-100101']);
    expect(store.license('lic-messaging-100101')?.totalUnits).toBe(500);
    expect(store.usedUnits('lic-messaging-100101')).toBe(used);
  });

  it('refuses the whole import when a license would end with more users than units, and writes nothing', async () => {
    const { store, auditFile } = await open(demo);
    const used = store.usedUnits('lic-messaging-100101');
    const lowered = items.map((i) => (i.id === 'lic-messaging-100101' ? { ...i, totalUnits: used - 1 } : i));
    const commit = vi.spyOn(store, 'commit');
    const attempt = runImport({
      store,
      csvText: 'User ID/Email (Required)\nnew.person@acme.example\n',
      fileName: 'one.csv',
      mode: 'add-only',
      dryRun: false,
      actor: 't',
      licenseCatalog: { fileName: 'l.json', items: lowered },
    });
    await expect(attempt).rejects.toThrow(ImportRefusedError);
    await expect(attempt).rejects.toThrow(`Webex Messaging [Sub-100101]: ${used} users, ${used - 1} units`);
    expect(commit).not.toHaveBeenCalled();
    expect(auditLines(auditFile)).toEqual([]);
    expect(store.license('lic-messaging-100101')?.totalUnits).toBe(demo.licenses.find((l) => l.id === 'lic-messaging-100101')?.totalUnits);
  });
});
