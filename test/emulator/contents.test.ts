// GET /v1/contents/{id}, as Webex's Messages API documents it: a file posted in a space is
// downloaded with a member's bearer token, its name in Content-Disposition (a HEAD gives
// the headers without the file).
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';

let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({
    bot: { email: 'desk@webex.bot', displayName: 'License Desk' },
    people: [
      { email: 'ann@acme.example', displayName: 'Ann Admin', label: 'admin' },
      { email: 'bob@acme.example', displayName: 'Bob Nobody' },
    ],
  });
});

const tokenOf = (email: string) => emulator.state.tokenOf(emulator.people().find((p) => p.emails[0] === email)!.id)!;
const contentPath = (url: string) => url.replace(/^.*\/v1/, '').replace(/^https?:\/\/[^/]+/, '');

/** The bot posts a CSV in its 1:1 with Ann, as `export` does (multipart `files`). */
async function postCsvToAnn(): Promise<string> {
  const ann = emulator.people().find((p) => p.emails[0] === 'ann@acme.example')!;
  const room = emulator.openDirectRoom(ann.id);
  const form = new FormData();
  form.set('roomId', room.id);
  form.set('markdown', 'Here is the export');
  form.set('files', new Blob(['email,name\nann@acme.example,Ann\n'], { type: 'text/csv' }), 'users-2026-11-27.csv');
  const response = await emulator.api.request('/messages', { method: 'POST', headers: { authorization: `Bearer ${emulator.state.botToken}` }, body: form });
  expect(response.status).toBe(200);
  const message = (await response.json()) as { files: string[] };
  expect(message.files).toHaveLength(1);
  return contentPath(message.files[0]!);
}

const get = (path: string, token: string | undefined, method = 'GET') =>
  emulator.api.request(path, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /v1/contents/{id}', () => {
  it('gives a member of the space the file with its name in Content-Disposition', async () => {
    const path = await postCsvToAnn();
    const response = await get(path, tokenOf('ann@acme.example'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="users-2026-11-27.csv"');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await response.text()).toBe('email,name\nann@acme.example,Ann\n');
  });

  it('answers a HEAD with the name and type, without the file', async () => {
    const path = await postCsvToAnn();
    const response = await get(path, tokenOf('ann@acme.example'), 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="users-2026-11-27.csv"');
    expect(await response.text()).toBe('');
  });

  it('refuses a call without a token (401) and someone outside the space (404)', async () => {
    const path = await postCsvToAnn();
    expect((await get(path, undefined)).status).toBe(401);
    expect((await get(path, tokenOf('bob@acme.example'))).status).toBe(404);
  });
});
