// A bad file is refused whole, with the line number, and the store is left as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvFileError, MAX_ROWS, decodeCsvBytes, parseUserCsv } from '../../src/csv/parse.js';
import { runImport } from '../../src/csv/run-import.js';
import type { Store } from '../../src/store/index.js';
import { assignmentsByEmail, auditLines, csvTestOrg, openTempStore, readFixture } from './helpers.js';

const org = csvTestOrg();

function fileError(csvText: string): CsvFileError {
  try {
    parseUserCsv(csvText, org);
  } catch (error) {
    if (error instanceof CsvFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('bad files', () => {
  let store: Store;
  let auditFile: string;
  beforeEach(async () => {
    ({ store, auditFile } = await openTempStore(org));
  });
  afterEach(async () => {
    await store.close();
  });

  it.each([
    ['wrong-delimiter-semicolon.csv', 'wrong-delimiter', 1, /separated by ";".*uses commas/],
    ['wrong-delimiter-tab.csv', 'wrong-delimiter', 1, /separated by tab/],
    ['missing-email-column.csv', 'missing-email-column', 1, /no "User ID\/Email \(Required\)" column/],
    ['bad-boolean.csv', 'bad-boolean', 3, /"Webex Messaging \[Sub-100101\]" is "yes"; use TRUE, FALSE or leave it empty/],
    ['duplicate-email.csv', 'duplicate-email', 4, /ann@acme\.example is already on line 2/],
  ])('%s: %s on line %i, nothing changed', async (name, problem, line, message) => {
    const before = assignmentsByEmail(store.searchUsers({ limit: 1000 }).users);
    const run = runImport({ store, csvText: readFixture(name), fileName: name, mode: 'add-and-remove', dryRun: false, actor: 'cli:test' });
    await expect(run).rejects.toThrow(CsvFileError);
    const error = fileError(readFixture(name));
    expect(error.problem).toBe(problem);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
    expect(error.message).toMatch(message);
    expect(assignmentsByEmail(store.searchUsers({ limit: 1000 }).users)).toEqual(before);
    expect(auditLines(auditFile)).toEqual([]);
  });

  it(`refuses more than ${MAX_ROWS} rows, naming the first line too many`, async () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `user${i}@acme.example,TRUE`);
    const csvText = ['User ID/Email (Required),Webex Messaging [Sub-100101]', ...rows].join('\n');
    const error = fileError(csvText);
    expect(error.problem).toBe('too-many-rows');
    expect(error.line).toBe(MAX_ROWS + 2);
    expect(error.message).toContain(`at most ${MAX_ROWS}`);
    await expect(runImport({ store, csvText, fileName: 'big.csv', mode: 'add-only', dryRun: false, actor: 'cli:test' })).rejects.toThrow(
      CsvFileError,
    );
    expect(store.userCount()).toBe(org.users.length);
  });

  it('refuses TRUE in a (Suspended) column, as Control Hub does', () => {
    const error = fileError('User ID/Email (Required),Advanced Messaging [Sub-100101] (Suspended)\nann@acme.example,FALSE\nbob@acme.example,TRUE\n');
    expect(error.problem).toBe('suspended-true');
    expect(error.line).toBe(3);
  });

  it('refuses an empty email and a header that names one license twice', () => {
    expect(fileError('User ID/Email (Required),First Name\n,Ann\n')).toMatchObject({ problem: 'bad-email', line: 2 });
    expect(
      fileError('User ID/Email (Required),Webex Messaging [Sub-100101],webex messaging\nann@acme.example,TRUE,TRUE\n'),
    ).toMatchObject({ problem: 'duplicate-column', line: 1 });
  });

  it('skips blank lines and rows of empty cells, as spreadsheets leave them', () => {
    const parsed = parseUserCsv('User ID/Email (Required),Webex Messaging [Sub-100101]\n\nann@acme.example,TRUE\n,\n , \n', org);
    expect(parsed.rows.map((r) => [r.line, r.email])).toEqual([[3, 'ann@acme.example']]);
  });

  it('gives the starting line of a row whose quoted cell spans lines', () => {
    const error = fileError('User ID/Email (Required),Display Name,Webex Messaging [Sub-100101]\nann@acme.example,"Ann\nVos",maybe\n');
    expect(error).toMatchObject({ problem: 'bad-boolean', line: 2 });
  });

  it('reads a UTF-16LE file (as Webex site exports are) and then names its tab delimiter', () => {
    const text = '\uFEFF' + readFixture('wrong-delimiter-tab.csv');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(1), 'utf16le')]);
    expect(fileError(decodeCsvBytes(bytes)).problem).toBe('wrong-delimiter');
  });
});
