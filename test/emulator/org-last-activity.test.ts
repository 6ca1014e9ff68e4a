// The People API's lastActivity as Webex documents it: "the date and time of the person's last
// activity within Webex", presence shown for people of the caller's org, not on a ?id= lookup
// ("If this parameter is provided then presence information (such as the lastActivity or status
// properties) will not be included in the response"), left out with excludeStatus=true, and
// absent for someone who never signed in. Webex sees a message, a card submit, an accepted invite.
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { adminToken, call, orgSeed, personToken } from './org-fixture.js';

const SEEN = '2026-05-04T08:00:00.000Z';

function emulator(): Emulator {
  const seed = orgSeed();
  const people = seed.people.map((p) => (p.email === 'carol@acme.example' || p.email === 'pat@acme.example' ? { ...p, lastActivity: SEEN } : p));
  return createEmulator({
    bot: { email: 'desk@webex.bot', displayName: 'License Desk' },
    people: [{ email: 'ann@acme.example', displayName: 'Ann Admin', label: 'admin' }, { email: 'bob@acme.example', displayName: 'Bob Nobody' }],
    org: { ...seed, people },
  });
}

const person = async (e: Emulator, query: string, token = adminToken(e)) => (await call(e, token, 'GET', `/people?${query}`)).json.items[0];

describe('GET /people: lastActivity', () => {
  it('shows it on the admin list, by email and by id, to an admin and to a person of the org', async () => {
    const e = emulator();
    const listed = (await call(e, adminToken(e), 'GET', '/people?max=100')).json.items as { emails: string[]; lastActivity?: string }[];
    expect(listed.find((p) => p.emails[0] === 'carol@acme.example')?.lastActivity).toBe(SEEN);
    expect(listed.find((p) => p.emails[0] === 'dave@acme.example')).not.toHaveProperty('lastActivity'); // never seen
    expect((await person(e, 'email=carol@acme.example', personToken(e, 'bob@acme.example'))).lastActivity).toBe(SEEN);
    const id = e.org.person('carol@acme.example')!.personId;
    expect((await call(e, adminToken(e), 'GET', `/people/${id}`)).json.lastActivity).toBe(SEEN);
  });

  it('leaves it out of a ?id= lookup and with excludeStatus=true', async () => {
    const e = emulator();
    const id = e.org.person('carol@acme.example')!.personId;
    expect(await person(e, `id=${id}`)).not.toHaveProperty('lastActivity');
    expect(await person(e, 'email=carol@acme.example&excludeStatus=true')).not.toHaveProperty('lastActivity');
  });

  it('has none for a pending invite (never signed in), and one from the moment the invite is accepted', async () => {
    const e = emulator();
    expect(await person(e, 'email=pat@acme.example')).not.toHaveProperty('lastActivity');
    const before = Date.now();
    e.org.acceptInvite('pat@acme.example');
    expect(Date.parse((await person(e, 'email=pat@acme.example')).lastActivity)).toBeGreaterThanOrEqual(before);
  });

  it('moves when the person writes a message or submits a card', async () => {
    const e = emulator();
    const bob = personToken(e, 'bob@acme.example');
    const before = Date.now();
    const sent = await call(e, bob, 'POST', '/messages', { toPersonEmail: 'desk@webex.bot', text: 'help' });
    expect(sent.status).toBe(200);
    const seen = (await person(e, 'email=bob@acme.example')).lastActivity as string;
    expect(Date.parse(seen)).toBeGreaterThanOrEqual(before);

    e.org.setLastActivity('carol@acme.example', '2025-01-01T00:00:00Z');
    expect((await person(e, 'email=carol@acme.example')).lastActivity).toBe('2025-01-01T00:00:00.000Z');
    const card = await call(e, e.state.botToken, 'POST', '/messages', {
      toPersonEmail: 'carol@acme.example',
      text: 'a card',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.3', body: [], actions: [{ type: 'Action.Submit', title: 'OK' }] } }],
    });
    const carol = personToken(e, 'carol@acme.example');
    expect((await call(e, carol, 'POST', '/attachment/actions', { type: 'submit', messageId: card.json.id, inputs: {} })).status).toBe(200);
    expect(Date.parse((await person(e, 'email=carol@acme.example')).lastActivity)).toBeGreaterThanOrEqual(before);
  });
});
