// `npm start`'s code path as a real process (node + tsx, src/main.ts) in local mode on a
// fresh data file: ready (logged as mode=local), a message answered by the bot, then SIGTERM → drained, store
// closed (lock released), exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let child: ChildProcess | undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-main-'));
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the bot as a process (src/main.ts, local mode)', () => {
  it('starts on a fresh data file, answers in the group space, and on SIGTERM stops with exit code 0', async () => {
    const port = await freePort();
    const dataFile = path.join(dir, 'db.json');
    const started = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO,
      env: { ...process.env, DATA_FILE: dataFile, AUDIT_FILE: path.join(dir, 'audit.log'), PORT: String(port), WEBEX_BOT_TOKEN: '', WEBHOOK_URL: '', LOG_LEVEL: 'info', NODE_ENV: 'development', DESK_CLOCK_OFFSET_DAYS: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));

    const base = `http://127.0.0.1:${port}`;
    await until('/readyz', async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined));
    console.log(`main.ts ready (GET /readyz 200) ${Date.now() - started} ms after spawn`);
    // /readyz can answer a moment before the start-up line is logged: wait for the line.
    await until('the playground URL in the log', async () => (output.includes(`open the playground at http://localhost:${port}/`) ? true : undefined));
    // Local mode says so, and the SDK's complaint about the emulator's token is not printed.
    expect(output).toMatch(/Webex framework started .*mode=local/);
    expect(output).toContain("DESK_CLOCK_OFFSET_DAYS=3: the desk's clock runs 3 days ahead"); // said once, as a warning
    expect(output).not.toContain('mode=webhook');
    expect(output).not.toContain('not a valid format');

    const people = (await (await fetch(`${base}/playground/api/people`)).json()) as {
      bot: { id: string; displayName: string };
      groupRoomId: string;
      people: { email: string; token: string }[];
    };
    const admin = people.people.find((p) => p.email === 'admin@acme.example')!;
    const api = (method: string, url: string, body?: unknown) =>
      fetch(`${base}/v1${url}`, { method, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await api('POST', '/messages', { roomId: people.groupRoomId, markdown: `<@personId:${people.bot.id}|${people.bot.displayName}> usage` });
    await until('the usage card', async () => {
      const { items } = (await (await api('GET', `/messages?roomId=${people.groupRoomId}`)).json()) as { items: { personId: string; attachments?: unknown[] }[] };
      return items.find((m) => m.personId === people.bot.id && m.attachments) ? true : undefined;
    });

    expect(existsSync(`${dataFile}.lock`)).toBe(true); // held while running
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: finishing events in flight');
    expect(existsSync(dataFile)).toBe(true);
    expect(existsSync(`${dataFile}.lock`)).toBe(false); // the store was closed
  });
});
