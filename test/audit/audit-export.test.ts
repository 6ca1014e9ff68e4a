// npm run audit:export: the lines between two dates as CSV (both days included), a clear
// error for bad dates, nothing exported from a broken chain.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { auditCsv, parseDate, UsageError } from '../../scripts/audit-export.js';
import { openStore, type Store } from '../../src/store/index.js';

const run = promisify(execFile);
let dir: string;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** An audit file with one line on each of 25, 26, 27 and 28 November. */
async function auditFileOfFourDays(): Promise<string> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
  const clock = { now: new Date('2026-11-25T23:30:00.000Z') };
  const dataFile = path.join(dir, 'db.json');
  const auditFile = path.join(dir, 'audit.log');
  writeFileSync(dataFile, readFileSync(new URL('../../data/demo-org.json', import.meta.url)));
  store = await openStore({ dataFile, auditFile, now: () => clock.now });
  const emma = store.userByEmail('emma.bakker@acme.example')!;
  for (const [i, action] of (['license.change', 'request.submit', 'request.approve', 'role.add'] as const).entries()) {
    await store.audit([
      {
        action,
        actorId: 'p-admin',
        actorEmail: 'admin@acme.example',
        targetUserId: emma.id,
        targetEmail: emma.email,
        before: { licenseIds: ['lic-a'], attendeeOf: [] },
        after: { licenseIds: ['lic-a', 'lic-b'], attendeeOf: ['acme.webex.com'] },
        codes: ['R2.migration', 'R3.auto'],
        requestId: `req-${i}`,
        eventId: `evt-${i}`,
      },
    ]);
    clock.now = new Date(clock.now.getTime() + 24 * 60 * 60 * 1000);
  }
  await store.close();
  store = undefined;
  return auditFile;
}

describe('audit:export', () => {
  it('exports the lines of the days asked for, both ends included, with every column', async () => {
    const file = await auditFileOfFourDays();
    const { csv, rows, lines } = await auditCsv({ file, from: parseDate('from', '2026-11-26'), to: parseDate('to', '2026-11-27') });
    expect({ rows, lines }).toEqual({ rows: 2, lines: 4 });
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.action)).toEqual(['request.submit', 'request.approve']);
    expect(records[0]).toMatchObject({
      time: '2026-11-26T23:30:00.000Z',
      seq: '2',
      actor: 'admin@acme.example',
      actor_id: 'p-admin',
      target: 'emma.bakker@acme.example',
      target_id: 'user-emma-bakker',
      before: 'lic-a',
      after: 'lic-a;lic-b;attendee:acme.webex.com',
      codes: 'R2.migration;R3.auto',
      request_id: 'req-1',
      event_id: 'evt-1',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['2026-13-01', /--from "2026-13-01" is not a date/],
    ['2026-02-30', /--from "2026-02-30" is not a date/],
    ['yesterday', /--from "yesterday" is not a date: use YYYY-MM-DD/],
    [undefined, /--from is missing/],
  ])('a bad date (%s) is a clear usage error', (value, message) => {
    expect(() => parseDate('from', value)).toThrow(UsageError);
    expect(() => parseDate('from', value)).toThrow(message);
  });

  it('refuses to export from a broken chain and names the line', async () => {
    const file = await auditFileOfFourDays();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 1);
    writeFileSync(file, lines.join('\n'));
    await expect(auditCsv({ file, from: 0, to: Date.now() })).rejects.toThrow(/line 2 is bad: prevHash does not match/);
  });

  it('runs as `npm run audit:export` (the script): writes --out, exit 2 on a bad date', async () => {
    const file = await auditFileOfFourDays();
    const out = path.join(dir, 'out.csv');
    const env = { ...process.env, AUDIT_FILE: file };
    const script = path.resolve('scripts/audit-export.ts');
    const done = await run('npx', ['tsx', script, '--from', '2026-11-25', '--to', '2026-11-28', '--out', out], { env });
    expect(done.stderr).toContain(`Wrote 4 of 4 audit lines (2026-11-25 to 2026-11-28) to ${out}; hash chain verified`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('time,seq,actor,actor_id,action,target,target_id,before,after,codes,request_id,event_id,hash');
    const bad = await run('npx', ['tsx', script, '--from', '2026-11-28', '--to', 'soon'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--to "soon" is not a date') });
  }, 30_000);
});
