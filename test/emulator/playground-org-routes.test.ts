// The playground's Control Hub API without a browser: the emulated org's licenses and
// people as Webex holds them, and a change made outside the desk (zod-checked; a bad one
// changes nothing). It never reaches a bot store: the desk learns on `sync`.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { playgroundRoutes } from '../../src/playground/routes.js';
import { call, HQ, LIC, adminToken, orgEmulator } from './org-fixture.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function request(app: ReturnType<typeof playgroundRoutes>, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await app.request(path, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: response.status, json: await response.json() };
}

describe('playground Control Hub routes', () => {
  it('the page carries the collapsible panel', async () => {
    const html = await (await playgroundRoutes({ emulator: orgEmulator() }).request('/')).text();
    expect(html).toMatch(/<details id="org-panel"[^>]*>\s*<summary>Control Hub \(emulated org\)<\/summary>/);
  });

  it('lists the org’s licenses with names and consumed/total units', async () => {
    const app = playgroundRoutes({ emulator: orgEmulator() });
    const { status, json } = await request(app, 'GET', '/playground/api/org/licenses');
    expect(status).toBe(200);
    expect(json.org).toBe(true);
    const byId = Object.fromEntries(json.licenses.map((l: { id: string }) => [l.id, l]));
    expect(byId[LIC.scarce]).toEqual({ id: LIC.scarce, name: 'Scarce add-on', consumed: 1, total: 1 });
    expect(byId[LIC.meetings]).toMatchObject({ name: 'Meeting - Webex Meetings', siteUrl: 'acme.webex.com', consumed: 1, total: 5 });
  });

  it('says there is no org when the emulator plays none', async () => {
    const app = playgroundRoutes({ emulator: createEmulator({ bot: { email: 'desk@webex.bot', displayName: 'License Desk' }, people: [{ email: 'bob@acme.example', displayName: 'Bob' }] }) });
    expect((await request(app, 'GET', '/playground/api/org/licenses')).json).toEqual({ org: false, licenses: [] });
  });

  it('searches people by name or email, sorted, the first 25', async () => {
    const app = playgroundRoutes({ emulator: orgEmulator(40) });
    const byName = await request(app, 'GET', '/playground/api/org/people?q=carol');
    expect(byName.json).toEqual({ total: 1, people: [{ email: 'carol@acme.example', displayName: 'Carol Pro', licenses: 2 }] });
    const byEmail = await request(app, 'GET', '/playground/api/org/people?q=DAVE@ACME');
    expect(byEmail.json.people.map((p: { email: string }) => p.email)).toEqual(['dave@acme.example']);
    const all = await request(app, 'GET', '/playground/api/org/people');
    expect(all.json.total).toBeGreaterThan(40);
    expect(all.json.people).toHaveLength(25);
    expect(all.json.people.map((p: { email: string }) => p.email)).not.toContain('desk@webex.bot');
  });

  it('shows one person as Webex holds them: license names, attendee sites, Calling, invite', async () => {
    const app = playgroundRoutes({ emulator: orgEmulator() });
    const carol = await request(app, 'GET', '/playground/api/org/people/carol%40acme.example');
    expect(carol.status).toBe(200);
    expect(carol.json).toMatchObject({
      email: 'carol@acme.example',
      displayName: 'Carol Pro',
      invitePending: false,
      licenses: [
        { id: LIC.pro, name: 'Webex Calling - Professional', pending: false },
        { id: LIC.messaging, name: 'Messaging', pending: false },
      ],
      calling: { locationId: HQ, locationName: 'HQ', extension: '100', phoneNumber: '+15550000001' },
    });
    const dave = await request(app, 'GET', '/playground/api/org/people/dave@acme.example');
    expect(dave.json.attendeeSites).toEqual([{ url: 'acme.webex.com', pending: false }]);
    expect((await request(app, 'GET', '/playground/api/org/people/pat@acme.example')).json.invitePending).toBe(true);
    const nobody = await request(app, 'GET', '/playground/api/org/people/nobody@acme.example');
    expect(nobody.status).toBe(404);
    expect(nobody.json.error).toContain('nobody@acme.example');
  });

  it('changes a license outside the desk: the org’s API answers it, the event log shows it', async () => {
    const emulator = orgEmulator();
    const app = playgroundRoutes({ emulator });
    const changed = await request(app, 'POST', '/playground/api/org/people/erin@acme.example/change', { add: [LIC.messaging], remove: [LIC.cx] });
    expect(changed.status).toBe(200);
    expect(changed.json.licenses).toEqual([{ id: LIC.messaging, name: 'Messaging', pending: false }]);
    expect(emulator.org.person('erin@acme.example')?.licenses).toEqual([LIC.messaging]);
    // What the bot reads on sync: the admin API shows the change.
    const erin = emulator.org.person('erin@acme.example')!;
    const viaApi = await call(emulator, adminToken(emulator), 'GET', `/people/${erin.personId}`);
    expect(viaApi.json.licenses).toEqual([LIC.messaging]);
    expect(emulator.log.since(0).some((e) => e.title.startsWith('Control Hub') && e.who === 'erin@acme.example')).toBe(true);
    // A pending invite takes the license as pending, as in Webex.
    const pat = await request(app, 'POST', '/playground/api/org/people/pat@acme.example/change', { add: [LIC.messaging] });
    expect(pat.json.licenses).toEqual([{ id: LIC.messaging, name: 'Messaging', pending: true }]);
  });

  it('refuses a bad change with a clear 400 and changes nothing', async () => {
    const emulator = orgEmulator();
    const app = playgroundRoutes({ emulator });
    const before = emulator.org.person('carol@acme.example');
    const change = (email: string, body: unknown) => request(app, 'POST', `/playground/api/org/people/${email}/change`, body);
    const cases: [string, unknown, string][] = [
      ['carol@acme.example', { add: [LIC.std, 'lic-nope'] }, 'no license lic-nope'],
      ['nobody@acme.example', { add: [LIC.std] }, 'nobody@acme.example'],
      ['carol@acme.example', {}, 'nothing to change'],
      ['carol@acme.example', { add: [LIC.std], remove: [LIC.std] }, 'both added and removed'],
      ['carol@acme.example', { add: 'lic-calling-std' }, 'add'],
      ['carol@acme.example', { add: [LIC.std], attendeeAdd: ['acme.webex.com'] }, 'attendeeAdd'],
      ['carol@acme.example', 'not json', 'expected object'],
    ];
    for (const [email, body, message] of cases) {
      const answer = await change(email, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error).toContain(message);
    }
    expect(emulator.org.person('carol@acme.example')).toEqual(before);
    expect(emulator.log.since(0).some((e) => e.title.startsWith('Control Hub'))).toBe(false);
  });
});
