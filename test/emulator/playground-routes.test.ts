// The playground's routes without a browser: the page and its scripts are served, the
// people list carries the emulator tokens and role labels, a 1:1 opens on demand.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { playgroundRoutes } from '../../src/playground/routes.js';

const emulator = createEmulator({
  bot: { email: 'desk@webex.bot', displayName: 'License Desk' },
  people: [
    { email: 'ann@acme.example', displayName: 'Ann Admin', label: 'admin' },
    { email: 'hal@acme.example', displayName: 'Hal Help', label: 'helpdesk' },
    { email: 'bob@acme.example', displayName: 'Bob Nobody' },
  ],
});
const app = playgroundRoutes({ emulator });

describe('playground routes', () => {
  it('serves the page, its script, its style and the adaptivecards renderer', async () => {
    const page = await app.request('/');
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('/playground/adaptivecards.js');
    expect(html).toContain('/playground/app.js');
    for (const asset of ['/playground/app.js', '/playground/style.css', '/playground/adaptivecards.js']) {
      expect((await app.request(asset)).status).toBe(200);
    }
    expect(await (await app.request('/playground/adaptivecards.js')).text()).toContain('AdaptiveCard');
  });

  it('lists who you can be, with role labels and tokens, and never the bot’s token', async () => {
    const body = (await (await app.request('/playground/api/people')).json()) as {
      bot: { id: string };
      groupRoomId: string;
      people: { email: string; label: string; token?: string; type: string }[];
    };
    expect(body.groupRoomId).toBe(emulator.groupRoom.id);
    const byEmail = Object.fromEntries(body.people.map((p) => [p.email, p]));
    expect(byEmail['ann@acme.example']).toMatchObject({ label: 'admin', type: 'person' });
    expect(byEmail['hal@acme.example']?.label).toBe('helpdesk');
    expect(byEmail['bob@acme.example']?.label).toBe('none');
    expect(emulator.state.personByToken(byEmail['bob@acme.example']!.token!)?.emails[0]).toBe('bob@acme.example');
    expect(byEmail['desk@webex.bot']?.token).toBeUndefined();
  });

  it('opens a 1:1 with the bot on demand and reuses it', async () => {
    const bob = emulator.state.personByEmail('bob@acme.example')!;
    const open = () => app.request('/playground/api/direct', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: bob.id }) });
    const first = (await (await open()).json()) as { roomId: string };
    const second = (await (await open()).json()) as { roomId: string };
    expect(first.roomId).toBe(second.roomId);
    expect(emulator.state.rooms.get(first.roomId)?.type).toBe('direct');
    expect((await app.request('/playground/api/direct', { method: 'POST', body: '{}' })).status).toBe(400);
  });
});
