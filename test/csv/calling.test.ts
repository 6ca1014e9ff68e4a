// The Webex Calling properties in Control Hub's Extension, Phone Number and Location columns:
// export writes them, import reads them into the change's `calling`, the rules judge them as
// for the wizard, and a file without the columns (an older export) behaves as before.
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportCsv } from '../../src/csv/export.js';
import { planImport } from '../../src/csv/import.js';
import { runImport } from '../../src/csv/run-import.js';
import type { OrgDocument, User } from '../../src/domain/index.js';
import { importOutbox } from '../../src/flows/org/changes.js';
import type { Store } from '../../src/store/index.js';
import { auditLines, csvTestOrg, openTempStore } from './helpers.js';

const PRO = 'Webex Calling - Professional [Sub-100101]';
const BASIC = 'Webex Calling - Basic [Sub-100101]';
const HEADER = `User ID/Email (Required),${PRO},${BASIC},Extension,Phone Number,Location`;

const ANNA: User = {
  id: 'u-anna',
  email: 'anna.smit@acme.example',
  displayName: 'Anna Smit',
  type: 'internal',
  status: 'active',
  siteAdminOf: [],
  licenseIds: ['lic-calling-pro-100101'],
  attendeeOf: [],
  calling: { locationId: 'loc-amsterdam', extension: '4101', phoneNumber: '+31205550100' },
  rev: 0,
};

/** csvTestOrg (the demo's locations: Amsterdam HQ, Rotterdam, Utrecht) with Anna, who has Calling properties. */
function org(): OrgDocument {
  const base = csvTestOrg();
  return { ...base, users: [...base.users, ANNA] };
}

