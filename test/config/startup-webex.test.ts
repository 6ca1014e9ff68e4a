// `npm start` with a bot token when Webex cannot be used: the token refused (401), Webex down
// (503), nothing listening (ECONNREFUSED). Each ends in one "Cannot start: …" line that says
// what to check, a non-zero exit code and no stack trace (unless LOG_LEVEL=debug).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/free-port.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dirs: string[] = [];
const servers: Server[] = [];

/** A stand-in for webexapis.com that answers every request with `status`. */
async function webexAnswering(status: number): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: status === 401 ? 'The request requires a valid access token set in the Authorization request header.' : 'Service Unavailable', trackingId: 't-1' }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/v1`;
}

/** The bot as `npm start` runs it, against apiBase; resolves with its exit code and output. */
function start(apiBase: string, env: Record<string, string> = {}): Promise<{ status: number | null; stderr: string; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'startup-webex-'));
  dirs.push(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(root, 'src/main.ts')], {
      cwd: dir, // no .env there
      env: { PATH: process.env.PATH, DATA_FILE: path.join(dir, 'db.json'), AUDIT_FILE: path.join(dir, 'audit.log'), WEBEX_BOT_TOKEN: 'bot-token-under-test', HYDRA_SERVICE_URL: apiBase, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, stdout });
    });
  });
}

const lastLine = (text: string) => text.trim().split('\n').at(-1);
const STACK_LINE = /^\s+at /m;

let refusing: string;
let down: string;
beforeAll(async () => {
  refusing = await webexAnswering(401);
  down = await webexAnswering(503);
});
afterAll(() => {
  for (const server of servers) server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('starting the bot when Webex cannot be used', () => {
  it('a refused bot token (401): one line naming WEBEX_BOT_TOKEN, exit code 2, no stack trace, no token', async () => {
    const { status, stderr, stdout } = await start(refusing);
    expect(status).toBe(2);
    expect(lastLine(stderr)).toBe('Cannot start: Webex refused the bot token (401): check WEBEX_BOT_TOKEN (developer.webex.com → My Webex Apps → your bot)');
    expect(stderr + stdout).not.toMatch(STACK_LINE);
    expect(stderr + stdout).not.toContain('bot-token-under-test');
  });

  it('Webex down (503): one line saying so, exit code 1, no stack trace', async () => {
    const { status, stderr, stdout } = await start(down);
    expect(status).toBe(1);
    expect(lastLine(stderr)).toBe(`Cannot start: Webex answered 503 at ${new URL(down).origin}: Webex is having trouble (https://status.webex.com); try again later`);
    expect(stderr + stdout).not.toMatch(STACK_LINE);
  });

  it('nothing listening (ECONNREFUSED): one line naming the address and what to check, exit code 1, no stack trace', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { status, stderr, stdout } = await start(`${closed}/v1`);
    expect(status).toBe(1);
    expect(lastLine(stderr)).toBe(`Cannot start: cannot reach ${closed} (ECONNREFUSED): check the network (DNS, proxy, firewall) or HYDRA_SERVICE_URL`);
    expect(stderr + stdout).not.toMatch(STACK_LINE);
  });

  it('the admin connection unreachable: one line for it too, exit code 1', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { status, stderr } = await start(`${closed}/v1`, { WEBEX_ADMIN_TOKEN: 'admin-token-under-test' });
    expect(status).toBe(1);
    expect(lastLine(stderr)).toMatch(/^Cannot start: the admin connection failed: Webex could not be reached for GET \/v1\/people\/me: fetch failed \(ECONNREFUSED\): check the network/);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toContain('admin-token-under-test');
  });

  it('with LOG_LEVEL=debug the stack is shown as well, before the same line', async () => {
    const { status, stderr, stdout } = await start(refusing, { LOG_LEVEL: 'debug' });
    expect(status).toBe(2);
    expect(stdout).toMatch(STACK_LINE);
    expect(lastLine(stderr)).toContain('Cannot start: Webex refused the bot token (401)');
  });
});
