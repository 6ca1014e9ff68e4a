// The npm scripts end to end: arguments, DATA_FILE/AUDIT_FILE, report, exit code.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDemoOrg } from '../../src/demo/demo-org.js';
import { emptyOrgDocument } from '../../src/domain/index.js';
import { FIXTURES, auditLines, csvTestOrg, openTempStore } from './helpers.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function cli(script: 'import' | 'export', args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'test' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run import / export', () => {
  it('imports with a report and exit 1 when rows were refused; a bad file exits 2 and changes nothing', async () => {
    const { store, dataFile, auditFile, dir } = await openTempStore(csvTestOrg());
    await store.close();
    const env = { DATA_FILE: dataFile, AUDIT_FILE: auditFile };

    const bad = await cli('import', [path.join(FIXTURES, 'bad-boolean.csv')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 3:');
    expect(auditLines(auditFile)).toEqual([]);

    const real = await cli('import', [path.join(FIXTURES, 'control-hub-realistic.csv'), '--mode', 'add-and-remove'], env);
    expect(real.code).toBe(1);
    expect(real.stdout).toContain('9 rows: 3 created, 0 updated, 1 unchanged, 5 refused');
    expect(real.stdout).toContain('Line 6 bram.dekker@acme.example: refused');
    const lines = auditLines(auditFile);
    expect(lines[0]).toMatchObject({ action: 'import', actorId: expect.stringMatching(/^cli:/) });
    expect(lines.slice(1).map((l) => l.action)).toEqual(['license.change', 'license.change', 'license.change']);

    const out = path.join(dir, 'out.csv');
    const exported = await cli('export', [out], env);
    expect(exported.code).toBe(0);
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600'); // every user's email and licenses: the owner's only
    const again = await cli('import', [out, '--mode', 'add-and-remove', '--dry-run'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('6 rows: 0 created, 0 updated, 6 unchanged, 0 refused');
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toContain('User ID/Email (Required)');
  });

  it('loads an exported org into an empty store with --licenses; a bad licenses file exits 2', async () => {
    const source = await openTempStore(loadDemoOrg());
    await source.store.close();
    const out = path.join(source.dir, 'org.csv');
    expect((await cli('export', [out], { DATA_FILE: source.dataFile, AUDIT_FILE: source.auditFile })).code).toBe(0);

    // Empty but for the Calling locations (a sync brings them): the export's Location column names them.
    const target = await openTempStore({ ...emptyOrgDocument(), locations: loadDemoOrg().locations });
    await target.store.close();
    const env = { DATA_FILE: target.dataFile, AUDIT_FILE: target.auditFile };
    const badJson = path.join(target.dir, 'bad.json');
    fs.writeFileSync(badJson, '{"items":[{"id":"x"}]}');
    const bad = await cli('import', [out, '--licenses', badJson], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('The licenses file cannot be used; nothing changed.');
    expect(bad.stderr).toContain('items.0.name');

    const loaded = await cli('import', [out, '--licenses', path.join(FIXTURES, 'webex-licenses.json'), '--mode', 'add-and-remove'], env);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('License catalog webex-licenses.json: 11 licenses added');
    expect(loaded.stdout).not.toContain('Unknown column');
    const again = await cli('import', [out, '--mode', 'add-and-remove', '--dry-run'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/(\d+) rows: 0 created, 0 updated, \1 unchanged, 0 refused/);
  });
});