describe('Calling properties in the CSV', () => {
  let store: Store;
  let auditFile: string;
  beforeEach(async () => {
    ({ store, auditFile } = await openTempStore(org()));
  });
  afterEach(async () => {
    await store.close();
  });
  const plan = (csvText: string, mode: 'add-only' | 'add-and-remove' = 'add-only') => planImport({ reader: store, csvText, mode, actor: 't' });
  const run = (csvText: string, mode: 'add-only' | 'add-and-remove' = 'add-only') =>
    runImport({ store, csvText, fileName: 'calling.csv', mode, dryRun: false, actor: 'cli:t' });

  it('export writes Extension, Phone Number (E.164) and the location name; empty for a user without properties', () => {
    const [header = [], ...rows] = parse(exportCsv(store)) as string[][];
    const cell = (email: string, column: string) => rows.find((r) => r.includes(email))?.[header.indexOf(column)];
    expect(header).toEqual(expect.arrayContaining(['Extension', 'Phone Number', 'Location']));
    expect(['Extension', 'Phone Number', 'Location'].map((c) => cell(ANNA.email, c))).toEqual(['4101', '+31205550100', 'Amsterdam HQ']);
    // Tom holds Calling Basic without properties (an older import): his cells are empty.
    expect(['Extension', 'Phone Number', 'Location'].map((c) => cell('tom.jansen@acme.example', c))).toEqual(['', '', '']);
  });

  it('export writes a number as Webex takes it, and a location the store does not know by its id', async () => {
    await store.close();
    const odd = { ...ANNA, calling: { locationId: 'loc-gone', phoneNumber: '+31 20 555-0100' } };
    ({ store } = await openTempStore({ ...org(), users: [odd] }));
    const [header = [], row = []] = parse(exportCsv(store)) as string[][];
    expect(['Extension', 'Phone Number', 'Location'].map((c) => row[header.indexOf(c)])).toEqual(['', '+31205550100', 'loc-gone']);
  });

  it('import stores good properties: a location by name in any case or by id; the audit line carries them', async () => {
    const csvText = [HEADER, 'ann.vos@acme.example,TRUE,,4102,,amsterdam hq', 'piet.de.vries@acme.example,TRUE,,,+31 10 555 0101,loc-rotterdam'].join('\n');
    const { plan: result } = await run(csvText);
    expect(result.rows.map((r) => [r.email, r.outcome, r.reasons])).toEqual([
      ['ann.vos@acme.example', 'created', []],
      ['piet.de.vries@acme.example', 'created', []],
    ]);
    expect(store.userByEmail('ann.vos@acme.example')).toMatchObject({ licenseIds: ['lic-calling-pro-100101'], calling: { locationId: 'loc-amsterdam', extension: '4102' } });
    expect(store.userByEmail('ann.vos@acme.example')?.calling).not.toHaveProperty('phoneNumber');
    expect(store.userByEmail('piet.de.vries@acme.example')?.calling).toEqual({ locationId: 'loc-rotterdam', phoneNumber: '+31105550101' });
    const line = auditLines(auditFile).find((l) => l.targetEmail === 'ann.vos@acme.example');
    expect(line).toMatchObject({ action: 'license.change', change: { addLicenseIds: ['lic-calling-pro-100101'], calling: { locationId: 'loc-amsterdam', extension: '4102' } } });
  });

  it('refuses each bad row with the rule and its message; the rest of the file goes on', async () => {
    const csvText = [
      HEADER,
      'a1@acme.example,TRUE,,4102,,Paris',
      'a2@acme.example,TRUE,,41a,,Amsterdam HQ',
      'a3@acme.example,TRUE,,,12345,Amsterdam HQ',
      'a4@acme.example,TRUE,,4101,,Amsterdam HQ', // Anna's extension there
      'a5@acme.example,TRUE,,,+31205550100,Rotterdam', // Anna's number
      'a6@acme.example,TRUE,,,,', // Calling without properties, in a file that has the columns
      'a7@acme.example,,,4107,,Amsterdam HQ', // properties without a Calling license
      'a8@acme.example,TRUE,,4108,,', // no location at all
      'a9@acme.example,TRUE,,,,Utrecht', // a location, neither extension nor number
      'ok@acme.example,TRUE,,4109,,Utrecht',
    ].join('\n');
    const { plan: result } = await run(csvText);
    const refused = result.rows.filter((r) => r.outcome === 'refused').map((r) => [r.email, r.reasons.map((m) => m.code)]);
    expect(refused).toEqual([
      ['a1@acme.example', ['CALLING.location-unknown']],
      ['a2@acme.example', ['CALLING.extension-invalid']],
      ['a3@acme.example', ['CALLING.number-invalid']],
      ['a4@acme.example', ['CALLING.extension-taken']],
      ['a5@acme.example', ['CALLING.number-taken']],
      ['a6@acme.example', ['CALLING.properties-missing']],
      ['a7@acme.example', ['CALLING.without-license']],
      ['a8@acme.example', ['CALLING.properties-missing']],
      ['a9@acme.example', ['CALLING.number-or-extension']],
    ]);
    const message = (email: string) => result.rows.find((r) => r.email === email)?.reasons[0]?.message;
    expect(message('a1@acme.example')).toContain('The location Paris is not a Webex Calling location');
    expect(message('a2@acme.example')).toContain('The extension 41a is not valid');
    expect(message('a3@acme.example')).toContain('The phone number 12345 is not valid');
    expect(message('a4@acme.example')).toContain('The extension 4101 in Amsterdam HQ already belongs to Anna Smit');
    expect(message('a5@acme.example')).toContain('The phone number +31205550100 already belongs to Anna Smit');
    expect(message('a6@acme.example')).toContain('Webex needs a location and a number for Webex Calling - Professional');
    expect(result.counts).toMatchObject({ created: 1, refused: 9 });
    expect(store.userByEmail('ok@acme.example')?.calling).toEqual({ locationId: 'loc-utrecht', extension: '4109' });
    for (const email of refused.map(([e]) => e as string)) expect(store.userByEmail(email)).toBeUndefined();
  });

  it('an empty cell leaves that property as it is; the same properties are no change', async () => {
    expect(plan(`${HEADER}\n${ANNA.email},,,,,`).rows[0]?.outcome).toBe('unchanged');
    expect(plan(`${HEADER}\n${ANNA.email},TRUE,,4101,+31 20 555 0100,AMSTERDAM HQ`).rows[0]?.outcome).toBe('unchanged');

    const { plan: result } = await run(`${HEADER}\n${ANNA.email},,,4199,,`);
    expect(result.rows[0]).toMatchObject({ outcome: 'updated', reasons: [] });
    expect(store.userByEmail(ANNA.email)).toMatchObject({ rev: 1, calling: { locationId: 'loc-amsterdam', extension: '4199', phoneNumber: '+31205550100' } });
    const line = auditLines(auditFile).find((l) => l.targetEmail === ANNA.email);
    expect(line).toMatchObject({
      before: { licenseIds: ['lic-calling-pro-100101'], attendeeOf: [] },
      after: { licenseIds: ['lic-calling-pro-100101'], attendeeOf: [] },
      change: { addLicenseIds: [], calling: { locationId: 'loc-amsterdam', extension: '4199', phoneNumber: '+31205550100' } },
    });
  });

  it('a new location keeps the extension and number the row leaves empty (checked in that location)', async () => {
    await run(`${HEADER}\n${ANNA.email},,,,,Rotterdam`);
    expect(store.userByEmail(ANNA.email)?.calling).toEqual({ locationId: 'loc-rotterdam', extension: '4101', phoneNumber: '+31205550100' });
  });

  it('a tier switch in the file keeps the properties; no Calling license left drops them', async () => {
    await run(`${HEADER}\n${ANNA.email},FALSE,TRUE,4101,+31205550100,Amsterdam HQ`, 'add-and-remove');
    expect(store.userByEmail(ANNA.email)).toMatchObject({ licenseIds: ['lic-calling-basic-100101'], calling: ANNA.calling });
    // The cells still say what she had: not a change of properties, and the license goes with them.
    const { plan: result } = await run(`${HEADER}\n${ANNA.email},FALSE,FALSE,4101,+31205550100,Amsterdam HQ`, 'add-and-remove');
    expect(result.rows[0]?.outcome).toBe('updated');
    expect(store.userByEmail(ANNA.email)?.licenseIds).toEqual([]);
    expect(store.userByEmail(ANNA.email)).not.toHaveProperty('calling');
  });

  it('the outbox entry for Webex adds the Calling license with the row’s properties', () => {
    const result = plan(`${HEADER}\nann.vos@acme.example,TRUE,,4102,,Amsterdam HQ`);
    const [put] = importOutbox(store, { newId: () => '1', now: () => new Date(0) }, result.userChanges);
    expect(put).toMatchObject({
      type: 'orgChange.put',
      change: { licenses: [{ id: 'lic-calling-pro-100101', operation: 'add', properties: { locationId: 'loc-amsterdam', extension: '4102' } }] },
    });
  });

  it('export then import changes nothing, in both modes', async () => {
    const before = store.searchUsers({ limit: store.userCount() }).users.map((u) => ({ ...u }));
    const commit = vi.spyOn(store, 'commit');
    for (const mode of ['add-only', 'add-and-remove'] as const) {
      const { plan: result } = await run(exportCsv(store), mode);
      expect(result.counts).toMatchObject({ unchanged: before.length, created: 0, updated: 0, refused: 0 });
    }
    expect(commit.mock.calls.flatMap(([input]) => input.mutations)).toEqual([]);
    expect(store.searchUsers({ limit: store.userCount() }).users).toEqual(before);
  });

  it('a file without the three columns (an older export) behaves as before: Calling is added without properties', () => {
    const older = plan(`User ID/Email (Required),${PRO}\nann.vos@acme.example,TRUE`);
    expect(older.rows[0]).toMatchObject({ outcome: 'created', reasons: [] });
    expect(older.mutations[0]).toMatchObject({ type: 'user.put', user: { licenseIds: ['lic-calling-pro-100101'] } });
    expect(older.mutations[0]).not.toHaveProperty('user.calling');
    expect(older.ignoredColumns).toEqual([]);
    // One of the columns is enough for the file to have to give the properties.
    const withOne = plan(`User ID/Email (Required),${PRO},Location\nann.vos@acme.example,TRUE,`);
    expect(withOne.rows[0]?.reasons.map((m) => m.code)).toEqual(['CALLING.properties-missing']);
  });
});
