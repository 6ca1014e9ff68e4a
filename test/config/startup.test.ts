// `npm start` with a bad setting or a bad data file stops with a clear message and exit code 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function start(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'startup-'));
  const result = spawnSync(tsx, [path.join(root, 'src/main.ts')], {
    cwd: dir, // no .env there
    env: { PATH: process.env.PATH, DATA_FILE: path.join(dir, 'db.json'), AUDIT_FILE: path.join(dir, 'audit.log'), ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, dir };
}

describe('starting the bot', () => {
  it('stops with exit code 2 and names each bad variable', () => {
    const { status, stderr } = start({ PORT: 'abc', BOT_LOCALE: 'de' });
    expect(status).toBe(2);
    expect(stderr).toContain("PORT: must be a whole number between 1 and 65535, got 'abc'");
    expect(stderr).toContain("BOT_LOCALE: must be one of en, nl, got 'de'");
  });

  it('stops with exit code 2 when WEBEX_ADMIN_TOKEN is set without WEBEX_BOT_TOKEN, or a Service App lacks a variable', () => {
    const admin = start({ WEBEX_ADMIN_TOKEN: 'admin-token-secret' });
    expect(admin.status).toBe(2);
    expect(admin.stderr).toContain('WEBEX_ADMIN_TOKEN: is set but WEBEX_BOT_TOKEN is not');
    expect(admin.stderr).not.toContain('admin-token-secret');
    const app = start({ WEBEX_BOT_TOKEN: 'bot-token', WEBEX_ADMIN_CLIENT_ID: 'client-id', WEBEX_ADMIN_REFRESH_TOKEN: 'refresh-token' });
    expect(app.status).toBe(2);
    expect(app.stderr).toContain('WEBEX_ADMIN_CLIENT_SECRET: is required with WEBEX_ADMIN_CLIENT_ID and WEBEX_ADMIN_REFRESH_TOKEN');
  });

  it('stops with exit code 2 on a corrupt data file, names it and leaves it untouched', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'startup-data-'));
    const dataFile = path.join(dir, 'db.json');
    writeFileSync(dataFile, '{"schemaVersion": 1, "users": [');
    const { status, stderr } = start({ DATA_FILE: dataFile, AUDIT_FILE: path.join(dir, 'audit.log') });
    expect(status).toBe(2);
    expect(stderr).toContain(`Cannot start: cannot load ${dataFile}`);
    expect(readFileSync(dataFile, 'utf8')).toBe('{"schemaVersion": 1, "users": [');
  });
});
